import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { benchTempDir, exited, freePort, track } from './children.ts';
import { sharedNow, sleep } from './clock.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');
const BUILT_MAIN = join(repoRoot, 'server/dist/main.js');

export interface ServerOptions {
  /** Extra environment (REDIS_URL, ...). */
  env?: Record<string, string>;
  /** Node flags before the script (`--cpu-prof`, ...). */
  nodeArgs?: string[];
  /** Run with `--trace-gc` and keep every pause in `gcPauses` (kept out of `output()`). */
  traceGc?: boolean;
  /** Run server/src/main.ts with tsx even if a build exists (CPU profiles keep file names). */
  fromSource?: boolean;
  dataDir?: string;
  port?: number;
}

const BUILD_SCRIPT = join(repoRoot, 'scripts/build.mjs');
let built = false;

/**
 * How the server is launched: as `npm start` does, the bundle built by scripts/build.mjs
 * (rebuilt first if its sources changed; once per bench run), or a server/dist/main.js no
 * older than its sources; else its source with tsx.
 */
export function serverCommand(fromSource = false): { args: string[]; label: string } {
  const choice = chooseServer(fromSource);
  if (choice.build && !built) {
    execFileSync(process.execPath, [BUILD_SCRIPT, 'server'], { cwd: repoRoot, stdio: 'pipe' });
    built = true;
  }
  return choice;
}

/** What `serverCommand` runs, without building anything. */
export function chooseServer(fromSource = false): {
  args: string[];
  label: string;
  build: boolean;
} {
  if (!fromSource && existsSync(BUILD_SCRIPT)) {
    return {
      args: ['--enable-source-maps', BUILT_MAIN],
      label: 'node --enable-source-maps server/dist/main.js (built by scripts/build.mjs)',
      build: true,
    };
  }
  if (
    !fromSource &&
    existsSync(BUILT_MAIN) &&
    !newerThan(BUILT_MAIN, ['server/src', 'shared/src'])
  ) {
    return { args: [BUILT_MAIN], label: 'node server/dist/main.js', build: false };
  }
  return {
    args: ['--import', 'tsx', join(repoRoot, 'server/src/main.ts')],
    label: 'node --import tsx server/src/main.ts',
    build: false,
  };
}

/** True if a file under `dirs` changed after `file` was written. */
function newerThan(file: string, dirs: string[]): boolean {
  const builtAt = statSync(file).mtimeMs;
  return dirs.some((dir) =>
    readdirSync(join(repoRoot, dir), { recursive: true, encoding: 'utf8' }).some(
      (entry) => statSync(join(repoRoot, dir, entry)).mtimeMs > builtAt,
    ),
  );
}

/**
 * The real server in its own process, started the way users start it, on loopback, with
 * rate limits off and a temporary DATA_DIR.
 */
export class ServerProcess {
  readonly port: number;
  readonly dataDir: string;
  readonly label: string;
  private child: ChildProcess | null = null;
  private log = '';
  /** Garbage-collection pauses of the main thread: when they were reported, and how long. */
  readonly gcPauses: Array<{ at: number; ms: number }> = [];
  private partialLine = '';

  private constructor(
    port: number,
    private readonly options: ServerOptions,
  ) {
    this.port = port;
    this.dataDir = options.dataDir ?? benchTempDir('data');
    this.label = chooseServer(options.fromSource).label;
  }

  static async start(options: ServerOptions = {}): Promise<ServerProcess> {
    const server = new ServerProcess(options.port ?? (await freePort()), options);
    await server.launch();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error('the server is not running');
    return this.child.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What the server printed (the last 4 KB). */
  output(): string {
    return this.log.slice(-4096);
  }

  /** Starts the process and resolves once /healthz answers; returns ms from spawn to ready. */
  async launch(timeoutMs = 30_000): Promise<number> {
    const { args } = serverCommand(this.options.fromSource);
    const startedAt = sharedNow();
    this.log = '';
    const nodeArgs = [
      ...(this.options.nodeArgs ?? []),
      ...(this.options.traceGc ? ['--trace-gc'] : []),
    ];
    const child = spawn(process.execPath, [...nodeArgs, ...args], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        PUBLIC_URL: this.url,
        DATA_DIR: this.dataDir,
        RATE_LIMIT: 'off',
        LOG_LEVEL: 'warn',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    track(child);
    const keep = (chunk: Buffer) => {
      let text = String(chunk);
      if (this.options.traceGc) text = this.takeGcLines(text);
      this.log = (this.log + text).slice(-16_384);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new ServerExited(child.exitCode, this.output());
      }
      try {
        const response = await fetch(`${this.url}/healthz`);
        if (response.ok) return sharedNow() - startedAt;
      } catch {
        // Not listening yet.
      }
      await sleep(10);
    }
    throw new Error(`the server did not answer /healthz within ${timeoutMs} ms:\n${this.output()}`);
  }

  /** Moves `--trace-gc` lines ("... Scavenge 260.8 (285.7) -> 251.6 (287.2) MB, 10.79 / 0.00 ms ...") into `gcPauses`. */
  private takeGcLines(text: string): string {
    const lines = (this.partialLine + text).split('\n');
    this.partialLine = lines.pop() ?? '';
    const kept: string[] = [];
    for (const line of lines) {
      const pause =
        /(Scavenge|Mark-Compact|Mark-sweep|Minor Mark)[^,]*, ([\d.]+) \/ [\d.]+ ms/.exec(line);
      if (pause) this.gcPauses.push({ at: sharedNow(), ms: Number(pause[2]) });
      else kept.push(line);
    }
    return kept.map((line) => `${line}\n`).join('');
  }

  /** Resident memory of the server process, from /proc. */
  rssBytes(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    if (!kb) throw new Error('no VmRSS in /proc status');
    return Number(kb) * 1024;
  }

  /** SIGKILL: no shutdown code runs. Resolves once the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    if (this.running) child.kill('SIGKILL');
    await exited(child);
    this.child = null;
  }

  /** SIGTERM, the graceful stop (needed for --cpu-prof to write its file); SIGKILL after 10 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    if (this.running) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(timer);
    this.child = null;
  }
}

export class ServerExited extends Error {
  constructor(
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    super(`the server exited at start (code ${exitCode}):\n${output}`);
  }
}
