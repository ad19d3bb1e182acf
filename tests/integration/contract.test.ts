import type { SessionView } from '@balint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAllClients,
  connect,
  facilitatorOf,
  frozenClock,
  startServer,
  T0,
  type TestServer,
} from './helpers.ts';

// DESIGN.md "Wire protocol (v1)": what the socket says beyond refusals (refusals.test.ts), HTTP
// (http.test.ts) and presence (live.test.ts), as an outside client speaks it.

let server: TestServer;
const clock = frozenClock(T0);

beforeAll(async () => {
  server = await startServer({ clock });
});
afterAll(async () => {
  closeAllClients();
  await server.stop();
});

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
  'standing',
];

describe('commands and the clock', () => {
  it('a command sent without an ack is still applied, and every screen hears of it', async () => {
    const { code, f } = await facilitatorOf(server.url);
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

  it('clock acks the server epoch ms as a bare number, to anyone', async () => {
    const { code, f } = await facilitatorOf(server.url);
    const member = await connect(server.url, { code, role: 'member' });
    for (const client of [f, member]) {
      expect(await client.socket.timeout(2000).emitWithAck('clock', Date.now())).toBe(T0);
    }
    clock.advance(1234);
    expect(await member.socket.timeout(2000).emitWithAck('clock', 0)).toBe(T0 + 1234);
  });
});

describe('the view', () => {
  const exactKeys = (view: SessionView, extra: string[]) =>
    expect(Object.keys(view).sort()).toEqual([...VIEW_KEYS, ...extra].sort());

  it('lobby: the opening budget, elapsed 0, not running; no presenter key when none', async () => {
    const { code, f } = await facilitatorOf(server.url, {
      plan: { budgets: { opening: 120_000 } },
    });
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
    const { f } = await facilitatorOf(server.url);
    await f.command({ type: 'start' });
    await f.command({ type: 'setPresenter', name: 'Ana' });
    clock.advance(42_000);
    const extended = await f.command({ type: 'extend', ms: 60_000 });
    expect(extended).toMatchObject({
      ok: true,
      view: {
        phase: 'opening',
        running: true,
        phaseBudgetMs: 360_000,
        phaseElapsedMs: 42_000,
        serverTime: clock.now(),
        presenter: 'Ana',
      },
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
