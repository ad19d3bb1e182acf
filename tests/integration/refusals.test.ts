import type { CommandAck } from '@balint/shared';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  closeAllClients,
  connect,
  createGroup,
  facilitatorOf,
  refusedJoin,
  startServer,
  type TestServer,
} from './helpers.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  closeAllClients();
  await server.stop();
});

async function accepted(f: Client, payload: object): Promise<void> {
  const ack = await f.command(payload);
  expect(ack, JSON.stringify(payload)).toMatchObject({ ok: true });
}

/** Asserts a refusal with `code`, and that nothing changed (R3). */
async function refused(f: Client, payload: unknown, code: string): Promise<CommandAck> {
  const before = f.last();
  const ack = await f.command(payload);
  expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code } });
  if (!ack.ok) expect(typeof ack.error.message).toBe('string');
  expect(ack.view?.revision).toBe(before.revision);
  expect(ack.view?.phase).toBe(before.phase);
  expect(ack.view?.running).toBe(before.running);
  return ack;
}

const extend = { type: 'extend', ms: 60_000 };
const setBudget = { type: 'setBudget', phase: 'questions', ms: 60_000 };

describe('[R1] not_allowed_now in every state', () => {
  it('lobby', async () => {
    const { f } = await facilitatorOf(server.url);
    for (const type of ['pause', 'resume', 'next', 'back', 'nextCase', 'reset']) {
      await refused(f, { type }, 'not_allowed_now');
    }
    await refused(f, extend, 'not_allowed_now');
  });

  it('opening, running and paused', async () => {
    const { f } = await facilitatorOf(server.url);
    await accepted(f, { type: 'start' });
    for (const type of ['start', 'resume', 'back', 'nextCase']) {
      await refused(f, { type }, 'not_allowed_now');
    }
    await accepted(f, { type: 'pause' });
    for (const type of ['start', 'pause', 'back', 'nextCase']) {
      await refused(f, { type }, 'not_allowed_now');
    }
  });

  it('presentation … discussion refuse start and nextCase; reflection refuses next', async () => {
    const { f } = await facilitatorOf(server.url);
    await accepted(f, { type: 'start' });
    for (let phase = 0; phase < 3; phase += 1) {
      await accepted(f, { type: 'next' });
      await refused(f, { type: 'start' }, 'not_allowed_now');
      await refused(f, { type: 'nextCase' }, 'not_allowed_now');
      await refused(f, { type: 'resume' }, 'not_allowed_now');
    }
    await accepted(f, { type: 'next' });
    await f.waitFor((view) => view.phase === 'reflection');
    await refused(f, { type: 'next' }, 'not_allowed_now');
    await refused(f, { type: 'start' }, 'not_allowed_now');
  });

  it('ended accepts only reset', async () => {
    const { f } = await facilitatorOf(server.url);
    await accepted(f, { type: 'end' });
    await f.waitFor((view) => view.phase === 'ended');
    for (const type of ['start', 'pause', 'resume', 'next', 'back', 'nextCase', 'end']) {
      await refused(f, { type }, 'not_allowed_now');
    }
    await refused(f, extend, 'not_allowed_now');
    await refused(f, setBudget, 'not_allowed_now');
    await refused(f, { type: 'setPresenter', name: 'Ana' }, 'not_allowed_now');
    await accepted(f, { type: 'reset' });
  });
});

describe('[R2] invalid_command for bad values, unknown keys and shapes', () => {
  it('refuses each and changes nothing', async () => {
    const { f } = await facilitatorOf(server.url);
    await accepted(f, { type: 'start' });
    await f.waitFor((view) => view.revision === 1);
    const bad: unknown[] = [
      { type: 'extend', ms: 999 },
      { type: 'extend', ms: 10_800_001 },
      { type: 'extend', ms: 1500.5 },
      { type: 'extend', ms: '60000' },
      { type: 'extend' },
      { type: 'setBudget', phase: 'lobby', ms: 60_000 },
      { type: 'setBudget', phase: 'questions', ms: 0 },
      { type: 'setPresenter', name: 'x'.repeat(41) },
      { type: 'setPresenter' },
      { type: 'start', foo: 1 },
      { type: 'next', expectedRevision: -1 },
      { type: 'next', expectedRevision: 1.5 },
      { type: 'launch' },
      { type: 'constructor' },
      { type: '__proto__' },
      {},
      null,
      'next',
      42,
      [],
      [{ type: 'next' }],
    ];
    for (const payload of bad) await refused(f, payload, 'invalid_command');
    const field = await refused(f, { type: 'extend', ms: 5 }, 'invalid_command');
    expect(!field.ok && field.error.field).toBe('ms');
  });

  it('a command with no payload at all is invalid_command', async () => {
    const { f } = await facilitatorOf(server.url);
    const ack = await f.socket.timeout(2000).emitWithAck('command');
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
  });
});

describe('[R3] stale_revision and precedence', () => {
  it('refuses a command pinned to an old revision', async () => {
    const { f } = await facilitatorOf(server.url);
    await accepted(f, { type: 'start', expectedRevision: 0 });
    await refused(f, { type: 'next', expectedRevision: 0 }, 'stale_revision');
    await accepted(f, { type: 'next', expectedRevision: 1 });
  });

  it('invalid_command before stale_revision before not_allowed_now', async () => {
    const { f } = await facilitatorOf(server.url);
    await refused(f, { type: 'extend', ms: 5, expectedRevision: 9 }, 'invalid_command');
    await refused(f, { type: 'pause', bogus: true, expectedRevision: 9 }, 'invalid_command');
    await refused(f, { type: 'pause', expectedRevision: 9 }, 'stale_revision');
    await refused(f, { type: 'pause', expectedRevision: 0 }, 'not_allowed_now');
  });

  it('a refusal is exactly { ok: false, error, view }, with the unchanged view', async () => {
    const { f } = await facilitatorOf(server.url);
    const ack = await f.command({ type: 'pause' });
    expect(Object.keys(ack).sort()).toEqual(['error', 'ok', 'view']);
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'not_allowed_now' },
      view: { revision: 0, members: [] },
    });
  });
});

describe('roles', () => {
  it('displays and members get forbidden, whatever they send', async () => {
    const { code, f } = await facilitatorOf(server.url);
    const display = await connect(server.url, { code, role: 'display' });
    const member = await connect(server.url, { code, role: 'member', name: 'Ana' });
    for (const client of [display, member]) {
      const payloads = [
        { type: 'start' },
        { type: 'extend', ms: 1 },
        { type: 'launch' },
        { type: 'next', expectedRevision: 7 },
        null,
        'x'.repeat(15_000),
      ];
      for (const payload of payloads) {
        const ack = await client.command(payload);
        expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        if (!ack.ok) expect(ack.view).not.toHaveProperty('members');
      }
    }
    const ack = await f.command({ type: 'start' });
    expect(ack).toMatchObject({ ok: true, view: { revision: 1 } });
  });

  it('a refused handshake has a readable message, also in data.message', async () => {
    const { code } = await createGroup(server.url);
    const cases: [unknown, string][] = [
      [{ code: 'zzzzzz', role: 'member' }, 'not_found'],
      [{ code: code.toLowerCase(), role: 'facilitator', key: 'guess' }, 'forbidden'],
      [{ code, role: 'projector' }, 'invalid_request'],
      [undefined, 'invalid_request'],
    ];
    for (const [auth, expected] of cases) {
      const error = await refusedJoin(server.url, auth);
      expect(error.data?.code, JSON.stringify(auth)).toBe(expected);
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.data?.message).toBe(error.message);
    }
  });

  it('unknown codes are not_found, whatever their shape', async () => {
    // A code no group has is unknown, as for GET /api/groups/:code: also a mistyped one.
    for (const code of ['ZZZZZZ', 'zzzzzz', 'abc', 'O0O0O0', '000000', 'NOPE42', '']) {
      const error = await refusedJoin(server.url, { code, role: 'display' });
      expect(error.data?.code, code).toBe('not_found');
    }
  });

  it('malformed handshakes are invalid_request, with the field', async () => {
    const { code } = await createGroup(server.url);
    const cases: [unknown, string][] = [
      [{}, 'code'],
      [{ code, role: 'admin' }, 'role'],
      [{ code: 'abc', role: 'admin' }, 'role'],
      [{ code: 'O0O0O0', role: 'display', key: 7 }, 'key'],
      [{ code, role: 'member', name: 'x'.repeat(41) }, 'name'],
      [{ code, role: 'member', offer: 'yes' }, 'offer'],
      [{ code, role: 'member', device: 'short' }, 'device'],
      [{ code, role: 'display', colour: 'red' }, 'colour'],
      [{ code: 12, role: 'display' }, 'code'],
      [{ code: 'x'.repeat(5000), role: 'display' }, 'code'],
    ];
    for (const [auth, field] of cases) {
      const error = await refusedJoin(server.url, auth);
      expect(error.data?.code, JSON.stringify(auth)).toBe('invalid_request');
      expect(error.data?.field, JSON.stringify(auth)).toBe(field);
      expect(error.message).toContain(field);
    }
  });

  it('refuses sockets from another origin', async () => {
    const { code } = await createGroup(server.url);
    const error = await refusedJoin(
      server.url,
      { code, role: 'display' },
      { origin: 'http://evil.example' },
    );
    expect(error.message).toBeTruthy();
    const same = await connect(server.url, { code, role: 'display' });
    same.close();
    // Without TRUST_PROXY a forwarded host proves nothing.
    const forwarded = await refusedJoin(
      server.url,
      { code, role: 'display' },
      { origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' },
    );
    expect(forwarded.data).toBeUndefined();
  });

  it('accepts sockets from its own origin and from PUBLIC_URL', async () => {
    const { code } = await createGroup(server.url);
    for (const origin of [server.url, 'http://127.0.0.1:0']) {
      const socket = io(server.url, {
        auth: { code, role: 'display' },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        extraHeaders: { origin },
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('session', () => resolve());
        socket.once('connect_error', reject);
      });
      socket.close();
    }
  });
});
