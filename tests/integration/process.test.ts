import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, killAllServers, runToExit, ServerProcess } from '../support/serverProcess.ts';
import { closeAllClients, connect, removeDir, tempDir } from './helpers.ts';

// What only the real process can show. The first test runs main.ts under tsx, as `npm start`
// does; the other its bundle, which starts in a fraction of the time. SIGKILL at random
// moments: sigkill.test.ts; a DATA_DIR it cannot use: storage.test.ts.

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
  it('starts as npm start runs it, serves, and stops gracefully on SIGTERM with exit code 0', async () => {
    const server = new ServerProcess({ port: await freePort(), dataDir: dataDir() });
    await server.start();
    expect(server.output).toContain(`Balint Timer is running on port ${server.port}.`);
    const { code, facilitatorKey: key, links } = await server.createGroup();
    expect(links.display).toBe(`${server.url}/d/${code}`);
    const f = await connect(server.url, { code, role: 'facilitator', key });
    expect(await f.command({ type: 'start' })).toMatchObject({ ok: true, view: { revision: 1 } });
    const dropped = new Promise((done) => f.socket.once('disconnect', done));
    expect(await server.kill('SIGTERM')).toBe(0);
    // Closed at the transport, so that clients reconnect by themselves to the next process.
    expect(await dropped).toBe('transport close');
  });

  it('says so plainly and exits 1 when its port is taken or its configuration is wrong', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const envs: Record<string, string>[] = [{}, { PORT: 'x', REDIS_URL: 'nonsense' }];
      for (const env of envs) {
        const exit = await runToExit({ port, dataDir: dataDir(), env });
        expect(exit.code, exit.output).toBe(1);
        expect(exit.output, JSON.stringify(env)).toMatch(/PORT/);
        expect(exit.output).not.toMatch(/\n\s+at /);
      }
    } finally {
      await new Promise<void>((done) => taken.close(() => done()));
    }
  });
});
