import type { CommandAck, SessionView } from '@balint/shared';
import { signal } from '@preact/signals-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConsoleModel } from '../../../client/src/views/Facilitator/consoleModel.ts';
import { makeView } from './views.ts';

function fakeSession(first: SessionView) {
  const view = signal<SessionView | null>(first);
  const answers: CommandAck[] = [];
  const send = vi.fn(async () => {
    const ack = answers.shift() ?? { ok: true as const, view: view.peek() as SessionView };
    if (ack.view) view.value = ack.view;
    return ack;
  });
  return { view, send, answers };
}

const stale = (view: SessionView): CommandAck => ({
  ok: false,
  error: { code: 'stale_revision', message: 'stale' },
  view,
});

describe('the console’s notices about refused commands', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('go away by themselves after a few seconds', async () => {
    const session = fakeSession(makeView({ revision: 3 }));
    const model = new ConsoleModel(session, 6_000);
    session.answers.push(stale(makeView({ revision: 4, phase: 'questions' })));
    await model.run({ type: 'next' });
    expect(model.refusal.value).toMatch(/already moved/);
    await vi.advanceTimersByTimeAsync(5_900);
    expect(model.refusal.value).not.toBeNull();
    await vi.advanceTimersByTimeAsync(200);
    expect(model.refusal.value).toBeNull();
    model.dispose();
  });

  it('go away as soon as the session moves on, but not for a presence update', async () => {
    const session = fakeSession(makeView({ revision: 3 }));
    const model = new ConsoleModel(session, 6_000);
    const current = makeView({ revision: 4, phase: 'questions' });
    session.answers.push(stale(current));
    await model.run({ type: 'next' });
    session.view.value = { ...current, counts: { facilitators: 2, displays: 1, members: 4 } };
    expect(model.refusal.value).not.toBeNull();
    session.view.value = makeView({ revision: 5, phase: 'discussion' });
    expect(model.refusal.value).toBeNull();
    model.dispose();
  });

  it('give way to the next accepted command', async () => {
    const session = fakeSession(makeView({ revision: 3 }));
    const model = new ConsoleModel(session, 6_000);
    session.answers.push({ ok: false, error: { code: 'not_allowed_now', message: 'Not now.' } });
    await model.run({ type: 'back' });
    expect(model.refusal.value).toBe('Not now.');
    await model.run({ type: 'pause' });
    expect(model.refusal.value).toBeNull();
    model.dispose();
  });
});
