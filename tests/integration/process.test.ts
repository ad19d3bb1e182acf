import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtServerArgs } from '../support/build.ts';
import { closeAllClients, connect, eventually, removeDir, tempDataDir } from './helpers.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const children = new Set<ChildProcess>();
let serverArgs: string[] = [];

beforeAll(() => {
  serverArgs = builtServerArgs();
});

afterEach(() => {
  closeAllClients();
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

interface Running {
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** `node server/dist/main.js`, as `npm start` runs it, on loopback. */
async function launch(port: number, dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, serverArgs, {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((done) => {
    child.once('exit', (code) => {
      children.delete(child);
      done(code);
    });
  });
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    // The banner (stdout) and the first answer may arrive in either order.
    if (!output.includes(`http://127.0.0.1:${port}`)) return false;
    try {
      return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
    } catch {
      return false;
    }
  }, 15_000);
  return { child, exited };
}

describe('the real process', () => {
  it('survives SIGKILL mid-phase: same phase, elapsed time by the wall clock', async () => {
    const port = await freePort();
    const dataDir = tempDataDir();
    const url = `http://127.0.0.1:${port}`;
    const first = await launch(port, dataDir);
    const response = await fetch(`${url}/api/groups`, { method: 'POST' });
    const { code, facilitatorKey: key, links } = await response.json();
    expect(links.display).toBe(`${url}/d/${code}`);
    const f = await connect(url, { code, role: 'facilitator', key }, { reconnection: true });
    const started = await f.command({ type: 'start' });
    if (!started.ok) throw new Error('start refused');
    const startedAt = started.view.serverTime - started.view.phaseElapsedMs;
    const before = f.views.length;

    first.child.kill('SIGKILL');
    await first.exited;
    await launch(port, dataDir);

    const view = await f.waitFor((v) => f.views.indexOf(v) >= before, 10_000);
    expect(view).toMatchObject({ phase: 'opening', running: true, revision: 1 });
    expect(view.serverTime - view.phaseElapsedMs).toBe(startedAt);
    expect(view.phaseElapsedMs).toBeGreaterThan(0);
    expect(await f.command({ type: 'next' })).toMatchObject({ ok: true, view: { revision: 2 } });
    removeDir(dataDir);
  });

  it('says so plainly and exits 1 when its port is taken or its configuration is wrong', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const dataDir = tempDataDir();
    try {
      for (const env of [{ PORT: String(port) }, { PORT: 'x', REDIS_URL: 'nonsense' }]) {
        const child = spawn(process.execPath, serverArgs, {
          cwd: repoRoot,
          env: { ...process.env, HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        children.add(child);
        let output = '';
        child.stdout?.on('data', (chunk) => {
          output += String(chunk);
        });
        child.stderr?.on('data', (chunk) => {
          output += String(chunk);
        });
        const code = await new Promise<number | null>((done) => child.once('exit', done));
        children.delete(child);
        expect(code, output).toBe(1);
        expect(output, JSON.stringify(env)).toMatch(/PORT/);
        expect(output).not.toMatch(/\n\s+at /);
      }
    } finally {
      await new Promise<void>((done) => taken.close(() => done()));
      removeDir(dataDir);
    }
  });

  it('shuts down gracefully on SIGTERM with exit code 0', async () => {
    const port = await freePort();
    const dataDir = tempDataDir();
    const running = await launch(port, dataDir);
    const url = `http://127.0.0.1:${port}`;
    const { code } = await (await fetch(`${url}/api/groups`, { method: 'POST' })).json();
    const display = await connect(url, { code, role: 'display' });
    const dropped = new Promise((done) => display.socket.once('disconnect', done));
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(await dropped).toBe('transport close');
    removeDir(dataDir);
  });
});
