import type { GroupInfoResponse, SittingSummary, SittingsResponse } from '@balint/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAllClients,
  connect,
  createGroup,
  eventually,
  frozenClock,
  startServer,
  type TestClock,
  type TestServer,
} from './helpers.ts';

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;
let clock: TestClock;
let server: TestServer;

beforeAll(async () => {
  clock = frozenClock(T0);
  server = await startServer({ clock });
});
afterEach(() => closeAllClients());
afterAll(async () => {
  await server.stop();
});

/** Moves the test clock; this process says it is alive then, so its screens still count. */
async function advance(ms: number): Promise<void> {
  clock.advance(ms);
  await server.app.groups.heartbeat();
}

/** A request to the API, with the facilitator key if given; the body as JSON unless a string. */
async function api(
  method: string,
  path: string,
  options: { key?: string; body?: unknown; url?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  return fetch(`${options.url ?? server.url}/api${path}`, { method, headers, body });
}

async function sittingsOf(code: string, key: string, url?: string): Promise<SittingsResponse> {
  const response = await api('GET', `/groups/${code}/sittings`, { key, url });
  expect(response.status).toBe(200);
  return (await response.json()) as SittingsResponse;
}

/** A standing group whose sitting ran with Ann, Bo (who left early) and Cy, Bo presenting. */
async function standingGroupWithASitting(options: { standing?: boolean } = {}) {
  const standing = options.standing ?? true;
  const { code, facilitatorKey: key } = await createGroup(server.url, {
    name: 'Tuesday GPs',
    standing,
  });
  const f = await connect(server.url, { code, role: 'facilitator', key });
  const ann = await connect(server.url, {
    code,
    role: 'member',
    name: 'Ann',
    device: 'device-ann-1',
  });
  expect(await f.command({ type: 'start' })).toMatchObject({ ok: true });
  const startedAt = clock.now();
  // Bo joins during the sitting, presents, and leaves before the end.
  const bo = await connect(server.url, {
    code,
    role: 'member',
    name: ' Bo ',
    device: 'device-bo-12',
  });
  await f.command({ type: 'next' });
  await f.command({ type: 'setPresenter', name: 'Bo', device: 'device-bo-12' });
  await advance(10 * MINUTE);
  await f.command({ type: 'next' });
  // The presence window (1 s) passes: Bo's name is noted although he leaves before the end.
  await new Promise((done) => setTimeout(done, 1300));
  bo.close();
  const cy = await connect(server.url, {
    code,
    role: 'member',
    name: 'Cy',
    device: 'device-cy-12',
  });
  // No name: not in the register.
  await connect(server.url, { code, role: 'member' });
  await advance(5 * MINUTE);
  expect(await f.command({ type: 'end' })).toMatchObject({ ok: true, view: { phase: 'ended' } });
  return { code, key, f, ann, cy, startedAt };
}

describe('standing groups', () => {
  it('[RG1] a group created standing says so in every view; a PUT makes an ordinary one standing', async () => {
    const standing = await createGroup(server.url, { standing: true });
    const info = (await (await api('GET', `/groups/${standing.code}`)).json()) as GroupInfoResponse;
    expect(info.view.standing).toBe(true);

    const { code, facilitatorKey: key } = await createGroup(server.url, { name: 'Later' });
    const display = await connect(server.url, { code, role: 'display' });
    const f = await connect(server.url, { code, role: 'facilitator', key });
    expect(display.last().standing).toBe(false);
    for (const [body, field] of [
      [{ standing: false }, 'standing'],
      [{ standing: 'yes' }, 'standing'],
      [{ standing: true, forever: true }, 'forever'],
      [{}, 'standing'],
    ] as const) {
      const refused = await api('PUT', `/groups/${code}/standing`, { key, body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect((await refused.json()).error).toMatchObject({ code: 'invalid_request', field });
    }
    const notJson = await api('PUT', `/groups/${code}/standing`, {
      key,
      body: 'standing=true',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(notJson.status).toBe(400);
    expect(
      (await api('PUT', `/groups/${code}/standing`, { body: { standing: true } })).status,
    ).toBe(403);
    expect(display.last().standing).toBe(false);

    const made = await api('PUT', `/groups/${code}/standing`, { key, body: { standing: true } });
    expect(made.status).toBe(200);
    expect(await made.json()).toEqual({ standing: true });
    // Every screen hears of it; the code and key stay as they were.
    await display.waitFor((view) => view.standing);
    await f.waitFor((view) => view.standing);
    expect(
      (await api('PUT', `/groups/${code}/standing`, { key, body: { standing: true } })).status,
    ).toBe(200);
  });

  it('[RG1] a standing group survives the idle TTL; an ordinary one does not; STANDING_TTL after its last sitting it goes', async () => {
    const ttlClock = frozenClock(T0);
    const DAY = 86_400_000;
    const own = await startServer({ clock: ttlClock, groupTtlMs: DAY, sweepIntervalMs: 3_600_000 });
    try {
      const ordinary = await createGroup(own.url);
      const standing = await createGroup(own.url, { standing: true });
      const made = await createGroup(own.url);
      await api('PUT', `/groups/${made.code}/standing`, {
        url: own.url,
        key: made.facilitatorKey,
        body: { standing: true },
      });
      // A sitting on day 30 keeps the standing group going for STANDING_TTL after it.
      ttlClock.advance(30 * DAY);
      const f = await connect(own.url, {
        code: standing.code,
        role: 'facilitator',
        key: standing.facilitatorKey,
      });
      await f.command({ type: 'start' });
      await f.command({ type: 'end' });
      f.close();
      await eventually(
        async () => (await own.store.presence.list(standing.code, ttlClock.now())).length === 0,
      );

      ttlClock.advance(2 * DAY);
      expect(await own.app.groups.sweep()).toEqual([ordinary.code]);
      const gone = async (code: string) =>
        (await api('GET', `/groups/${code}`, { url: own.url })).status;
      expect(await gone(ordinary.code)).toBe(404);
      expect(await gone(standing.code)).toBe(200);

      // 400 days after it was made standing (no sitting since): the second one goes.
      ttlClock.advance(400 * DAY - 32 * DAY);
      expect(await own.app.groups.sweep()).toEqual([made.code]);
      expect(await gone(standing.code)).toBe(200);
      // 400 days after its last sitting, the first one too.
      ttlClock.advance(30 * DAY);
      expect(await own.app.groups.sweep()).toEqual([standing.code]);
      expect(await gone(standing.code)).toBe(404);
    } finally {
      await own.stop();
    }
  });
});

describe('the register over HTTP', () => {
  it('[RG2][RG3] a closed sitting is saved with its timings; its proposal is who was here, the presenter marked', async () => {
    const { code, key, startedAt } = await standingGroupWithASitting();
    const register = await sittingsOf(code, key);
    expect(register.standing).toBe(true);
    expect(register.roster).toEqual([]);
    expect(register.sittings).toHaveLength(1);
    const [sitting] = register.sittings as [SittingSummary];
    expect(sitting).toMatchObject({
      id: String(startedAt),
      startedAt,
      endedAt: startedAt + 15 * MINUTE,
      cases: 1,
      confirmed: false,
      attendance: [],
      proposed: [
        { name: 'Ann', presented: false },
        { name: 'Bo', presented: true },
        { name: 'Cy', presented: false },
      ],
    });
    expect(sitting.phases).toEqual([
      { caseNumber: 1, phase: 'opening', plannedMs: 300_000, actualMs: 0 },
      { caseNumber: 1, phase: 'presentation', plannedMs: 600_000, actualMs: 10 * MINUTE },
      { caseNumber: 1, phase: 'questions', plannedMs: 300_000, actualMs: 5 * MINUTE },
    ]);
  });

  it('[RG3] confirm: the attendance replaces the proposal; the roster offers the names used before', async () => {
    const { code, key, f } = await standingGroupWithASitting();
    const [first] = (await sittingsOf(code, key)).sittings as [SittingSummary];
    const confirmed = await api('PUT', `/groups/${code}/sittings/${first.id}/attendance`, {
      key,
      body: {
        attendance: [
          { name: 'Ann', presented: false },
          { name: ' Bo ', presented: true },
          { name: 'Dee', presented: false },
        ],
      },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.headers.get('cache-control')).toBe('no-store');
    expect((await confirmed.json()).sitting).toMatchObject({
      id: first.id,
      confirmed: true,
      attendance: [
        { name: 'Ann', presented: false },
        { name: 'Bo', presented: true },
        { name: 'Dee', presented: false },
      ],
      proposed: [],
    });
    // A second sitting the week after: a reset after a start closes it too.
    await advance(7 * 24 * 60 * MINUTE);
    await f.command({ type: 'reset' });
    await f.command({ type: 'start' });
    await advance(MINUTE);
    await f.command({ type: 'reset' });
    const register = await sittingsOf(code, key);
    expect(register.sittings).toHaveLength(2);
    expect(register.sittings[1]).toMatchObject({ confirmed: false, cases: 1 });
    expect(register.sittings[1]?.endedAt).toBe((register.sittings[1]?.startedAt ?? 0) + MINUTE);
    expect(register.roster).toEqual(['Ann', 'Bo', 'Dee']);
  });

  it('[RG2] an undone start saves nothing; an ended sitting undone and ended again is saved once', async () => {
    const { code, facilitatorKey: key } = await createGroup(server.url, { standing: true });
    const f = await connect(server.url, { code, role: 'facilitator', key });
    await f.command({ type: 'start' });
    await f.command({ type: 'undo' });
    expect((await sittingsOf(code, key)).sittings).toEqual([]);
    await f.command({ type: 'start' });
    await advance(MINUTE);
    await f.command({ type: 'end' });
    await f.command({ type: 'undo' });
    await advance(MINUTE);
    await f.command({ type: 'end' });
    const { sittings } = await sittingsOf(code, key);
    expect(sittings).toHaveLength(1);
    expect((sittings[0]?.endedAt ?? 0) - (sittings[0]?.startedAt ?? 0)).toBe(2 * MINUTE);
  });

  it('[RG2] an ordinary group keeps its timings and no names: attendance is [], a PUT is 409', async () => {
    const { code, key } = await standingGroupWithASitting({ standing: false });
    const register = await sittingsOf(code, key);
    expect(register.standing).toBe(false);
    expect(register.sittings).toHaveLength(1);
    expect(register.sittings[0]).toMatchObject({ attendance: [], proposed: [], confirmed: false });
    expect(register.sittings[0]?.phases.length).toBeGreaterThan(0);
    const id = register.sittings[0]?.id;
    const refused = await api('PUT', `/groups/${code}/sittings/${id}/attendance`, {
      key,
      body: { attendance: [{ name: 'Ann', presented: false }] },
    });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe('not_allowed_now');
    // Nothing about anybody was kept for it.
    const stored = await server.store.register.list(code);
    expect(stored[0]).toMatchObject({ attendance: [], proposed: [] });
    const csv = await api('GET', `/groups/${code}/register.csv`, { key });
    expect(await csv.text()).toBe('date,started,ended,name,presented\r\n');
  });

  it('[RG4] every register route wants the key: none or a wrong one is 403 forbidden, a failed join', async () => {
    const { code, facilitatorKey: key } = await createGroup(server.url, { standing: true });
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/groups/${code}/sittings`],
      ['PUT', `/groups/${code}/sittings/123/attendance`, { attendance: [] }],
      ['GET', `/groups/${code}/register.csv`],
      ['DELETE', `/groups/${code}/people/Ann`],
      ['PUT', `/groups/${code}/standing`, { standing: true }],
    ];
    for (const [method, path, body] of routes) {
      for (const wrong of [undefined, 'not-the-key', `${key}x`, '']) {
        const response = await api(method, path, { key: wrong, body });
        expect(response.status, `${method} ${path} ${wrong}`).toBe(403);
        expect((await response.json()).error.code).toBe('forbidden');
      }
      // Unknown groups are 404, as everywhere.
      const unknown = await api(method, path.replace(code, 'ZZZZZZ'), { key, body });
      expect(unknown.status).toBe(404);
    }
    // A wrong key counts as a failed join: with limits on, the 11th try is refused.
    const limited = await startServer({ rateLimit: true });
    try {
      const group = await createGroup(limited.url, { standing: true });
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const response = await api('GET', `/groups/${group.code}/sittings`, {
          url: limited.url,
          key: 'guess',
        });
        expect(response.status).toBe(403);
      }
      const blocked = await api('GET', `/groups/${group.code}/sittings`, {
        url: limited.url,
        key: group.facilitatorKey,
      });
      expect(blocked.status).toBe(429);
    } finally {
      await limited.stop();
    }
  });

  it('[RG4] a malformed attendance is 400 naming the field, and changes nothing', async () => {
    const { code, key } = await standingGroupWithASitting();
    const [sitting] = (await sittingsOf(code, key)).sittings as [SittingSummary];
    const path = `/groups/${code}/sittings/${sitting.id}/attendance`;
    await api('PUT', path, { key, body: { attendance: [{ name: 'Ann', presented: true }] } });
    const before = await sittingsOf(code, key);
    const bad: Array<[unknown, string | undefined]> = [
      [{}, 'attendance'],
      [{ attendance: 'Ann' }, 'attendance'],
      [{ attendance: [{ name: 'Ann' }] }, 'attendance.0.presented'],
      [{ attendance: [{ name: '', presented: false }] }, 'attendance.0.name'],
      [{ attendance: [{ name: '   ', presented: false }] }, 'attendance.0.name'],
      [{ attendance: [{ name: 'x'.repeat(41), presented: false }] }, 'attendance.0.name'],
      [{ attendance: [{ name: 'Ann\nBo', presented: false }] }, 'attendance.0.name'],
      [{ attendance: [{ name: 7, presented: false }] }, 'attendance.0.name'],
      [{ attendance: [{ name: 'Ann', presented: 'yes' }] }, 'attendance.0.presented'],
      [{ attendance: [{ name: 'Ann', presented: false, case: 'x' }] }, 'attendance.0.case'],
      [
        {
          attendance: [
            { name: 'Ann', presented: false },
            { name: 'ANN', presented: true },
          ],
        },
        'attendance.1.name',
      ],
      [{ attendance: [], notes: 'x' }, 'notes'],
      [
        {
          attendance: Array.from({ length: 101 }, (_, i) => ({ name: `P${i}`, presented: false })),
        },
        'attendance',
      ],
    ];
    for (const [body, field] of bad) {
      const response = await api('PUT', path, { key, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error, JSON.stringify(body)).toMatchObject({
        code: 'invalid_request',
        field,
      });
    }
    for (const raw of ['{"attendance": [', 'null', '[]']) {
      const response = await api('PUT', path, { key, body: raw });
      expect(response.status, raw).toBe(400);
    }
    const text = await api('PUT', path, {
      key,
      body: 'Ann',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(400);
    expect(await sittingsOf(code, key)).toEqual(before);
    // An unknown sitting is 404; a good body for it changes nothing either.
    for (const id of ['123', 'abc', '1'.repeat(20)]) {
      const response = await api('PUT', `/groups/${code}/sittings/${id}/attendance`, {
        key,
        body: { attendance: [] },
      });
      expect(response.status, id).toBe(404);
    }
    expect(await sittingsOf(code, key)).toEqual(before);
  });

  it('[RG5] register.csv: a row per person per sitting in the console’s time zone, escaped and inert', async () => {
    const { code, key } = await standingGroupWithASitting();
    const [sitting] = (await sittingsOf(code, key)).sittings as [SittingSummary];
    await api('PUT', `/groups/${code}/sittings/${sitting.id}/attendance`, {
      key,
      body: {
        attendance: [
          { name: 'Ann', presented: false },
          { name: '=HYPERLINK("x")', presented: false },
          { name: '+Bo, "the GP"', presented: true },
          { name: '@Cy', presented: false },
          { name: '-Dee', presented: false },
        ],
      },
    });
    const response = await api('GET', `/groups/${code}/register.csv?tz=Europe/Berlin`, { key });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="register-${code}.csv"`,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    // UTF-8 with a byte-order mark (fetch's text() would swallow it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    // The test clock is in January 2027: Berlin is on CET (+01:00).
    expect(new Date(sitting.startedAt).getUTCMonth()).toBe(0);
    const berlin = (ms: number) => `${new Date(ms + 3_600_000).toISOString().slice(0, 19)}+01:00`;
    const day = berlin(sitting.startedAt).slice(0, 10);
    const row = (name: string, presented: string) =>
      `${day},${berlin(sitting.startedAt)},${berlin(sitting.endedAt ?? 0)},${name},${presented}`;
    expect(lines).toEqual([
      'date,started,ended,name,presented',
      row(`'-Dee`, 'no'),
      row(`'@Cy`, 'no'),
      row(`"'+Bo, ""the GP"""`, 'yes'),
      row(`"'=HYPERLINK(""x"")"`, 'no'),
      row('Ann', 'no'),
      '',
    ]);
    // UTC by default; an unknown zone is 400 naming the field.
    const utc = await (await api('GET', `/groups/${code}/register.csv`, { key })).text();
    expect(utc).toContain(`,${new Date(sitting.startedAt).toISOString().slice(0, 19)}+00:00,`);
    for (const tz of ['Mars/Olympus', '../etc', 'x'.repeat(65)]) {
      const refused = await api('GET', `/groups/${code}/register.csv?tz=${tz}`, { key });
      expect(refused.status, tz).toBe(400);
      expect((await refused.json()).error).toMatchObject({ code: 'invalid_request', field: 'tz' });
    }
    const twice = await api('GET', `/groups/${code}/register.csv?tz=UTC&tz=UTC`, { key });
    expect(twice.status).toBe(400);
  });

  it('[RG6] forgetting a person: 204, gone from every sitting, the roster and the CSV; others stay', async () => {
    const { code, key, f } = await standingGroupWithASitting();
    const [first] = (await sittingsOf(code, key)).sittings as [SittingSummary];
    await api('PUT', `/groups/${code}/sittings/${first.id}/attendance`, {
      key,
      body: {
        attendance: [
          { name: 'Ann', presented: false },
          { name: 'Bo', presented: true },
        ],
      },
    });
    await advance(7 * 24 * 60 * MINUTE);
    await f.command({ type: 'reset' });
    await f.command({ type: 'start' });
    await f.command({ type: 'end' });
    const second = (await sittingsOf(code, key)).sittings[1];
    expect(second?.proposed.map((entry) => entry.name)).toEqual(['Ann', 'Cy']);

    for (const name of ['', ' ', 'x'.repeat(41)]) {
      const refused = await api('DELETE', `/groups/${code}/people/${encodeURIComponent(name)}`, {
        key,
      });
      expect([400, 404], JSON.stringify(name)).toContain(refused.status);
    }
    const forgotten = await api('DELETE', `/groups/${code}/people/${encodeURIComponent('ann')}`, {
      key,
    });
    expect(forgotten.status).toBe(204);
    const register = await sittingsOf(code, key);
    expect(register.roster).toEqual(['Bo']);
    expect(register.sittings[0]?.attendance).toEqual([{ name: 'Bo', presented: true }]);
    expect(register.sittings[1]?.proposed).toEqual([{ name: 'Cy', presented: false }]);
    const csv = await (await api('GET', `/groups/${code}/register.csv`, { key })).text();
    expect(csv).not.toMatch(/ann/i);
    // Forgetting again, or someone never there: 204 all the same.
    expect((await api('DELETE', `/groups/${code}/people/Ann`, { key })).status).toBe(204);
  });

  it('[RG6] deleting the group deletes its register at once', async () => {
    const { code, key } = await standingGroupWithASitting();
    expect((await sittingsOf(code, key)).sittings).toHaveLength(1);
    expect((await api('DELETE', `/groups/${code}`, { key })).status).toBe(204);
    expect((await api('GET', `/groups/${code}/sittings`, { key })).status).toBe(404);
    expect(await server.store.register.list(code)).toEqual([]);
  });
});
