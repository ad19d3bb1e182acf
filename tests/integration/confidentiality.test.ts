import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FaultyStore, faultyStore } from '../support/faultyStore.ts';
import {
  captureLogs,
  closeAllClients,
  connect,
  createGroup,
  startServer,
  type TestServer,
} from './helpers.ts';

let server: TestServer | null = null;

afterEach(async () => {
  closeAllClients();
  await server?.stop();
  server = null;
});

/** What the database files hold, as text (deleted pages included, were they left). */
function databaseBytes(dataDir: string): string {
  const files = readdirSync(dataDir).filter((name) => name.startsWith('balint.db'));
  return files.map((name) => readFileSync(join(dataDir, name)).toString('latin1')).join('');
}

describe('confidentiality', () => {
  it('keeps names out of logs and members out of the database', async () => {
    const logs = captureLogs();
    server = await startServer({ logger: logs.logger });
    const url = server.url;
    const { code, facilitatorKey: key } = await createGroup(url);
    const f = await connect(url, { code, role: 'facilitator', key });
    const m = await connect(url, { code, role: 'member', name: 'Zephyrine', offer: true });
    await f.command({ type: 'setPresenter', name: 'Quillon' });
    await f.command({ type: 'start' });
    await f.command({ type: 'setPresenter', name: 'x'.repeat(41) });
    await f.waitFor((view) => view.members?.[0]?.name === 'Zephyrine');
    await m.command({ type: 'setPresenter', name: 'Quillon' });
    m.close();
    await f.command({ type: 'end' });
    const { dataDir } = server;
    await server.stop();
    server = null;

    const logText = logs.lines().join('');
    expect(logText).toContain('group created');
    for (const secret of ['Zephyrine', 'Quillon', key]) expect(logText).not.toContain(secret);
    const stored = databaseBytes(dataDir);
    expect(stored).not.toContain('Zephyrine');
    expect(stored).not.toContain(key);
  });
});

describe('deleted with the group', () => {
  it('leaves no presenter name in the database files, while the server still runs', async () => {
    server = await startServer();
    const { code, facilitatorKey: key } = await createGroup(server.url);
    const f = await connect(server.url, { code, role: 'facilitator', key });
    await f.command({ type: 'setPresenter', name: 'Quillon' });
    await f.command({ type: 'start' });
    await f.command({ type: 'end' });
    // Another group keeps the database busy, as on a real server.
    const other = await createGroup(server.url);
    const g = await connect(server.url, {
      code: other.code,
      role: 'facilitator',
      key: other.facilitatorKey,
    });
    await g.command({ type: 'start' });
    await server.app.groups.remove(code);
    const bytes = databaseBytes(server.dataDir);
    expect(bytes).not.toContain('Quillon');
    expect(bytes).toContain(other.code);
  });
});

describe('internal errors', () => {
  // The socket's side: storage.test.ts ([D2]), where a failed write is answered `internal`.
  it('an HTTP request that fails inside: 500 internal, the details only in the log', async () => {
    const logs = captureLogs();
    let faulty = null as FaultyStore | null;
    server = await startServer({
      logger: logs.logger,
      wrapStore: (store) => {
        faulty = faultyStore(store);
        return faulty.store;
      },
    });
    faulty?.failWrites(() => new Error('disk on fire at /secret/path'));
    const response = await fetch(`${server.url}/api/groups`, { method: 'POST' });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: 'internal', message: 'Something went wrong.' },
    });
    expect(logs.errors()).toMatchObject([
      { msg: 'request failed', err: { message: 'disk on fire at /secret/path' } },
    ]);
    faulty?.heal();
    expect((await fetch(`${server.url}/api/groups`, { method: 'POST' })).status).toBe(201);
  });
});
