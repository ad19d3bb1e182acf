import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtServerArgs } from './build.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export { freePort } from './serverProcess.ts';

/** A real server process in scale-out mode, as `npm start` runs it, with REDIS_URL. */
export interface ServerProcess {
  readonly port: number;
  readonly url: string;
  /** Everything it printed since it last started (logs at `logLevel`). */
  readonly output: string;
  start(): Promise<void>;
  kill(signal: 'SIGKILL' | 'SIGTERM'): Promise<number | null>;
}

export interface ServerProcessOptions {
  /** PUBLIC_URL; the process's own address by default. */
  publicUrl?: string;
  /** TRUST_PROXY, behind nginx: '1'. */
  trustProxy?: string;
  logLevel?: string;
}

export function serverProcess(
  port: number,
  redisUrl: string,
  options: ServerProcessOptions = {},
): ServerProcess {
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let exited: Promise<number | null> = Promise.resolve(null);
  let output = '';
  return {
    port,
    url,
    get output() {
      return output;
    },
    start: async () => {
      output = '';
      const started = spawn(process.execPath, builtServerArgs(), {
        cwd: repoRoot,
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          PUBLIC_URL: options.publicUrl ?? url,
          REDIS_URL: redisUrl,
          RATE_LIMIT: 'off',
          LOG_LEVEL: options.logLevel ?? 'warn',
          ...(options.trustProxy ? { TRUST_PROXY: options.trustProxy } : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      started.stdout?.on('data', (chunk) => {
        output += String(chunk);
      });
      started.stderr?.on('data', (chunk) => {
        output += String(chunk);
      });
      child = started;
      exited = new Promise((done) => started.once('exit', (code) => done(code)));
      const deadline = Date.now() + 20_000;
      for (;;) {
        if (started.exitCode !== null) throw new Error(`server exited: ${output}`);
        const healthy = await fetch(`${url}/healthz`).then(
          (response) => response.ok,
          () => false,
        );
        if (healthy) return;
        if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
        await new Promise((done) => setTimeout(done, 50));
      }
    },
    kill: async (signal) => {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return running?.exitCode ?? null;
      running.kill(signal);
      return exited;
    },
  };
}
