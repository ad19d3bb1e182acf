import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CountdownModel } from '../../../client/src/models/countdown.ts';
import { SessionModel } from '../../../client/src/models/session.ts';
import { ConsoleModel, refusalText } from '../../../client/src/views/Facilitator/consoleModel.ts';
import { FakeSocket, serveClock } from './fakeSocket.ts';
import { makeView } from './views.ts';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.parse('2026-11-25T18:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const socket = new FakeSocket();
  const session = new SessionModel(socket, { rateLimitRetryMs: 1_000 });
  return { socket, session };
}

describe('SessionModel', () => {
  it('connects, goes live and shows the views it is sent', () => {
    const { socket, session } = setup();
    expect(socket.connectCalls).toBe(1);
    expect(session.status.value).toBe('connecting');
    socket.accept();
    expect(session.status.value).toBe('live');
    socket.fire('session', makeView({ revision: 3 }));
    expect(session.view.value?.revision).toBe(3);
  });

  it('keeps the last view but says it is reconnecting after a drop, then recovers', () => {
    const { socket, session } = setup();
    socket.accept();
    socket.fire('session', makeView());
    socket.drop();
    expect(session.status.value).toBe('reconnecting');
    expect(session.view.value).not.toBeNull();
    socket.accept();
    expect(session.status.value).toBe('live');
  });

  it('measures the clock again after every reconnect, forgetting old samples', async () => {
    const { socket, session } = setup();
    let offset = 5_000;
    serveClock(
      socket,
      () => offset,
      () => ({ upMs: 10, downMs: 10 }),
    );
    socket.accept();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(session.clock.offsetMs.value).toBeCloseTo(5_000, 6);
    socket.drop();
    offset = -2_000; // e.g. the server came back on another machine
    socket.accept();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(session.clock.offsetMs.value).toBeCloseTo(-2_000, 6);
  });

  it.each([
    ['not_found', 'not_found'],
    ['forbidden', 'forbidden'],
    ['invalid_request', 'invalid'],
  ] as const)('says plainly when the join is refused with %s', (code, status) => {
    const { socket, session } = setup();
    socket.refuse(code);
    expect(session.status.value).toBe(status);
    socket.drop();
    expect(session.status.value).toBe(status);
  });

  it('tries again later when rate limited', async () => {
    const { socket, session } = setup();
    socket.refuse('rate_limited');
    expect(session.status.value).toBe('rate_limited');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(socket.connectCalls).toBe(2);
  });

  it('treats a network failure as reconnecting', () => {
    const { socket, session } = setup();
    socket.fire('connect_error', new Error('xhr poll error'));
    expect(session.status.value).toBe('reconnecting');
  });

  it('shows that the group expired and lets go of the socket', () => {
    const { socket, session } = setup();
    socket.accept();
    socket.fire('expired');
    expect(session.status.value).toBe('expired');
    expect(socket.disconnectCalls).toBe(1);
    expect(session.status.value).toBe('expired');
  });

  it('stops counting once the group has expired: nothing left to time, no timer left running', async () => {
    const { socket, session } = setup();
    const countdown = new CountdownModel(session.view, session.clock);
    socket.accept();
    socket.fire(
      'session',
      makeView({ phase: 'discussion', running: true, serverTime: Date.now() }),
    );
    expect(countdown.reading.value).not.toBeNull();
    socket.fire('expired');
    expect(countdown.reading.value).toBeNull();
    const flips: unknown[] = [];
    countdown.reading.subscribe((reading) => flips.push(reading));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(flips).toEqual([null]);
    countdown.dispose();
  });

  it('never lets an older view replace a newer one', () => {
    const { socket, session } = setup();
    socket.accept();
    socket.fire('session', makeView({ revision: 5, serverTime: 2_000 }));
    socket.fire('session', makeView({ revision: 4, serverTime: 3_000 }));
    expect(session.view.value?.revision).toBe(5);
    socket.fire('session', makeView({ revision: 5, serverTime: 1_000 }));
    expect(session.view.value?.serverTime).toBe(2_000);
    socket.fire('session', makeView({ revision: 5, serverTime: 2_500 }));
    expect(session.view.value?.serverTime).toBe(2_500);
  });

  it('pins commands to the revision on screen and takes the view from the ack', async () => {
    const { socket, session } = setup();
    socket.accept();
    socket.fire('session', makeView({ revision: 7 }));
    socket.onCommand = (command, ack) => {
      expect(command).toEqual({ type: 'next', expectedRevision: 7 });
      ack({ ok: true, view: makeView({ revision: 8, phase: 'questions' }) });
    };
    const ack = await session.send({ type: 'next' });
    expect(ack.ok).toBe(true);
    expect(session.view.value?.phase).toBe('questions');
  });

  it('does not send while offline, and reports it', async () => {
    const { socket, session } = setup();
    const ack = await session.send({ type: 'pause' });
    expect(ack.ok).toBe(false);
    expect(socket.sent.filter((entry) => entry.event === 'command')).toHaveLength(0);
  });

  it('reports a command that gets no answer', async () => {
    const { socket, session } = setup();
    socket.accept();
    const pending = session.send({ type: 'pause' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await pending).ok).toBe(false);
  });

  it('reconnects to send a changed handshake, and cleans up when disposed', () => {
    const { socket, session } = setup();
    socket.accept();
    session.reconnect();
    expect(socket.disconnectCalls).toBe(1);
    expect(socket.connectCalls).toBe(2);
    expect(session.status.value).toBe('connecting');
    session.dispose();
    expect(socket.listenerCount()).toBe(0);
  });
});

describe('ConsoleModel', () => {
  it('explains a stale revision as someone else having moved the session', async () => {
    const { socket, session } = setup();
    socket.accept();
    socket.fire('session', makeView({ revision: 2 }));
    const model = new ConsoleModel(session);
    socket.onCommand = (_command, ack) =>
      ack({
        ok: false,
        error: { code: 'stale_revision', message: 'stale' },
        view: makeView({ revision: 3, phase: 'questions' }),
      });
    await model.run({ type: 'next' });
    expect(model.refusal.value).toMatch(/someone else already moved the session/i);
    expect(session.view.value?.revision).toBe(3);
    socket.onCommand = (_command, ack) => ack({ ok: true, view: makeView({ revision: 4 }) });
    await model.run({ type: 'pause' });
    expect(model.refusal.value).toBeNull();
  });

  it('drops a second command while the first is on its way (a double click moves once)', async () => {
    const { socket, session } = setup();
    socket.accept();
    socket.fire('session', makeView({ revision: 2 }));
    const model = new ConsoleModel(session);
    const acks: Array<() => void> = [];
    socket.onCommand = (_command, ack) =>
      acks.push(() => ack({ ok: true, view: makeView({ revision: 3 }) }));
    const first = model.run({ type: 'next' });
    expect(await model.run({ type: 'next' })).toBeNull();
    expect(socket.sent.filter((entry) => entry.event === 'command')).toHaveLength(1);
    for (const answer of acks) answer();
    expect((await first)?.ok).toBe(true);
    expect(model.pending.value).toBe(false);
    expect(model.refusal.value).toBeNull();
  });

  it('sends a different command after the one on its way, pinned to the revision it left', async () => {
    // A budget typed in the plan is saved on blur, i.e. as the facilitator clicks "Next phase":
    // that click must not be swallowed.
    const { socket, session } = setup();
    socket.accept();
    socket.fire('session', makeView({ revision: 2 }));
    const model = new ConsoleModel(session);
    const acks: Array<() => void> = [];
    socket.onCommand = (command, ack) =>
      acks.push(() =>
        ack({ ok: true, view: makeView({ revision: (command.expectedRevision ?? 0) + 1 }) }),
      );
    const budget = model.run({ type: 'setBudget', phase: 'questions', ms: 240_000 });
    const next = model.run({ type: 'next' });
    expect(socket.sent.filter((entry) => entry.event === 'command')).toHaveLength(1);
    acks.shift()?.();
    expect((await budget)?.ok).toBe(true);
    await vi.waitFor(() =>
      expect(socket.sent.filter((entry) => entry.event === 'command')).toHaveLength(2),
    );
    const sentNext = socket.sent.filter((entry) => entry.event === 'command')[1]?.args[0];
    expect(sentNext).toMatchObject({ type: 'next', expectedRevision: 3 });
    expect(model.pending.value).toBe(true);
    acks.shift()?.();
    expect((await next)?.ok).toBe(true);
    expect(model.pending.value).toBe(false);
  });

  it('adds up extensions pressed quickly: +1 min twice is two minutes', async () => {
    const { socket, session } = setup();
    socket.accept();
    socket.fire('session', makeView({ revision: 2 }));
    const model = new ConsoleModel(session);
    const acks: Array<() => void> = [];
    socket.onCommand = (command, ack) =>
      acks.push(() =>
        ack({ ok: true, view: makeView({ revision: (command.expectedRevision ?? 0) + 1 }) }),
      );
    const first = model.run({ type: 'extend', ms: 60_000 });
    const second = model.run({ type: 'extend', ms: 60_000 });
    acks.shift()?.();
    expect((await first)?.ok).toBe(true);
    await vi.waitFor(() =>
      expect(socket.sent.filter((entry) => entry.event === 'command')).toHaveLength(2),
    );
    const sentSecond = socket.sent.filter((entry) => entry.event === 'command')[1]?.args[0];
    expect(sentSecond).toMatchObject({ type: 'extend', ms: 60_000, expectedRevision: 3 });
    acks.shift()?.();
    expect((await second)?.ok).toBe(true);
    expect(model.pending.value).toBe(false);
  });

  it('passes other refusals on as the server worded them', () => {
    expect(refusalText({ code: 'not_allowed_now', message: 'Not now.' })).toBe('Not now.');
  });
});
