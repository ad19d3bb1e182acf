import { describe, expect, it } from 'vitest';
import { nextAutoAdvanceAt, UNDO_WINDOW_MS } from '../../../shared/src/index.ts';
import { createHarness, expectAccepted, MINUTE, restart, SECOND } from './harness.ts';

describe('undo', () => {
  it('[U1] takes back a next as if it had never been sent: the phase kept running', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.send({ type: 'next' }); // presentation
    h.advance(4 * MINUTE);
    const before = h.view();
    h.send({ type: 'next' });
    h.advance(20 * SECOND);
    expectAccepted(h.send({ type: 'undo' }));
    expect(h.view()).toMatchObject({
      phase: 'presentation',
      running: true,
      phaseElapsedMs: 4 * MINUTE + 20 * SECOND,
      revision: before.revision + 2,
    });
  });

  it('[U1] takes back a pause, an extension and an end, time included', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.advance(MINUTE);
    h.send({ type: 'pause' });
    h.advance(30 * SECOND);
    expectAccepted(h.send({ type: 'undo' }));
    expect(h.view()).toMatchObject({ running: true, phaseElapsedMs: 90 * SECOND });

    h.send({ type: 'extend', ms: 5 * MINUTE });
    expectAccepted(h.send({ type: 'undo' }));
    expect(h.view().phaseBudgetMs).toBe(5 * MINUTE);

    h.send({ type: 'end' });
    h.advance(SECOND);
    expectAccepted(h.send({ type: 'undo' }));
    expect(h.view()).toMatchObject({ phase: 'opening', phaseElapsedMs: 91 * SECOND });
  });

  it('[U1] replays the auto-advances the undone command had prevented', () => {
    const h = createHarness({ autoAdvance: true, budgets: { opening: MINUTE } });
    h.send({ type: 'start' });
    h.advance(50 * SECOND);
    h.send({ type: 'pause' });
    h.advance(30 * SECOND);
    expectAccepted(h.send({ type: 'undo' }));
    // Without the pause the opening ran out at 60 s and the presentation began then.
    expect(h.view()).toMatchObject({ phase: 'presentation', phaseElapsedMs: 20 * SECOND });
  });

  it('[U2] is refused with nothing to undo, after an undo, and after 60 s', () => {
    const h = createHarness();
    expect(h.send({ type: 'undo' })?.code).toBe('not_allowed_now');
    h.send({ type: 'start' });
    h.send({ type: 'next' });
    expectAccepted(h.send({ type: 'undo' }));
    const afterUndo = h.session;
    expect(h.send({ type: 'undo' })).toMatchObject({
      code: 'not_allowed_now',
      message: expect.stringMatching(/cannot itself be undone/),
    });
    expect(h.session).toBe(afterUndo);
    h.send({ type: 'next' });
    h.advance(UNDO_WINDOW_MS);
    expect(h.view().undoable).toMatchObject({ command: 'next' });
    h.advance(1);
    expect(h.view().undoable).toBeUndefined();
    expect(h.send({ type: 'undo' })?.message).toMatch(/60 s only/);
  });

  it('[U3] counts as a command and survives a restart', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    const nextAt = h.clock.now();
    h.send({ type: 'next' });
    const restored = restart(h, 5 * SECOND);
    expect(restored.view().undoable).toEqual({ command: 'next', until: nextAt + UNDO_WINDOW_MS });
    expectAccepted(restored.send({ type: 'undo' }));
    expect(restored.view()).toMatchObject({ phase: 'opening', revision: 3 });
  });
});

describe('who presents', () => {
  it('[N1] the presenter is a name and, when picked from who is here, that phone', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    expectAccepted(h.send({ type: 'setPresenter', name: ' Ada ', device: 'phone-ada-1' }));
    expect(h.view()).toMatchObject({ presenter: 'Ada', presenterDevice: 'phone-ada-1' });
    expectAccepted(h.send({ type: 'setPresenter', name: 'Ben' }));
    expect(h.view().presenter).toBe('Ben');
    expect(h.view().presenterDevice).toBeUndefined();
    h.send({ type: 'setPresenter', name: 'Ada', device: 'phone-ada-1' });
    expectAccepted(h.send({ type: 'setPresenter', name: '', device: 'phone-ada-1' }));
    expect(h.view().presenter).toBeUndefined();
    expect(h.view().presenterDevice).toBeUndefined();
  });

  it('[N1] a device that is not 8–64 url-safe characters is invalid_command', () => {
    const h = createHarness();
    for (const device of ['short', 'x'.repeat(65), 'has space!', '']) {
      expect(h.send({ type: 'setPresenter', name: 'Ada', device })).toMatchObject({
        code: 'invalid_command',
        field: 'device',
      });
    }
  });

  it('[N2] the next case, the end and a reset start with nobody presenting', () => {
    for (const closing of ['nextCase', 'end', 'reset'] as const) {
      const h = createHarness();
      h.send({ type: 'start' });
      for (let i = 0; i < 4; i++) h.send({ type: 'next' });
      h.send({ type: 'setPresenter', name: 'Ada', device: 'phone-ada-1' });
      expectAccepted(h.send({ type: closing }));
      expect(h.view().presenter, closing).toBeUndefined();
      expect(h.view().presenterDevice, closing).toBeUndefined();
    }
  });
});

describe('going back with auto-advance', () => {
  it('[S5] back into a phase whose time is spent stays there until extended', () => {
    const h = createHarness({ autoAdvance: true, budgets: { discussion: MINUTE } });
    h.send({ type: 'start' });
    for (let i = 0; i < 3; i++) h.send({ type: 'next' }); // discussion
    h.advance(MINUTE + 10 * SECOND); // auto-advanced to reflection at 1:00
    expect(h.view().phase).toBe('reflection');
    expectAccepted(h.send({ type: 'back' }));
    h.advance(5 * MINUTE);
    expect(h.view()).toMatchObject({ phase: 'discussion', phaseElapsedMs: 6 * MINUTE });
    expect(nextAutoAdvanceAt(h.session)).toBeNull();
    expectAccepted(h.send({ type: 'extend', ms: MINUTE }));
    // Still spent after the extension: it moves on at that command (S3).
    expect(h.view().phase).toBe('reflection');
  });

  it('[S5] the next auto-advance is due at the deadline of a running phase only', () => {
    const h = createHarness({ autoAdvance: true });
    expect(nextAutoAdvanceAt(h.session)).toBeNull();
    h.send({ type: 'start' });
    expect(nextAutoAdvanceAt(h.session)).toBe(h.clock.now() + 5 * MINUTE);
    h.advance(MINUTE);
    h.send({ type: 'pause' });
    expect(nextAutoAdvanceAt(h.session)).toBeNull();
  });
});
