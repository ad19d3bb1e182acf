import { connect as netConnect } from 'node:net';
import type { CommandAck, SessionView } from '@balint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  type Client,
  closeAllClients,
  connect,
  createGroup,
  refusedJoin,
  sleep,
  startServer,
  type TestServer,
} from './helpers.ts';

// DESIGN.md "Wire protocol (v1)", sentence by sentence, as an outside client speaks it.

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  closeAllClients();
  await server.stop();
});

async function facilitator(body: object = {}): Promise<{ code: string; key: string; f: Client }> {
  const { code, facilitatorKey: key } = await createGroup(server.url, body);
  const f = await connect(server.url, { code, role: 'facilitator', key });
  return { code, key, f };
}

const request = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
const postJson = (body: string, contentType = 'application/json') =>
  request('/api/groups', { method: 'POST', headers: { 'content-type': contentType }, body });

/** Every HTTP error is `{ error: { code, message } }` with a code from the closed list. */
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

const VIEW_KEYS = [
  'code',
  'name',
  'revision',
  'phase',
  'running',
  'phaseBudgetMs',
  'phaseElapsedMs',
  'serverTime',
  'plan',
  'caseNumber',
  'counts',
  'autoAdvance',
  'prompts',
  'casesPlanned',
  'endsAt',
  'projectedEndAt',
  'language',
];

describe('HTTP: errors everywhere, with a fitting status', () => {
  it('a wrong method on a known route is 405 with Allow', async () => {
    const cases: [string, string, string][] = [
      ['PUT', '/api/groups', 'POST'],
      ['GET', '/api/groups', 'POST'],
      ['DELETE', '/api/groups', 'POST'],
      ['PATCH', '/api/groups', 'POST'],
      ['PATCH', '/api/groups/ABCDEF', 'DELETE'],
      ['PUT', '/api/groups/ABCDEF', 'GET'],
      ['POST', '/api/groups/ABCDEF', 'GET'],
      ['POST', '/healthz', 'GET'],
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

  it('names the unknown key as the field', async () => {
    const cases: [object, string][] = [
      [{ colour: 'red' }, 'colour'],
      [{ name: 'x', plan: { colour: 'red' } }, 'plan.colour'],
      [{ plan: { budgets: { lunch: 60_000 } } }, 'plan.budgets.lunch'],
      [{ plan: { prompts: { opening: { everyone: 'x' } } } }, 'plan.prompts.opening.everyone'],
    ];
    for (const [body, field] of cases) {
      const response = await postJson(JSON.stringify(body));
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: 'invalid_request', field });
    }
  });

  it('budgets out of range are 400 naming the field; a name is at most 80 characters', async () => {
    for (const ms of [999, 10_800_001, 1500.5, -1, '60000', null]) {
      const response = await postJson(JSON.stringify({ plan: { budgets: { discussion: ms } } }));
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({
        code: 'invalid_request',
        field: 'plan.budgets.discussion',
      });
    }
    for (const ms of [1000, 10_800_000]) {
      const response = await postJson(JSON.stringify({ plan: { budgets: { discussion: ms } } }));
      expect(response.status).toBe(201);
    }
    expect((await postJson(JSON.stringify({ name: 'x'.repeat(80) }))).status).toBe(201);
    const long = await postJson(JSON.stringify({ name: 'x'.repeat(81) }));
    expect(long.status).toBe(400);
    expect(await errorOf(long)).toMatchObject({ code: 'invalid_request', field: 'name' });
  });

  it('a body over 16 KB is 413 payload_too_large, whatever its type', async () => {
    const huge = 'x'.repeat(40_000);
    for (const type of ['application/json', 'text/plain', 'application/octet-stream']) {
      const response = await postJson(type === 'application/json' ? `"${huge}"` : huge, type);
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
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).error.code).toBe(
      'invalid_request',
    );
  });

  it('malformed JSON and non-JSON bodies are 400 invalid_request', async () => {
    const cases: [string, string][] = [
      ['{"name":', 'application/json'],
      ['null', 'application/json'],
      ['"x"', 'application/json'],
      ['[]', 'application/json'],
      ['name=x', 'application/x-www-form-urlencoded'],
      ['name', 'text/plain'],
    ];
    for (const [body, type] of cases) {
      const response = await postJson(body, type);
      expect(response.status, `${type} ${body}`).toBe(400);
      expect((await errorOf(response)).code).toBe('invalid_request');
    }
  });

  it('GET /api/groups/:code is case-insensitive, 404 for unknown', async () => {
    const { code } = await createGroup(server.url, { name: 'Ward 3' });
    for (const typed of [code, code.toLowerCase(), `${code.slice(0, 3)}-${code.slice(3)}`]) {
      const response = await request(`/api/groups/${typed}`);
      expect(response.status, typed).toBe(200);
      const body = await response.json();
      expect(body).toMatchObject({ code, name: 'Ward 3', view: { code, phase: 'lobby' } });
      expect(body.view).not.toHaveProperty('members');
    }
    const missing = await request('/api/groups/ZZZZZZ');
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('not_found');
  });

  it('pages carry a same-host CSP without upgrade-insecure-requests', async () => {
    for (const path of ['/', '/f/ABCDEF', '/d/ABCDEF', '/m/ABCDEF']) {
      const response = await request(path);
      expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(csp).not.toMatch(/https?:\/\//);
      expect(response.headers.get('strict-transport-security')).toBeNull();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('handshake refusals: connect_error data.code and a readable message', () => {
  it('names the unknown key in auth as the field', async () => {
    const { code } = await createGroup(server.url);
    const error = await refusedJoin(server.url, { code, role: 'display', colour: 'red' });
    expect(error.data).toMatchObject({ code: 'invalid_request', field: 'colour' });
    expect(error.message).toContain('colour');
  });

  it('not_found, forbidden and invalid_request, each with data.message = message', async () => {
    const { code } = await createGroup(server.url);
    const cases: [unknown, string][] = [
      [{ code: 'zzzzzz', role: 'member' }, 'not_found'],
      [{ code: code.toLowerCase(), role: 'facilitator', key: 'guess' }, 'forbidden'],
      [{ code, role: 'facilitator' }, 'forbidden'],
      [{ code, role: 'projector' }, 'invalid_request'],
      [undefined, 'invalid_request'],
    ];
    for (const [auth, expected] of cases) {
      const error = await refusedJoin(server.url, auth);
      const data = error.data as { code?: string; message?: string };
      expect(data.code, JSON.stringify(auth)).toBe(expected);
      expect(error.message.length).toBeGreaterThan(0);
      expect(data.message).toBe(error.message);
    }
  });
});

describe('commands', () => {
  it('a command sent without an ack is still applied, and every screen hears of it', async () => {
    const { code, f } = await facilitator();
    const display = await connect(server.url, { code, role: 'display' });
    f.socket.emit('command', { type: 'start' });
    const view = await display.waitFor((v) => v.revision === 1);
    expect(view).toMatchObject({ phase: 'opening', running: true });
    // Invalid ones without an ack change nothing.
    f.socket.emit('command', { type: 'extend', ms: 5 });
    f.socket.emit('command', { type: 'start' });
    expect(await f.command({ type: 'pause', expectedRevision: 1 })).toMatchObject({
      ok: true,
      view: { revision: 2 },
    });
  });

  it('refusals have the exact ack shape and leave the revision alone', async () => {
    const { f } = await facilitator();
    const ack = (await f.command({ type: 'pause' })) as CommandAck;
    expect(ack.ok).toBe(false);
    if (ack.ok) return;
    expect(Object.keys(ack).sort()).toEqual(['error', 'ok', 'view']);
    expect(ack.error.code).toBe('not_allowed_now');
    expect(typeof ack.error.message).toBe('string');
    expect(ack.view?.revision).toBe(0);
    expect(ack.view?.members).toEqual([]);
  });

  it('precedence: a member gets forbidden whatever it sends', async () => {
    const { code, f } = await facilitator();
    const member = await connect(server.url, { code, role: 'member', name: 'Ana' });
    for (const payload of [
      { type: 'launch' },
      { type: 'next', expectedRevision: 7 },
      { type: 'pause' },
      'x'.repeat(15_000),
    ]) {
      const ack = await member.command(payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      if (!ack.ok) expect(ack.view).not.toHaveProperty('members');
    }
    expect(f.last().revision).toBe(0);
  });

  it('precedence: invalid_command over stale_revision over not_allowed_now', async () => {
    const { f } = await facilitator();
    const cases: [object, string][] = [
      [{ type: 'extend', ms: 5, expectedRevision: 3 }, 'invalid_command'],
      [{ type: 'pause', bogus: true, expectedRevision: 3 }, 'invalid_command'],
      [{ type: 'next', expectedRevision: 3 }, 'stale_revision'],
      [{ type: 'next', expectedRevision: 0 }, 'not_allowed_now'],
    ];
    for (const [payload, code] of cases) {
      expect(await f.command(payload), JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { code },
        view: { revision: 0 },
      });
    }
  });

  it('answers payloads nested thousands deep, as a raw client can send them', async () => {
    const { code, key } = await facilitator();
    const raw = new WebSocket(
      `${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`,
    );
    const frames: string[] = [];
    raw.on('message', (data) => frames.push(String(data)));
    await new Promise((resolve) => raw.once('open', resolve));
    raw.send(`40${JSON.stringify({ code, role: 'facilitator', key })}`);
    const waitFor = async (prefix: string) => {
      const deadline = Date.now() + 5000;
      while (!frames.some((frame) => frame.startsWith(prefix)) && Date.now() < deadline) {
        await sleep(20);
      }
    };
    await waitFor('40{');
    const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const nested = (depth: number) => `${'{"type":'.repeat(depth)}1${'}'.repeat(depth)}`;
    raw.send(`421["command",${deep(7000)}]`);
    raw.send(`422["command",${nested(1800)}]`);
    raw.send(`423["clock",${deep(7000)}]`);
    raw.send('424["clock",1]');
    await waitFor('434');
    raw.close();
    for (const id of [1, 2]) {
      const answer = frames.find((frame) => frame.startsWith(`43${id}[`));
      expect(JSON.parse(answer?.slice(3) ?? '[]')[0]).toMatchObject({
        ok: false,
        error: { code: 'invalid_command' },
      });
    }
    expect(frames.find((frame) => frame.startsWith('433['))).toContain('invalid_request');
    expect(typeof JSON.parse(frames.find((f) => f.startsWith('434['))?.slice(3) ?? '[]')[0]).toBe(
      'number',
    );
  });

  it('clock acks a bare number, close to the server epoch', async () => {
    const { f } = await facilitator();
    const serverTime = await f.socket.timeout(2000).emitWithAck('clock', Date.now());
    expect(typeof serverTime).toBe('number');
    expect(Math.abs(serverTime - Date.now())).toBeLessThan(60_000);
  });
});

describe('the view', () => {
  const exactKeys = (view: SessionView, extra: string[]) =>
    expect(Object.keys(view).sort()).toEqual([...VIEW_KEYS, ...extra].sort());

  it('lobby: the opening budget, elapsed 0, not running; no presenter key when none', async () => {
    const { code, f } = await facilitator({ plan: { budgets: { opening: 120_000 } } });
    const lobby = f.last();
    exactKeys(lobby, ['members']);
    expect(lobby).toMatchObject({
      code,
      revision: 0,
      phase: 'lobby',
      running: false,
      phaseBudgetMs: 120_000,
      phaseElapsedMs: 0,
      caseNumber: 1,
      autoAdvance: false,
      counts: { facilitators: 1, displays: 0, members: 0 },
    });
    expect(lobby.plan.map((entry) => entry.phase)).toEqual([
      'opening',
      'presentation',
      'questions',
      'discussion',
      'reflection',
    ]);
    const display = await connect(server.url, { code, role: 'display' });
    exactKeys(display.last(), []);
  });

  it('a phase: planned budget plus extensions; ended: 0, 0, not running', async () => {
    const { f } = await facilitator();
    await f.command({ type: 'start' });
    await f.command({ type: 'setPresenter', name: 'Ana' });
    const extended = await f.command({ type: 'extend', ms: 60_000 });
    expect(extended).toMatchObject({
      ok: true,
      view: { phase: 'opening', running: true, phaseBudgetMs: 360_000, presenter: 'Ana' },
    });
    // Back to the lobby, extensions gone: the opening's planned budget again.
    const reset = await f.command({ type: 'reset' });
    expect(reset).toMatchObject({ ok: true, view: { phase: 'lobby', phaseBudgetMs: 300_000 } });
    if (reset.ok) expect(reset.view).not.toHaveProperty('presenter');
    await f.command({ type: 'setPresenter', name: 'Ben' });
    const ended = await f.command({ type: 'end' });
    expect(ended).toMatchObject({
      ok: true,
      view: { phase: 'ended', running: false, phaseBudgetMs: 0, phaseElapsedMs: 0 },
    });
    if (ended.ok) expect(ended.view).not.toHaveProperty('presenter');
  });
});

describe('presence', () => {
  it('is coalesced to at most one update a second per group, and never moves the revision', async () => {
    const { code, f } = await facilitator();
    const display = await connect(server.url, { code, role: 'display' });
    const baseline = display.views.length;
    const arrivals: Client[] = [];
    for (let i = 0; i < 12; i += 1) {
      arrivals.push(await connect(server.url, { code, role: 'member', name: `M${i}` }));
      await sleep(150);
    }
    await display.waitFor((view) => view.counts.members === 12, 3000);
    const updates = display.views.slice(baseline);
    for (let i = 1; i < updates.length; i += 1) {
      const gap = (updates[i]?.serverTime ?? 0) - (updates[i - 1]?.serverTime ?? 0);
      expect(gap).toBeGreaterThanOrEqual(990);
    }
    expect(updates.every((view) => view.revision === 0)).toBe(true);
    const roster = await f.waitFor((view) => view.members?.length === 12, 3000);
    expect(roster.counts).toEqual({ facilitators: 1, displays: 1, members: 12 });
    for (const client of arrivals) client.close();
  });
});
