import { describe, expect, it } from 'vitest';
import { PHASE_IDS } from '../../../shared/src/index.ts';
import { createHarness, expectAccepted, MINUTE, SECOND, T0 } from './harness.ts';

describe('session flow', () => {
  it('[F1] a new session waits in the lobby', () => {
    const h = createHarness();
    const view = h.view();
    expect(view).toMatchObject({ phase: 'lobby', running: false, revision: 0, caseNumber: 1 });
    expect(view.presenter).toBeUndefined();
  });

  it('[F2][F3][F5][F6] the happy path through two cases', () => {
    const h = createHarness();
    expectAccepted(h.send({ type: 'start' }));
    expect(h.view()).toMatchObject({
      phase: 'opening',
      running: true,
      phaseElapsedMs: 0,
      revision: 1,
    });

    expectAccepted(h.send({ type: 'setPresenter', name: '  Anna ' }));
    expect(h.view().presenter).toBe('Anna');

    for (const phase of PHASE_IDS.slice(1)) {
      h.advance(3 * MINUTE);
      expectAccepted(h.send({ type: 'next' }));
      expect(h.view()).toMatchObject({ phase, running: true, phaseElapsedMs: 0, caseNumber: 1 });
    }
    expect(h.send({ type: 'next' })?.code).toBe('not_allowed_now');

    expectAccepted(h.send({ type: 'nextCase' }));
    expect(h.view()).toMatchObject({ phase: 'presentation', caseNumber: 2, running: true });
    expect(h.view().presenter).toBeUndefined();

    expectAccepted(h.send({ type: 'setPresenter', name: 'B.K.' }));
    for (const phase of ['questions', 'discussion', 'reflection'] as const) {
      h.advance(SECOND);
      expectAccepted(h.send({ type: 'next' }));
      expect(h.view().phase).toBe(phase);
    }
    expectAccepted(h.send({ type: 'end' }));
    const ended = h.view();
    expect(ended).toMatchObject({
      phase: 'ended',
      running: false,
      phaseBudgetMs: 0,
      phaseElapsedMs: 0,
    });
    expect(ended.presenter).toBeUndefined();
    expect(ended.caseNumber).toBe(2);
    // start, presenter, 4 next, nextCase, presenter, 3 next, end
    expect(ended.revision).toBe(12);
  });

  it('[F4] back returns to the previous phase as it was left, extensions and elapsed kept', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.send({ type: 'next' }); // presentation
    h.advance(3 * MINUTE);
    expectAccepted(h.send({ type: 'extend', ms: 2 * MINUTE }));
    h.advance(4 * MINUTE);
    h.send({ type: 'next' }); // questions
    h.send({ type: 'nextCase' }); // refused: not in reflection
    h.advance(MINUTE);
    expectAccepted(h.send({ type: 'back' }));
    expect(h.view()).toMatchObject({
      phase: 'presentation',
      running: true,
      phaseElapsedMs: 7 * MINUTE,
      phaseBudgetMs: 12 * MINUTE,
      caseNumber: 1,
    });
    h.advance(30 * SECOND);
    expectAccepted(h.send({ type: 'next' }));
    expect(h.view()).toMatchObject({ phase: 'questions', phaseElapsedMs: MINUTE });
  });

  it('[F4] a stray next then back at minute 20 of the discussion loses no clock', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    for (let i = 0; i < 3; i++) h.send({ type: 'next' }); // discussion
    h.advance(20 * MINUTE);
    h.send({ type: 'next' });
    h.advance(2 * SECOND);
    expectAccepted(h.send({ type: 'back' }));
    expect(h.view()).toMatchObject({ phase: 'discussion', phaseElapsedMs: 20 * MINUTE });
  });

  it('[F4] back from a second case goes by the five-phase order and keeps the case number', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    for (let i = 0; i < 4; i++) h.send({ type: 'next' });
    h.send({ type: 'nextCase' });
    expectAccepted(h.send({ type: 'back' }));
    expect(h.view()).toMatchObject({ phase: 'opening', caseNumber: 2 });
    expect(h.send({ type: 'back' })?.code).toBe('not_allowed_now');
  });

  it('[F4] back from a paused phase enters the previous one running', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.send({ type: 'next' });
    h.send({ type: 'pause' });
    expectAccepted(h.send({ type: 'back' }));
    expect(h.view()).toMatchObject({ phase: 'opening', running: true });
  });

  it('[F5] next case also starts from a paused reflection', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    for (let i = 0; i < 4; i++) h.send({ type: 'next' });
    h.send({ type: 'pause' });
    expectAccepted(h.send({ type: 'nextCase' }));
    expect(h.view()).toMatchObject({ phase: 'presentation', running: true, caseNumber: 2 });
  });

  it('[F6] end is accepted in the lobby and in every phase, running or paused', () => {
    const lobby = createHarness();
    expectAccepted(lobby.send({ type: 'end' }));
    expect(lobby.view().phase).toBe('ended');
    for (let steps = 0; steps < 5; steps++) {
      for (const paused of [false, true]) {
        const h = createHarness();
        h.send({ type: 'start' });
        for (let i = 0; i < steps; i++) h.send({ type: 'next' });
        if (paused) h.send({ type: 'pause' });
        h.send({ type: 'setPresenter', name: 'Jo' });
        expectAccepted(h.send({ type: 'end' }));
        expect(h.view()).toMatchObject({ phase: 'ended', running: false });
        expect(h.view().presenter).toBeUndefined();
      }
    }
  });

  it('[F7] reset returns to the lobby keeping the plan, with case 1 and no presenter', () => {
    const h = createHarness();
    h.send({ type: 'setBudget', phase: 'discussion', ms: 20 * MINUTE });
    h.send({ type: 'start' });
    for (let i = 0; i < 4; i++) h.send({ type: 'next' });
    h.send({ type: 'nextCase' });
    h.send({ type: 'setPresenter', name: 'Kim' });
    h.advance(MINUTE);
    expectAccepted(h.send({ type: 'reset' }));
    const view = h.view();
    expect(view).toMatchObject({
      phase: 'lobby',
      running: false,
      caseNumber: 1,
      phaseElapsedMs: 0,
    });
    expect(view.presenter).toBeUndefined();
    expect(view.plan.find((p) => p.phase === 'discussion')?.budgetMs).toBe(20 * MINUTE);
    expect(view.phaseBudgetMs).toBe(5 * MINUTE);
    // reset from ended too
    h.send({ type: 'end' });
    expectAccepted(h.send({ type: 'reset' }));
    expect(h.view().phase).toBe('lobby');
  });

  it('[T1] every command is stamped: the phase starts at the command time, not at a tick', () => {
    const h = createHarness({}, T0);
    h.advance(1234);
    h.send({ type: 'start' });
    expect(h.snapshot().context.phaseStartedAt).toBe(T0 + 1234);
    h.advance(777);
    expect(h.view().phaseElapsedMs).toBe(777);
  });
});
