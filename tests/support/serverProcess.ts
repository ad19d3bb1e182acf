import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  CreateGroupResponse,
  GroupInfoResponse,
  PlanInput,
  SessionView,
} from '@balint/shared';
import { builtServerArgs } from './build.ts';
import { eventually } from './wait.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

export interface ProcessOptions {
  port: number;
  dataDir: string;
  /** More environment, over the defaults (loopback, rate limits off, warnings only). */
  env?: Record<string, string>;
}

/** What a process that stopped by itself said, and its exit code. */
export interface Exit {
  code: number | null;
  output: string;
}

async function spawnServer(options: ProcessOptions): Promise<ChildProcess> {
  // The server as `npm start` runs it: server/dist/main.js, rebuilt if its sources changed.
  return spawn(process.execPath, builtServerArgs(), {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${options.port}`,
      DATA_DIR: options.dataDir,
      RATE_LIMIT: 'off',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the server until it stops by itself (a bad configuration, an unusable DATA_DIR). */
export async function runToExit(options: ProcessOptions, timeoutMs = 20_000): Promise<Exit> {
  const child = await spawnServer(options);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  clearTimeout(timer);
  return { code, output };
}

const running = new Set<ServerProcess>();

/** SIGKILLs every server process still running: for an `afterEach`. */
export async function killAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.kill()));
}

/** The real server in a child process on loopback; it can be killed and started again. */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private exit: Promise<number | null> | null = null;
  private log = '';

  constructor(private readonly options: ProcessOptions) {}

  get port(): number {
    return this.options.port;
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  /** Everything the current (or last) process wrote to stdout and stderr. */
  get output(): string {
    return this.log;
  }

  /**
   * Starts the process and waits until it listens and answers /healthz; `env` adds to (or
   * overrides) its environment for this start, e.g. `BUILD_ID`.
   */
  async start(env: Record<string, string> = {}, timeoutMs = 20_000): Promise<void> {
    this.log = '';
    const child = await spawnServer({ ...this.options, env: { ...this.options.env, ...env } });
    child.stdout?.on('data', (chunk) => {
      this.log += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      this.log += String(chunk);
    });
    this.child = child;
    this.exit = new Promise((done) => child.once('exit', (code) => done(code)));
    running.add(this);
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`server exited: ${this.log}`);
        // The banner (stdout) and the first answer may arrive in either order.
        if (!this.log.includes('is running on port')) return false;
        const response = await fetch(`${this.url}/healthz`);
        if (!response.ok) throw new Error(`healthz ${response.status}`);
        return true;
      },
      timeoutMs,
      10,
    );
  }

  /** Sends `signal` (SIGKILL: the hardest stop there is) and waits for the exit code. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    const child = this.child;
    const exit = this.exit;
    if (!child || !exit) return null;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const code = await exit;
    this.child = null;
    this.exit = null;
    running.delete(this);
    return code;
  }

  async createGroup(name = '', plan?: PlanInput): Promise<CreateGroupResponse> {
    const response = await fetch(`${this.url}/api/groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, ...(plan ? { plan } : {}) }),
    });
    if (response.status !== 201) throw new Error(`create: ${response.status}`);
    return (await response.json()) as CreateGroupResponse;
  }

  /** The server's public view, as stored. */
  async view(code: string): Promise<SessionView> {
    const response = await fetch(`${this.url}/api/groups/${code}`);
    if (!response.ok) throw new Error(`view: ${response.status}`);
    return ((await response.json()) as GroupInfoResponse).view;
  }
}
