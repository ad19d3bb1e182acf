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
 * Our protocol is JSON only: no screen ever sends or receives binary data. Socket.IO's binary
 * support (packets with attachments, base64 over long-polling) is left out, ~0.7 KB gzipped
 * off every phone; were binary ever sent, encoding or decoding it would throw.
 */
function withoutBinary(): Plugin {
  const stubs: Record<string, string> = {
    'socket.io-parser/build/esm/is-binary.js':
      'export const isBinary = () => false;\nexport const hasBinary = () => false;',
    'socket.io-parser/build/esm/binary.js': [
      "const none = () => { throw new Error('binary packets are not supported'); };",
      'export { none as deconstructPacket, none as reconstructPacket };',
    ].join('\n'),
    'engine.io-parser/build/esm/contrib/base64-arraybuffer.js': [
      "const none = () => { throw new Error('binary packets are not supported'); };",
      'export { none as encode, none as decode };',
    ].join('\n'),
  };
  return {
    name: 'balint:without-binary',
    load(id) {
      const path = id.replaceAll('\\', '/');
      const stub = Object.keys(stubs).find((end) => path.endsWith(end));
      return stub ? stubs[stub] : null;
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
    plugins: [preact(), withoutWebTransport(), withoutBinary(), buildIdFile(buildId)],
    define: { __BALINT_BUILD__: JSON.stringify(buildId) },
    build: {
      // The manifest lets a test sum the member route's gzipped chunks.
      manifest: true,
      // Every browser we support has native modulepreload; the polyfill only costs bytes.
      modulePreload: { polyfill: false },
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              {
                // Small side-effect-free modules that most pages share, in one chunk rather than a
                // handful: a phone saves the requests and ~150 gzipped bytes of chunk overhead.
                name: 'common',
                test: /[\\/](models[\\/](storage|useTitle)|i18n[\\/](languages|plural|dictionary)|shared[\\/]src[\\/](languages|phaseIds))\.tsx?$/,
              },
            ],
          },
        },
      },
    },
    server: {
      proxy: {
        '/api': server,
        '/socket.io': { target: server, ws: true },
      },
    },
  };
});
