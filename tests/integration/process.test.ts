import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, killAllServers, runToExit, ServerProcess } from '../support/serverProcess.ts';
import { closeAllClients, connect, removeDir, tempDir } from './helpers.ts';

// What only the real process can show. The first test runs main.ts under tsx, as `npm start`
// does; the others run its bundle, which starts in a fraction of the time. Random SIGKILLs:
// sigkill.test.ts; a DATA_DIR it cannot use: storage.test.ts.

const dirs: string[] = [];

afterEach(async () => {
  closeAllClients();
  await killAllServers();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function dataDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}

describe('the real process', () => {
  it('survives SIGKILL mid-phase: same phase, elapsed time by the wall clock', async () => {
    const server = new ServerProcess({ port: await freePort(), dataDir: dataDir() });
    await server.start();
    const { code, facilitatorKey: key, links } = await server.createGroup();
    expect(links.display).toBe(`${server.url}/d/${code}`);
    const f = await connect(server.url, { code, role: 'facilitator', key }, { reconnection: true });
    const started = await f.command({ type: 'start' });
    if (!started.ok) throw new Error('start refused');
    const startedAt = started.view.serverTime - started.view.phaseElapsedMs;
    const before = f.views.length;

    await server.kill('SIGKILL');
    await server.start();

    const view = await f.waitFor((v) => f.views.indexOf(v) >= before, 10_000);
    expect(view).toMatchObject({ phase: 'opening', running: true, revision: 1 });
    expect(view.serverTime - view.phaseElapsedMs).toBe(startedAt);
    expect(view.phaseElapsedMs).toBeGreaterThan(0);
    expect(await f.command({ type: 'next' })).toMatchObject({ ok: true, view: { revision: 2 } });
  });

  it('says so plainly and exits 1 when its port is taken or its configuration is wrong', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const envs: Record<string, string>[] = [{}, { PORT: 'x', REDIS_URL: 'nonsense' }];
      for (const env of envs) {
        const exit = await runToExit({ port, dataDir: dataDir(), env, bundled: true });
        expect(exit.code, exit.output).toBe(1);
        expect(exit.output, JSON.stringify(env)).toMatch(/PORT/);
        expect(exit.output).not.toMatch(/\n\s+at /);
      }
    } finally {
      await new Promise<void>((done) => taken.close(() => done()));
    }
  });

  it('shuts down gracefully on SIGTERM with exit code 0', async () => {
    const server = new ServerProcess({ port: await freePort(), dataDir: dataDir(), bundled: true });
    await server.start();
    const { code } = await server.createGroup();
    const display = await connect(server.url, { code, role: 'display' });
    const dropped = new Promise((done) => display.socket.once('disconnect', done));
    expect(await server.kill('SIGTERM')).toBe(0);
    expect(await dropped).toBe('transport close');
  });
});
