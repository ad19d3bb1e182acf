import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAllClients,
  connect,
  createGroup,
  frozenClock,
  startServer,
  type TestServer,
} from './helpers.ts';

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ clock: frozenClock(T0) });
});
afterAll(async () => {
  closeAllClients();
  await server.stop();
});

async function facilitatorOf(body: object = {}) {
  const { code, facilitatorKey: key } = await createGroup(server.url, body);
  return connect(server.url, { code, role: 'facilitator', key });
}

describe('the planned end over the wire', () => {
  it('[E1] refuses an end that is not a whole time within the next 24 h', async () => {
    const f = await facilitatorOf();
    const bad: unknown[] = ['13:30', -1, T0 + 25 * 60 * MINUTE, T0 + 0.5, T0 - MINUTE, {}, true];
    for (const at of bad) {
      expect(await f.command({ type: 'setEndTime', at }), String(at)).toMatchObject({
        ok: false,
        error: { code: 'invalid_command', field: 'at' },
        view: { revision: 0, endsAt: null },
      });
    }
    expect(await f.command({ type: 'setEndTime' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_command', field: 'at' },
    });
  });

  it('[E1][E2] is set in the lobby, kept by reset, and refused once ended', async () => {
    const f = await facilitatorOf({ plan: { cases: 2 } });
    const endsAt = T0 + 90 * MINUTE;
    expect(await f.command({ type: 'setEndTime', at: endsAt })).toMatchObject({
      ok: true,
      view: { revision: 1, endsAt, casesPlanned: 2, projectedEndAt: T0 + 105 * MINUTE },
    });
    await f.command({ type: 'start' });
    expect(await f.command({ type: 'reset' })).toMatchObject({ ok: true, view: { endsAt } });
    await f.command({ type: 'end' });
    expect(await f.command({ type: 'setEndTime', at: null })).toMatchObject({
      ok: false,
      error: { code: 'not_allowed_now' },
      view: { endsAt, projectedEndAt: null },
    });
  });

  it('[E2] a display sees the end too (projector may show it); cases outside 1–3 are a 400', async () => {
    const f = await facilitatorOf();
    await f.command({ type: 'setEndTime', at: T0 + 60 * MINUTE });
    const info = await fetch(`${server.url}/api/groups/${f.last().code}`).then((r) => r.json());
    expect(info.view).toMatchObject({ endsAt: T0 + 60 * MINUTE, projectedEndAt: T0 + 55 * MINUTE });
    for (const cases of [0, 4, 1.5]) {
      const response = await fetch(`${server.url}/api/groups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ plan: { cases } }),
      });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatchObject({ field: 'plan.cases' });
    }
  });
});

describe('the group language over the wire', () => {
  it('[L1] is set at creation, changed in the lobby only, and checked', async () => {
    const f = await facilitatorOf({ language: 'hu' });
    expect(f.last().language).toBe('hu');
    expect(await f.command({ type: 'setLanguage', language: 'fr' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_command', field: 'language' },
    });
    expect(await f.command({ type: 'setLanguage', language: 'de' })).toMatchObject({
      ok: true,
      view: { language: 'de' },
    });
    await f.command({ type: 'start' });
    expect(await f.command({ type: 'setLanguage', language: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'not_allowed_now' },
      view: { language: 'de' },
    });
    const response = await fetch(`${server.url}/api/groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'fr' }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({
      code: 'invalid_request',
      field: 'language',
    });
    const plain = await facilitatorOf();
    expect(plain.last().language).toBe('en');
  });
});
