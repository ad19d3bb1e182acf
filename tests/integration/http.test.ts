import { mkdirSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAllClients,
  connect,
  createGroup,
  facilitatorOf,
  startServer,
  type TestServer,
  tempDir,
} from './helpers.ts';

// The HTTP half of the wire protocol (DESIGN.md, docs/PROTOCOL.md), route by route.

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  closeAllClients();
  await server.stop();
});

const request = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
const post = (body: string, contentType = 'application/json') =>
  request('/api/groups', { method: 'POST', headers: { 'content-type': contentType }, body });

/** Every HTTP error is `{ error: { code, message, field? } }`, as JSON. */
async function errorOf(
  response: Response,
): Promise<{ code: string; message: string; field?: string }> {
  expect(response.headers.get('content-type')).toContain('application/json');
  const body = await response.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

describe('routes', () => {
  it('GET /healthz', async () => {
    const response = await request('/healthz');
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
    expect(body.facilitatorKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.links).toEqual({
      facilitator: `http://127.0.0.1:0/f/${body.code}#key=${body.facilitatorKey}`,
      display: `http://127.0.0.1:0/d/${body.code}`,
      member: `http://127.0.0.1:0/m/${body.code}`,
    });
    const group = await (await request(`/api/groups/${body.code}`)).json();
    expect(group).toMatchObject({ code: body.code, name: 'Ward 3', view: { phase: 'lobby' } });
    // A projector opened at localhost learns where phones can reach the server.
    expect(group.links).toEqual({
      display: `http://127.0.0.1:0/d/${body.code}`,
      member: `http://127.0.0.1:0/m/${body.code}`,
    });
    expect(group.view.plan[3]).toMatchObject({ phase: 'discussion', budgetMs: 1_200_000 });
    expect(group.view).not.toHaveProperty('members');
    expect(JSON.stringify(group)).not.toContain(body.facilitatorKey);
  });

  it('POST /api/groups without a body creates a group with the defaults', async () => {
    const response = await request('/api/groups', { method: 'POST' });
    expect(response.status).toBe(201);
    const { code } = await response.json();
    const { view } = await (await request(`/api/groups/${code}`)).json();
    expect(view).toMatchObject({ name: '', phaseBudgetMs: 300_000, autoAdvance: false });
  });

  it('stores only a hash of the facilitator key', async () => {
    const body = await (await post('{}')).json();
    const stored = await server.store.get(body.code);
    expect(stored?.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(body.facilitatorKey);
  });

  it('GET /api/groups/:code takes the code in any case, with dashes; unknown codes are 404', async () => {
    const { code } = await createGroup(server.url, { name: 'Ward 3' });
    for (const typed of [code, code.toLowerCase(), `${code.slice(0, 3)}-${code.slice(3)}`]) {
      const response = await request(`/api/groups/${typed}`);
      expect(response.status, typed).toBe(200);
      expect(await response.json()).toMatchObject({ code, name: 'Ward 3', view: { code } });
    }
    for (const typed of ['ZZZZZZ', 'abc', '%00', 'x'.repeat(200), '..%2F..%2Fetc']) {
      const response = await request(`/api/groups/${typed}`);
      expect(response.status, typed).toBe(404);
      expect((await errorOf(response)).code).toBe('not_found');
    }
  });

  it('DELETE /api/groups/:code with the key: 204, gone at once, its screens told', async () => {
    const { code, key, f } = await facilitatorOf(server.url);
    const other = await createGroup(server.url);
    const member = await connect(server.url, { code, role: 'member', name: 'Ana' });
    const screens = [f, member];
    const dropped = Promise.all(
      screens.map((screen) => new Promise((resolve) => screen.socket.once('disconnect', resolve))),
    );
    for (const authorization of [undefined, `Bearer ${other.facilitatorKey}`, `Basic ${key}`]) {
      const refused = await request(`/api/groups/${code}`, {
        method: 'DELETE',
        headers: authorization ? { authorization } : {},
      });
      expect(refused.status, authorization).toBe(403);
      expect((await errorOf(refused)).code).toBe('forbidden');
    }
    const deleted = await request(`/api/groups/${code}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(deleted.status).toBe(204);
    // Told, then let go by the server: they do not come back by themselves.
    expect(await dropped).toEqual(['io server disconnect', 'io server disconnect']);
    expect(screens.map((screen) => screen.expired)).toEqual([1, 1]);
    expect((await request(`/api/groups/${code}`)).status).toBe(404);
    expect(await server.store.get(code)).toBeNull();
  });
});

describe('errors: the protocol shape with a fitting status', () => {
  it('a body that fails validation is 400 naming the field', async () => {
    const cases: [unknown, string | undefined][] = [
      [{ colour: 'red' }, 'colour'],
      [{ name: 'x', plan: { colour: 'red' } }, 'plan.colour'],
      [{ plan: { budgets: { lunch: 60_000 } } }, 'plan.budgets.lunch'],
      [{ plan: { budgets: { lobby: 60_000 } } }, 'plan.budgets.lobby'],
      [{ plan: { prompts: { opening: { everyone: 'x' } } } }, 'plan.prompts.opening.everyone'],
      [{ plan: { autoAdvance: 'yes' } }, 'plan.autoAdvance'],
      [{ name: 'x'.repeat(81) }, 'name'],
      [{ name: 5 }, 'name'],
      ...[999, 10_800_001, 1500.5, -1, '60000', null].map((ms): [unknown, string] => [
        { plan: { budgets: { discussion: ms } } },
        'plan.budgets.discussion',
      ]),
      [[], undefined],
    ];
    for (const [body, field] of cases) {
      const response = await post(JSON.stringify(body));
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('invalid_request');
      expect(error.field, JSON.stringify(body)).toBe(field);
    }
    for (const body of [
      { plan: { budgets: { discussion: 1000 } } },
      { plan: { budgets: { discussion: 10_800_000 } } },
      { name: 'x'.repeat(80) },
    ]) {
      expect((await post(JSON.stringify(body))).status, JSON.stringify(body)).toBe(201);
    }
  });

  it('malformed JSON and bodies that are not JSON are 400', async () => {
    const cases: [string, string][] = [
      ['{"name":', 'application/json'],
      ['null', 'application/json'],
      ['"x"', 'application/json'],
      ['name=x', 'application/x-www-form-urlencoded'],
      ['name', 'text/plain'],
    ];
    for (const [body, type] of cases) {
      const response = await post(body, type);
      expect(response.status, `${type} ${body}`).toBe(400);
      expect((await errorOf(response)).code).toBe('invalid_request');
    }
  });

  it('a body over 16 KB is 413, whatever its type', async () => {
    const huge = 'x'.repeat(20_000);
    for (const type of ['application/json', 'text/plain', 'application/octet-stream']) {
      const response = await post(type === 'application/json' ? `"${huge}"` : huge, type);
      expect(response.status, type).toBe(413);
      expect((await errorOf(response)).code).toBe('payload_too_large');
    }
  });

  it('requests Node itself refuses still get a JSON error body', async () => {
    const long = await request(`/api/groups/${'A'.repeat(20_000)}`);
    expect(long.status).toBe(431);
    expect((await errorOf(long)).code).toBe('payload_too_large');
    const answer = await new Promise<string>((resolve) => {
      const socket = netConnect(server.port, '127.0.0.1', () => {
        socket.write('GARBAGE / HTTP/1.1\r\n\r\n');
      });
      let text = '';
      socket.on('data', (chunk) => {
        text += String(chunk);
      });
      socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('application/json');
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(body.error.code).toBe('invalid_request');
  });

  it('a wrong method on a known route is 405 with Allow', async () => {
    const cases: [string, string, string][] = [
      ['PUT', '/api/groups', 'POST'],
      ['GET', '/api/groups', 'POST'],
      ['DELETE', '/api/groups', 'POST'],
      ['PATCH', '/api/groups/ABCDEF', 'GET, DELETE, HEAD'],
      ['POST', '/api/groups/ABCDEF', 'GET, DELETE, HEAD'],
      ['POST', '/healthz', 'GET, HEAD'],
      ['POST', '/', 'GET'],
      ['DELETE', '/m/ABCDEF', 'GET'],
    ];
    for (const [method, path, allowed] of cases) {
      const response = await request(path, { method });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow')).toContain(allowed);
      expect((await errorOf(response)).code).toBe('invalid_request');
    }
  });

  it('unknown routes are 404 not_found', async () => {
    for (const path of ['/api', '/api/nothing', '/api/groups/ABCDEF/extra', '/nowhere']) {
      for (const method of ['GET', 'POST', 'DELETE']) {
        const response = await request(path, { method });
        expect(response.status, `${method} ${path}`).toBe(404);
        expect((await errorOf(response)).code).toBe('not_found');
      }
    }
  });
});

describe('pages', () => {
  it('carry a same-host CSP, nosniff and no HSTS or upgrade-insecure-requests', async () => {
    for (const path of ['/', '/f/ABCDEF', '/d/ABCDEF', '/m/ABCDEF', '/api/groups/ZZZZZZ']) {
      const response = await request(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
      ]) {
        expect(csp, path).toContain(directive);
      }
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(csp).not.toMatch(/https?:\/\//);
      expect(response.headers.get('strict-transport-security')).toBeNull();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('are a placeholder, and the favicon a 204, before the client is built', async () => {
    for (const path of ['/', '/f/ABCDEF', '/d/ABCDEF', '/m/ABCDEF']) {
      const response = await request(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('not been built');
    }
    expect((await request('/favicon.ico')).status).toBe(204);
  });

  it('serve client/dist once built, with index.html for the page routes', async () => {
    const dataDir = tempDir();
    const dist = join(dataDir, 'no-client');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>client</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const built = await startServer({ dataDir });
    try {
      for (const path of ['/', '/f/ABCDEF', '/d/ABCDEF', '/m/ABCDEF']) {
        expect(await (await fetch(`${built.url}${path}`)).text()).toContain(
          '<title>client</title>',
        );
      }
      const asset = await fetch(`${built.url}/assets/app.js`);
      expect(await asset.text()).toBe('console.log(1)');
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${built.url}/m/ABCDEF`)).headers.get('cache-control')).toBe('no-cache');
      expect((await fetch(`${built.url}/assets/missing.js`)).status).toBe(404);
      const icon = await fetch(`${built.url}/favicon.ico`);
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toContain('svg');
    } finally {
      await built.stop();
    }
  });
});
