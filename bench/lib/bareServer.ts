import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

/**
 * The peer for figure 2: a bare Socket.IO server (the version the real server uses) that does
 * only what a broadcast needs. Screens join one room and get the captured view on connect; a
 * facilitator's `command` is acked and the same view (next revision) goes to the room.
 * Usage: node --import tsx bench/lib/bareServer.ts PORT VIEW_JSON_FILE
 */
const [portArgument, viewFile] = process.argv.slice(2);
if (!portArgument || !viewFile) throw new Error('usage: bareServer.ts PORT VIEW_JSON_FILE');
const captured = JSON.parse(readFileSync(viewFile, 'utf8')) as { revision: number };
let revision = captured.revision;
const view = () => ({ ...captured, revision, serverTime: Date.now() });

const http = createServer((request, response) => {
  response.writeHead(request.url === '/healthz' ? 200 : 404, {
    'content-type': 'application/json',
  });
  response.end('{"ok":true}');
});
// The options of the real server that touch the wire; nothing else.
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 24 * 1024 });
io.on('connection', (socket) => {
  const role = (socket.handshake.auth as { role?: string }).role;
  if (role !== 'facilitator') void socket.join('screens');
  socket.emit('session', view());
  socket.on('command', (_command: unknown, ack?: (result: unknown) => void) => {
    revision += 1;
    const next = view();
    io.to('screens').emit('session', next);
    ack?.({ ok: true, view: next });
  });
});
http.listen(Number(portArgument), '127.0.0.1');
process.on('disconnect', () => process.exit(0));
