import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Redis; the tests need the real server, never a mock. */
export const REDIS_SERVER = '/usr/bin/redis-server';

/** What survives a kill: nothing (the default), or an append-only file fsynced on every write. */
export type RedisPersistence = 'none' | 'aof-always';

/** A redis-server child process on a loopback port, which a test can kill and start again. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** SIGKILL: Redis dies as in a crash (the port stays free for `start`). */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory (after `kill`). */
  start(): Promise<void>;
  /** SIGSTOP: Redis hangs, its connections open and silent; `resume` (SIGCONT) wakes it. */
  pause(): void;
  resume(): void;
  /** Kills it and removes its directory. */
  stop(): Promise<void>;
}

/** Fails the test (never skips it) when redis-server is not installed. */
export function requireRedisServer(): void {
  if (existsSync(REDIS_SERVER)) return;
  throw new Error(
    `${REDIS_SERVER} is missing: the Redis tests need it. Install it with ` +
      '`apt-get install -y redis-server` (the package does not start it; the tests do).',
  );
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

/** Resolves once something accepts connections on the port and answers PING. */
async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(String(data).startsWith('+PONG'));
    });
  });
}

/**
 * Starts redis-server on a free loopback port, in a temporary directory, persisting nothing
 * unless asked (`aof-always`: the data survives `kill` and `start`).
 */
export async function startRedisServer(
  persistence: RedisPersistence = 'none',
): Promise<RedisServer> {
  requireRedisServer();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'balint-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir];
  args.push(
    ...(persistence === 'aof-always'
      ? ['--appendonly', 'yes', '--appendfsync', 'always']
      : ['--appendonly', 'no']),
  );
  let child: ChildProcess | null = null;
  let output = '';

  const start = async () => {
    output = '';
    const started = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    started.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    child = started;
    const deadline = Date.now() + 10_000;
    while (!(await answersPing(port))) {
      if (started.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not answer: ${output}`);
      await new Promise((done) => setTimeout(done, 20));
    }
  };

  const kill = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((done) => running.once('exit', () => done()));
    running.kill('SIGKILL');
    await exited;
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    start,
    pause: () => {
      child?.kill('SIGSTOP');
    },
    resume: () => {
      child?.kill('SIGCONT');
    },
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
