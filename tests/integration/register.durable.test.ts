import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SittingsResponse } from '@balint/shared';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtServerArgs } from '../support/build.ts';
import { type RedisServer, startRedisServer } from '../support/redisServer.ts';
import { freePort } from '../support/serverProcess.ts';
import {
  closeAllClients,
  connect,
  createGroup,
  eventually,
  removeDir,
  sleep,
  tempDir,
  testClock,
} from './helpers.ts';
import { newKeyPrefix, type RedisApp, startRedisApp } from './redisApps.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const children = new Set<ChildProcess>();
const apps: RedisApp[] = [];
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  closeAllClients();
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  for (const app of apps.splice(0)) await app.stop();
});
afterAll(async () => {
  await redis?.stop();
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function sittingsOf(url: string, code: string, key: string): Promise<SittingsResponse> {
  const response = await fetch(`${url}/api/groups/${code}/sittings`, { headers: bearer(key) });
  if (!response.ok) throw new Error(`sittings: ${response.status}`);
  return (await response.json()) as SittingsResponse;
}

async function confirm(url: string, code: string, key: string, id: string, names: string[]) {
  const response = await fetch(`${url}/api/groups/${code}/sittings/${id}/attendance`, {
    method: 'PUT',
    headers: { ...bearer(key), 'content-type': 'application/json' },
    body: JSON.stringify({ attendance: names.map((name) => ({ name, presented: name === 'Bo' })) }),
  });
  expect(response.status).toBe(200);
}

/** `node server/dist/main.js` on loopback, as `npm start` runs it; resolves once it answers. */
async function launch(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, builtServerArgs(), {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT: 'off',
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
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    if (!output.includes('is running on port')) return false;
    return (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok ?? false;
  }, 20_000);
  return child;
}

describe('the register is durable', () => {
  it('[RG7] SIGKILL and restart: every sitting, attendance and noted name is still there', async () => {
    const port = await freePort();
    const dataDir = tempDir();
    const url = `http://127.0.0.1:${port}`;
    try {
      const first = await launch(port, dataDir);
      const { code, facilitatorKey: key } = await createGroup(url, { standing: true });
      const f = await connect(url, { code, role: 'facilitator', key }, { reconnection: true });
      const member = (name: string) =>
        connect(
          url,
          { code, role: 'member', name, device: `device-${name}-1` },
          { reconnection: true },
        );
      await member('Ann');
      await member('Bo');
      await f.command({ type: 'start' });
      await f.command({ type: 'setPresenter', name: 'Bo' });
      await f.command({ type: 'end' });
      const [week1] = (await sittingsOf(url, code, key)).sittings;
      if (!week1) throw new Error('no sitting');
      await confirm(url, code, key, week1.id, ['Ann', 'Bo']);
      // The second sitting is running when the process is killed.
      await f.command({ type: 'reset' });
      await f.command({ type: 'start' });
      const before = await sittingsOf(url, code, key);

      const exited = new Promise((done) => first.once('exit', done));
      first.kill('SIGKILL');
      await exited;
      await launch(port, dataDir);

      expect(await sittingsOf(url, code, key)).toEqual(before);
      await f.waitFor((view) => view.phase === 'opening' && view.standing, 10_000);
      // Ann and Bo were noted at the start, before the kill; the sitting ends after it.
      await eventually(async () => (await f.command({ type: 'end' })).ok, 10_000);
      const after = await sittingsOf(url, code, key);
      expect(after.sittings).toHaveLength(2);
      expect(after.sittings[0]).toMatchObject({
        confirmed: true,
        attendance: [
          { name: 'Ann', presented: false },
          { name: 'Bo', presented: true },
        ],
      });
      expect(after.sittings[1]?.proposed.map((entry) => entry.name)).toEqual(['Ann', 'Bo']);
      expect(after.roster).toEqual(['Ann', 'Bo']);
    } finally {
      removeDir(dataDir);
    }
  });

  it('[RG7][SO1] two processes on one Redis keep one register; deleting on one removes every key', async () => {
    const clock = testClock(Date.now());
    const keyPrefix = newKeyPrefix();
    const [a, b] = await Promise.all([
      startRedisApp(redis.url, { clock, keyPrefix }),
      startRedisApp(redis.url, { clock, keyPrefix }),
    ]);
    apps.push(a, b);
    const { code, facilitatorKey: key } = await createGroup(a.url);
    const made = await fetch(`${b.url}/api/groups/${code}/standing`, {
      method: 'PUT',
      headers: { ...bearer(key), 'content-type': 'application/json' },
      body: JSON.stringify({ standing: true }),
    });
    expect(made.status).toBe(200);
    const f = await connect(a.url, { code, role: 'facilitator', key });
    await f.waitFor((view) => view.standing);
    await connect(a.url, { code, role: 'member', name: 'Ann', device: 'device-ann-1' });
    await f.command({ type: 'start' });
    // Bo joins on the other process during the sitting and leaves after the presence window.
    const bo = await connect(b.url, { code, role: 'member', name: 'Bo', device: 'device-bo-12' });
    await sleep(1300);
    bo.close();
    await connect(b.url, { code, role: 'member', name: 'Cy', device: 'device-cy-12' });
    const end = await connect(b.url, { code, role: 'facilitator', key });
    expect(await end.command({ type: 'end' })).toMatchObject({ ok: true });

    const seen = await sittingsOf(a.url, code, key);
    expect(seen.sittings[0]?.proposed.map((entry) => entry.name)).toEqual(['Ann', 'Bo', 'Cy']);
    const id = seen.sittings[0]?.id ?? '';
    await confirm(a.url, code, key, id, ['Ann', 'Bo', 'Cy']);
    expect((await sittingsOf(b.url, code, key)).roster).toEqual(['Ann', 'Bo', 'Cy']);
    const forgotten = await fetch(`${b.url}/api/groups/${code}/people/Cy`, {
      method: 'DELETE',
      headers: bearer(key),
    });
    expect(forgotten.status).toBe(204);
    const csv = await (
      await fetch(`${a.url}/api/groups/${code}/register.csv`, { headers: bearer(key) })
    ).text();
    expect(
      csv
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[3]),
    ).toEqual(['Ann', 'Bo']);

    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const keysOf = async () => (await client.keys(`${keyPrefix}*:${code}`)).sort();
      // The group, its screens, its sittings and their attendance (the proposal went at confirm).
      expect(await keysOf()).toEqual(
        ['a', 'g', 'p', 's'].map((kind) => `${keyPrefix}${kind}:${code}`),
      );
      const deleted = await fetch(`${b.url}/api/groups/${code}`, {
        method: 'DELETE',
        headers: bearer(key),
      });
      expect(deleted.status).toBe(204);
      expect(await keysOf()).toEqual([]);
      expect(
        (await fetch(`${a.url}/api/groups/${code}/sittings`, { headers: bearer(key) })).status,
      ).toBe(404);
    } finally {
      await client.close();
    }
  });
});
