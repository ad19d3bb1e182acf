import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const server = process.env.BALINT_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [preact()],
  build: {
    // The manifest lets a test sum the member route's gzipped chunks.
    manifest: true,
    // Every browser we support has native modulepreload; the polyfill only costs bytes.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
