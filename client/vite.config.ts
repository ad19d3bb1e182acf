import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * Socket.IO's client bundles a WebTransport transport that our server never offers; leaving it
 * out keeps ~0.6 KB gzipped off every phone (the member page's budget is 30 KB).
 */
function withoutWebTransport(): Plugin {
  return {
    name: 'balint:without-webtransport',
    load(id) {
      if (!id.replaceAll('\\', '/').endsWith('engine.io-client/build/esm/transports/index.js')) {
        return null;
      }
      return [
        "import { XHR } from './polling-xhr.js';",
        "import { WS } from './websocket.js';",
        'export const transports = { websocket: WS, polling: XHR };',
      ].join('\n');
    },
  };
}

const server = process.env.BALINT_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [preact(), withoutWebTransport()],
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
