import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { CommandAck, CreateGroupResponse, HandshakeAuth, SessionView } from '@balint/shared';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { type App, createApp } from '../../server/src/app.ts';
import type { Clock } from '../../server/src/clock.ts';
import { openSqliteStore } from '../../server/src/groups/store.sqlite.ts';
import type { GroupStore } from '../../server/src/groups/store.ts';
import { type Logger, silentLogger } from '../../server/src/logger.ts';
import { testClock } from '../support/clocks.ts';
import { tempDir } from '../support/dirs.ts';

// The one harness of the integration tests: an in-process server on loopback, and clients.
export * from '../support/clocks.ts';
export { removeDir, tempDir } from '../support/dirs.ts';
export { eventually, sleep } from '../support/wait.ts';

export interface TestServer {
  app: App;
  store: GroupStore;
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  dataDir?: string;
  clock?: Clock;
  rateLimit?: boolean;
  groupTtlMs?: number;
  sweepIntervalMs?: number;
  presenceWindowMs?: number;
  /** Listen on this port (a restart reuses its predecessor's, so clients reconnect). */
  port?: number;
  trustProxy?: boolean | number;
  logger?: Logger;
  /** Wraps the SQLite store (to inject faults); the server gets what this returns. */
  wrapStore?: (store: GroupStore) => GroupStore;
  /** The built client it serves (none by default). */
  clientDist?: string;
  /** BUILD_ID: the client build it announces instead of the one in `clientDist`. */
  clientBuild?: string;
}

/** A real server on loopback, on a real SQLite store in a temporary directory. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir('balint-it-');
  const sqlite = openSqliteStore(dataDir);
  const store = options.wrapStore ? options.wrapStore(sqlite) : sqlite;
  const app = await createApp({
    store,
    clock: options.clock ?? testClock(),
    logger: options.logger ?? silentLogger(),
    publicUrl: 'http://127.0.0.1:0',
    clientDist: options.clientDist ?? join(dataDir, 'no-client'),
    clientBuild: options.clientBuild,
    rateLimit: options.rateLimit ?? false,
    groupTtlMs: options.groupTtlMs,
    sweepIntervalMs: options.sweepIntervalMs,
    presenceWindowMs: options.presenceWindowMs,
    trustProxy: options.trustProxy,
  });
  await new Promise<void>((resolve) => app.http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = app.http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    store,
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    stop: async () => {
      await app.close();
      await sqlite.close();
    },
  };
}

/** Log lines (pino JSON) kept in memory, to check what the server says and what it never says. */
export interface CapturedLogs {
  logger: Logger;
  lines(): string[];
  /** Entries at level error or above. */
  errors(): { msg: string; err?: { message?: string; code?: string } }[];
}

export function captureLogs(level = 'trace'): CapturedLogs {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return {
    logger: pino({ level }, sink),
    lines: () => lines,
    errors: () =>
      lines.map((line) => JSON.parse(line)).filter((entry) => (entry.level as number) >= 50),
  };
}

export async function createGroup(url: string, body: unknown = {}): Promise<CreateGroupResponse> {
  const response = await fetch(`${url}/api/groups`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status}`);
  return (await response.json()) as CreateGroupResponse;
}

/** A connected socket and everything it has been sent. */
export interface Client {
  socket: Socket;
  views: SessionView[];
  expired: number;
  /** The latest view received. */
  last(): SessionView;
  /** Resolves with the first view (already received or coming) that matches. */
  waitFor(match: (view: SessionView) => boolean, timeoutMs?: number): Promise<SessionView>;
  command(payload: unknown): Promise<CommandAck>;
  close(): void;
}

/** A new group and its facilitator, connected. */
export async function facilitatorOf(
  url: string,
  body: unknown = {},
): Promise<{ code: string; key: string; f: Client }> {
  const { code, facilitatorKey: key } = await createGroup(url, body);
  const f = await connect(url, { code, role: 'facilitator', key });
  return { code, key, f };
}

const clients = new Set<Socket>();

/** Connects over WebSocket and waits for the first `session` view. */
export async function connect(
  url: string,
  auth: Partial<HandshakeAuth> | Record<string, unknown>,
  options: { reconnection?: boolean; extraHeaders?: Record<string, string> } = {},
): Promise<Client> {
  const socket = io(url, {
    auth,
    transports: ['websocket'],
    extraHeaders: options.extraHeaders,
    forceNew: true,
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
  });
  clients.add(socket);
  const views: SessionView[] = [];
  const waiters = new Set<() => void>();
  const client: Client = {
    socket,
    views,
    expired: 0,
    last: () => {
      const view = views[views.length - 1];
      if (!view) throw new Error('no view yet');
      return view;
    },
    waitFor: (match, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = views.find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching view; last: ${JSON.stringify(views.at(-1))}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
    command: (payload) => socket.timeout(5000).emitWithAck('command', payload),
    close: () => {
      socket.disconnect();
      clients.delete(socket);
    },
  };
  socket.on('session', (view: SessionView) => {
    views.push(view);
    for (const waiter of [...waiters]) waiter();
  });
  socket.on('expired', () => {
    client.expired += 1;
  });
  await new Promise<void>((resolve, reject) => {
    const refused = (error: Error) => {
      clients.delete(socket);
      socket.close();
      reject(error);
    };
    socket.once('connect_error', refused);
    socket.once('session', () => {
      // Later failures are reconnection attempts, not a refusal.
      socket.off('connect_error', refused);
      resolve();
    });
  });
  return client;
}

/** The `connect_error` data a handshake is refused with. */
export async function refusedJoin(
  url: string,
  auth: unknown,
  extraHeaders?: Record<string, string>,
): Promise<{ message: string; data?: { code?: string; field?: string; message?: string } }> {
  const socket = io(url, {
    auth: auth as Record<string, unknown>,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders,
  });
  try {
    return await new Promise((resolve, reject) => {
      socket.once('connect', () => reject(new Error('connected, expected a refusal')));
      socket.once('connect_error', (error) =>
        resolve(error as Error & { data?: { code?: string; field?: string } }),
      );
    });
  } finally {
    socket.close();
  }
}

export function closeAllClients(): void {
  for (const socket of clients) socket.disconnect();
  clients.clear();
}
