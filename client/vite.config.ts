import { randomBytes } from 'node:crypto';
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

/**
 * Writes the build's id into the output (`.build-id`, which the server reads and announces in
 * `hello`), beside the same id compiled into the bundle (`__BALINT_BUILD__`): a page open across
 * an upgrade sees that the server's differs from its own and reloads itself.
 */
function buildIdFile(buildId: string): Plugin {
  return {
    name: 'balint:build-id',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '.build-id', source: `${buildId}\n` });
    },
  };
}

const server = process.env.BALINT_SERVER ?? 'http://localhost:3000';

export default defineConfig(({ command }) => {
  // scripts/build.mjs passes the hash of the client's inputs; a bare `vite build` gets an id of
  // its own, and the dev server "dev", which never asks a page to reload.
  const buildId =
    command === 'build' ? (process.env.BALINT_BUILD_ID ?? randomBytes(8).toString('hex')) : 'dev';
  return {
    plugins: [preact(), withoutWebTransport(), buildIdFile(buildId)],
    define: { __BALINT_BUILD__: JSON.stringify(buildId) },
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
  };
});
