import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandAck, CreateGroupResponse, HandshakeAuth, SessionView } from '@balint/shared';
import { io, type Socket } from 'socket.io-client';
import { type App, createApp } from '../../server/src/app.ts';
import type { Clock } from '../../server/src/clock.ts';
import { openSqliteStore } from '../../server/src/groups/store.sqlite.ts';
import type { GroupStore } from '../../server/src/groups/store.ts';
import { silentLogger } from '../../server/src/logger.ts';

/** A clock tests can move: `now()` is real time plus an offset; timers are real. */
export interface TestClock extends Clock {
  advance(ms: number): void;
}

export function testClock(start = 1_800_000_000_000): TestClock {
  let offset = start - Date.now();
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms;
    },
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle),
  };
}

/** A clock that stands still unless moved: elapsed times are exact to the ms. */
export function frozenClock(start = 1_800_000_000_000): TestClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle),
  };
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'balint-it-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

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
  /** Listen on this port (a restart reuses its predecessor's, so clients reconnect). */
  port?: number;
  trustProxy?: boolean | number;
  /** Wraps the real store, to inject a fault into one of its operations. */
  wrapStore?: (store: GroupStore) => GroupStore;
}

/** A real server on loopback, on a real SQLite store in a temporary directory. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const store = openSqliteStore(dataDir);
  const app = await createApp({
    store: options.wrapStore ? options.wrapStore(store) : store,
    clock: options.clock ?? testClock(Date.now()),
    logger: silentLogger(),
    publicUrl: 'http://127.0.0.1:0',
    clientDist: join(dataDir, 'no-client'),
    rateLimit: options.rateLimit ?? false,
    groupTtlMs: options.groupTtlMs,
    sweepIntervalMs: options.sweepIntervalMs,
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
      store.close();
    },
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
): Promise<{ message: string; data?: { code?: string; field?: string } }> {
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

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds, polling; for conditions with no event to wait on. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}
