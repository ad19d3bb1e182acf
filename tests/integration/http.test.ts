import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { openSqliteStore } from '../../server/src/groups/store.sqlite.ts';
import { silentLogger } from '../../server/src/logger.ts';
import { startServer, type TestServer, tempDataDir, testClock } from './helpers.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

const post = (body: string, contentType = 'application/json') =>
  fetch(`${server.url}/api/groups`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });

describe('HTTP API', () => {
  it('GET /healthz', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('POST /api/groups creates a group with a key and absolute links', async () => {
    const response = await post(
      JSON.stringify({ name: 'Ward 3', plan: { budgets: { discussion: 1_200_000 } } }),
    );
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    expect(body.facilitatorKey).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(body.links).toEqual({
      facilitator: `http://127.0.0.1:0/f/${body.code}#key=${body.facilitatorKey}`,
      display: `http://127.0.0.1:0/d/${body.code}`,
      member: `http://127.0.0.1:0/m/${body.code}`,
    });
    const info = await fetch(`${server.url}/api/groups/${body.code.toLowerCase()}`);
    expect(info.status).toBe(200);
    const group = await info.json();
    expect(group).toMatchObject({ code: body.code, name: 'Ward 3', view: { phase: 'lobby' } });
    // A projector opened at localhost learns where phones can reach the server.
    expect(group.links).toEqual({
      display: `http://127.0.0.1:0/d/${body.code}`,
      member: `http://127.0.0.1:0/m/${body.code}`,
    });
    expect(group.view.plan[3]).toMatchObject({ phase: 'discussion', budgetMs: 1_200_000 });
    expect(JSON.stringify(group)).not.toContain(body.facilitatorKey);
  });

  it('stores only a hash of the facilitator key', async () => {
    const body = await (await post('{}')).json();
    const stored = await server.store.get(body.code);
    expect(stored?.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(body.facilitatorKey);
  });

  it('refuses bad bodies with 400 invalid_request and the field', async () => {
    const cases: [unknown, string | undefined][] = [
      [{ name: 'x'.repeat(81) }, 'name'],
      [{ name: 5 }, 'name'],
      [{ colour: 'red' }, undefined],
      [{ plan: { budgets: { opening: 10 } } }, 'plan.budgets.opening'],
      [{ plan: { budgets: { lobby: 60_000 } } }, undefined],
      [{ plan: { autoAdvance: 'yes' } }, 'plan.autoAdvance'],
      [[], undefined],
    ];
    for (const [body, field] of cases) {
      const response = await post(JSON.stringify(body));
      expect(response.status, JSON.stringify(body)).toBe(400);
      const json = await response.json();
      expect(json.error.code).toBe('invalid_request');
      expect(typeof json.error.message).toBe('string');
      if (field) expect(json.error.field).toBe(field);
    }
  });

  it('malformed JSON is 400, more than 16 KB is 413', async () => {
    const malformed = await post('{"name":');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('invalid_request');
    const large = await post(JSON.stringify({ name: 'x'.repeat(20_000) }));
    expect(large.status).toBe(413);
    expect((await large.json()).error.code).toBe('payload_too_large');
  });

  it('GET of unknown or malformed codes is 404 not_found', async () => {
    for (const code of ['ZZZZZZ', 'abc', '%00', 'x'.repeat(200), '..%2F..%2Fetc']) {
      const response = await fetch(`${server.url}/api/groups/${code}`);
      expect(response.status, code).toBe(404);
      expect((await response.json()).error.code).toBe('not_found');
    }
  });

  it('unknown /api routes are 404 JSON', async () => {
    const response = await fetch(`${server.url}/api/nothing`, { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });

  it('sets a strict CSP without upgrade-insecure-requests', async () => {
    const response = await fetch(`${server.url}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('serves a placeholder page and a 204 favicon before the client is built', async () => {
    for (const path of ['/', '/f/ABCDEF', '/d/ABCDEF', '/m/ABCDEF']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('not been built');
    }
    expect((await fetch(`${server.url}/favicon.ico`)).status).toBe(204);
    expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
  });
});

describe('the built client', () => {
  it('serves client/dist, with index.html for the page routes', async () => {
    const dataDir = tempDataDir();
    const dist = join(dataDir, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>client</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const store = openSqliteStore(dataDir);
    const app = await createApp({
      store,
      clock: testClock(),
      logger: silentLogger(),
      publicUrl: 'http://127.0.0.1',
      clientDist: dist,
    });
    await new Promise<void>((resolve) => app.http.listen(0, '127.0.0.1', resolve));
    const address = app.http.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      for (const path of ['/', '/f/ABCDEF', '/d/ABCDEF', '/m/ABCDEF']) {
        expect(await (await fetch(`${url}${path}`)).text()).toContain('<title>client</title>');
      }
      const asset = await fetch(`${url}/assets/app.js`);
      expect(await asset.text()).toBe('console.log(1)');
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${url}/m/ABCDEF`)).headers.get('cache-control')).toBe('no-cache');
      expect((await fetch(`${url}/assets/missing.js`)).status).toBe(404);
      const icon = await fetch(`${url}/favicon.ico`);
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toContain('svg');
    } finally {
      await app.close();
      store.close();
    }
  });
});

describe('bodies that are not JSON', () => {
  it('POST /api/groups with a text body is 400, with no body creates a default group', async () => {
    const text = await post('name=Ward', 'text/plain');
    expect(text.status).toBe(400);
    expect((await text.json()).error.code).toBe('invalid_request');
    const empty = await fetch(`${server.url}/api/groups`, { method: 'POST' });
    expect(empty.status).toBe(201);
  });
});
