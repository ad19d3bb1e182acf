import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  CreateGroupResponse,
  GroupInfoResponse,
  PlanInput,
  SessionView,
} from '@balint/shared';
import { build, builtServerArgs } from '../support/build.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Builds client/dist if its sources changed, so the browser tests the client as it is now. */
export function buildClient(): void {
  build('client');
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'balint-e2e-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The real server as `npm start` runs it, in a child process on loopback. */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private output = '';

  constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, builtServerArgs(), {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        PUBLIC_URL: this.url,
        DATA_DIR: this.dataDir,
        RATE_LIMIT: 'off',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => {
      this.output += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      this.output += String(chunk);
    });
    this.child = child;
    const outcome = await eventually(async () => {
      if (child.exitCode !== null) return 'exited';
      // Our own server's word that it listens: a free port found earlier may have been taken
      // since by another test's server, whose /healthz would answer just the same.
      if (!this.output.includes('is running on port')) throw new Error('not listening yet');
      const response = await fetch(`${this.url}/healthz`);
      if (!response.ok) throw new Error(`healthz ${response.status}`);
      return 'listening';
    }, 20_000);
    if (outcome === 'exited') throw new Error(`server exited: ${this.output}`);
  }

  /** SIGKILL: the hardest stop there is. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async createGroup(name: string, plan?: PlanInput): Promise<CreateGroupResponse> {
    const response = await fetch(`${this.url}/api/groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, ...(plan ? { plan } : {}) }),
    });
    if (response.status !== 201) throw new Error(`create: ${response.status}`);
    return (await response.json()) as CreateGroupResponse;
  }

  /** The server's view, to compute the truth screens must agree with. */
  async view(code: string): Promise<SessionView> {
    const response = await fetch(`${this.url}/api/groups/${code}`);
    if (!response.ok) throw new Error(`view: ${response.status}`);
    return ((await response.json()) as GroupInfoResponse).view;
  }
}

export async function eventually<T>(
  check: () => Promise<T> | T,
  timeoutMs = 5_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}
