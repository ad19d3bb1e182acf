import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../server/src/app.ts';
import { openSqliteStore } from '../../server/src/groups/store.sqlite.ts';
import type { GroupStore } from '../../server/src/groups/store.ts';
import {
  closeAllClients,
  connect,
  createGroup,
  startServer,
  tempDataDir,
  testClock,
} from './helpers.ts';

let running: { app: App; store: GroupStore } | null = null;

afterEach(async () => {
  closeAllClients();
  await running?.app.close();
  running?.store.close();
  running = null;
});

async function start(store: GroupStore, logs: string[]): Promise<string> {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await createApp({
    store,
    clock: testClock(),
    logger: pino({ level: 'trace' }, sink),
    publicUrl: 'http://127.0.0.1',
    clientDist: '/nonexistent',
    rateLimit: false,
  });
  running = { app, store };
  await new Promise<void>((resolve) => app.http.listen(0, '127.0.0.1', resolve));
  const address = app.http.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

describe('confidentiality', () => {
  it('keeps names out of logs and members out of the database', async () => {
    const logs: string[] = [];
    const dataDir = tempDataDir();
    const url = await start(openSqliteStore(dataDir), logs);
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
    running?.store.close();

    const logText = logs.join('');
    expect(logText).toContain('group created');
    for (const secret of ['Zephyrine', 'Quillon', key]) expect(logText).not.toContain(secret);

    const files = readdirSync(dataDir).filter((name) => name.startsWith('balint.db'));
    const stored = files.map((name) => readFileSync(join(dataDir, name)).toString('latin1'));
    expect(stored.join('')).not.toContain('Zephyrine');
    expect(stored.join('')).not.toContain(key);
  });
});

describe('deleted with the group', () => {
  it('leaves no presenter name in the database files, while the server still runs', async () => {
    const server = await startServer();
    try {
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
      const files = readdirSync(server.dataDir).filter((name) => name.startsWith('balint.db'));
      const bytes = files.map((name) =>
        readFileSync(join(server.dataDir, name)).toString('latin1'),
      );
      expect(bytes.join('')).not.toContain('Quillon');
      expect(bytes.join('')).toContain(other.code);
    } finally {
      closeAllClients();
      await server.stop();
    }
  });
});

describe('internal errors', () => {
  it('are sanitised for clients and logged', async () => {
    const logs: string[] = [];
    const real = openSqliteStore(tempDataDir());
    let failing = false;
    const store: GroupStore = {
      ...real,
      create: async (group) => {
        if (failing) throw new Error('disk on fire at /secret/path');
        return real.create(group);
      },
      compareAndSet: async (...args) => {
        if (failing) throw new Error('disk on fire at /secret/path');
        return real.compareAndSet(...args);
      },
    };
    const url = await start(store, logs);
    const { code, facilitatorKey: key } = await createGroup(url);
    const f = await connect(url, { code, role: 'facilitator', key });
    failing = true;

    const response = await fetch(`${url}/api/groups`, { method: 'POST' });
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body).error.code).toBe('internal');
    expect(body).not.toContain('secret');

    const ack = await f.command({ type: 'start' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(ack)).not.toContain('secret');
    expect(logs.join('')).toContain('disk on fire');

    failing = false;
    expect(await f.command({ type: 'start' })).toMatchObject({ ok: true, view: { revision: 1 } });
  });
});
