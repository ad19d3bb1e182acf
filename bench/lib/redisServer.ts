import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { exited, freePort, track } from './children.ts';
import { waitFor } from './clock.ts';

/** Debian's redis-server on a free loopback port, nothing persisted; null if not installed. */
export class RedisServer {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static installed(): boolean {
    return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  }

  /** "7.0.15", from `redis-server --version`. */
  static async version(): Promise<string> {
    const said = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout ?? '';
    return /v=(\S+)/.exec(said)?.[1] ?? 'unknown';
  }

  static async start(): Promise<RedisServer> {
    const port = await freePort();
    const child = track(
      spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      ),
    );
    await waitFor(
      'redis-server',
      async () => {
        if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
        return (await ping(port)) ? true : undefined;
      },
      10_000,
    );
    return new RedisServer(port, child);
  }

  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    await exited(this.child);
  }
}

/** True if Redis answers PING on `port`. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(String(data).startsWith('+PONG')));
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}
