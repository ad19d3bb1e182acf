import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { isOvertime, remainingMs, sessionMachine } from '../../../shared/src/index.ts';
import { createHarness, expectAccepted, MINUTE, SECOND } from './harness.ts';

/** The time-up delay the pure transition function schedules for this event, if any. */
function scheduledDelay(
  h: ReturnType<typeof createHarness>,
  event: Parameters<typeof h.sendRaw>[0],
) {
  const [, actions] = transition(sessionMachine, h.snapshot(), event);
  const raise = actions.find((action) => action.type === 'xstate.raise');
  return (raise?.params as { delay?: number } | undefined)?.delay;
}

describe('phase clock arithmetic', () => {
  it('[T2] pause and resume are exact to the millisecond', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.advance(61_234);
    expectAccepted(h.send({ type: 'pause' }));
    h.advance(17_001);
    expect(h.view()).toMatchObject({ running: false, phaseElapsedMs: 61_234 });
    expectAccepted(h.send({ type: 'resume' }));
    h.advance(999);
    expect(h.view().phaseElapsedMs).toBe(62_233);
    h.send({ type: 'pause' });
    h.advance(5 * MINUTE);
    h.send({ type: 'resume' });
    h.advance(1);
    expect(h.view().phaseElapsedMs).toBe(62_234);
    expect(remainingMs(h.view(), h.clock.now())).toBe(5 * MINUTE - 62_234);
  });

  it('[T2] pause is accepted in overtime, and the overtime stands still while paused', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.advance(6 * MINUTE);
    expect(h.phaseState()).toContain('overtime');
    expectAccepted(h.send({ type: 'pause' }));
    h.advance(10 * MINUTE);
    expect(h.view().phaseElapsedMs).toBe(6 * MINUTE);
    expectAccepted(h.send({ type: 'resume' }));
    expect(h.phaseState()).toContain('overtime');
  });

  it('[T3] extend adds to this phase only and is dropped on leaving it', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    expectAccepted(h.send({ type: 'extend', ms: MINUTE }));
    expectAccepted(h.send({ type: 'extend', ms: 5 * MINUTE }));
    const view = h.view();
    expect(view.phaseBudgetMs).toBe(11 * MINUTE);
    expect(view.plan.find((p) => p.phase === 'opening')?.budgetMs).toBe(5 * MINUTE);
    h.send({ type: 'next' });
    expect(h.view().phaseBudgetMs).toBe(10 * MINUTE);
  });

  it('[T3] extend while paused counts, and overtime ends if time remains', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.advance(5 * MINUTE + 30 * SECOND);
    expect(h.phaseState()).toContain('overtime');
    expect(isOvertime(h.view(), h.clock.now())).toBe(true);
    h.send({ type: 'pause' });
    expectAccepted(h.send({ type: 'extend', ms: MINUTE }));
    h.send({ type: 'resume' });
    expect(h.phaseState()).toContain('counting');
    expect(remainingMs(h.view(), h.clock.now())).toBe(30 * SECOND);
    h.advance(30 * SECOND - 1);
    expect(h.phaseState()).toContain('counting');
    h.advance(1);
    expect(h.phaseState()).toContain('overtime');
  });

  it('[T4] setBudget on the current phase applies now, extensions on top', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.send({ type: 'next' });
    h.send({ type: 'extend', ms: 2 * MINUTE });
    h.advance(4 * MINUTE);
    expectAccepted(h.send({ type: 'setBudget', phase: 'presentation', ms: 3 * MINUTE }));
    expect(h.view().phaseBudgetMs).toBe(5 * MINUTE);
    expect(h.phaseState()).toContain('counting');
    h.advance(MINUTE);
    expect(h.phaseState()).toContain('overtime');
    expectAccepted(h.send({ type: 'setBudget', phase: 'presentation', ms: 20 * MINUTE }));
    expect(h.phaseState()).toContain('counting');
    expect(h.view().phaseBudgetMs).toBe(22 * MINUTE);
  });

  it('[T4] setBudget on another phase changes the plan, not the current clock', () => {
    const h = createHarness();
    expectAccepted(h.send({ type: 'setBudget', phase: 'opening', ms: 2 * MINUTE }));
    expect(h.view().phaseBudgetMs).toBe(2 * MINUTE);
    h.send({ type: 'start' });
    expectAccepted(h.send({ type: 'setBudget', phase: 'reflection', ms: 7 * MINUTE }));
    expect(h.view().phaseBudgetMs).toBe(2 * MINUTE);
    for (let i = 0; i < 4; i++) h.send({ type: 'next' });
    expect(h.view().phaseBudgetMs).toBe(7 * MINUTE);
  });

  it('[T5] pause, resume, extend and setBudget reschedule time-up to the exact remaining time', () => {
    const h = createHarness();
    expect(scheduledDelay(h, { type: 'start', at: h.clock.now() })).toBe(5 * MINUTE);
    h.send({ type: 'start' });
    h.advance(MINUTE);
    expect(scheduledDelay(h, { type: 'extend', ms: 30 * SECOND, at: h.clock.now() })).toBe(
      4 * MINUTE + 30 * SECOND,
    );
    expect(
      scheduledDelay(h, { type: 'setBudget', phase: 'opening', ms: 3 * MINUTE, at: h.clock.now() }),
    ).toBe(2 * MINUTE);
    h.send({ type: 'pause' });
    h.advance(10 * MINUTE);
    expect(scheduledDelay(h, { type: 'resume', at: h.clock.now() })).toBe(4 * MINUTE);
    // a refused command schedules nothing
    expect(scheduledDelay(h, { type: 'pause', at: h.clock.now() })).toBeUndefined();
  });

  it('[T6] an event stamped earlier than one already seen does not turn the clock back', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.advance(10 * SECOND);
    h.sendRaw({ type: 'resync', at: h.clock.now() });
    h.sendRaw({ type: 'pause', at: h.clock.now() - 60 * SECOND });
    const view = h.view();
    expect(view.running).toBe(false);
    expect(view.phaseElapsedMs).toBe(10 * SECOND);
    h.sendRaw({ type: 'resume', at: 0 });
    expect(h.view().phaseElapsedMs).toBe(10 * SECOND);
  });

  it('[T6] elapsed is never negative, even for a phase stamped after the view time', () => {
    const h = createHarness();
    h.sendRaw({ type: 'start', at: h.clock.now() + 5 * SECOND });
    expect(h.view().phaseElapsedMs).toBe(0);
  });
});

describe('time-up and overtime', () => {
  it('[S1][S2] time-up never skips a phase: overtime counts up until the facilitator moves on', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.advance(5 * MINUTE - 1);
    expect(h.phaseState()).toBe('{"opening":{"running":"counting"}}');
    expect(isOvertime(h.view(), h.clock.now())).toBe(false);
    h.advance(1);
    expect(h.phaseState()).toBe('{"opening":{"running":"overtime"}}');
    expect(isOvertime(h.view(), h.clock.now())).toBe(true);
    h.advance(3 * 60 * MINUTE);
    expect(h.view()).toMatchObject({ phase: 'opening', running: true, revision: 1 });
    expect(h.view().phaseElapsedMs).toBe(3 * 60 * MINUTE + 5 * MINUTE);
  });

  it('[S3] auto-advance moves on at the exact deadline and counts a revision', () => {
    const h = createHarness({ autoAdvance: true, budgets: { opening: 2 * SECOND } });
    h.send({ type: 'start' });
    const startedAt = h.clock.now();
    h.advance(1_500);
    h.send({ type: 'pause' });
    h.advance(10 * SECOND);
    h.send({ type: 'resume' });
    h.advance(499);
    expect(h.view().phase).toBe('opening');
    h.advance(1);
    expect(h.view()).toMatchObject({ phase: 'presentation', revision: 4, phaseElapsedMs: 0 });
    expect(h.snapshot().context.phaseStartedAt).toBe(startedAt + 12 * SECOND);
  });

  it('[S3] a budget cut below the elapsed time moves an auto-advancing group on at that moment', () => {
    const h = createHarness({ autoAdvance: true, budgets: { discussion: 2 * SECOND } });
    h.send({ type: 'start' });
    h.send({ type: 'next' });
    h.send({ type: 'next' });
    h.advance(3 * MINUTE);
    const cutAt = h.clock.now();
    expectAccepted(h.send({ type: 'setBudget', phase: 'questions', ms: MINUTE }));
    expect(h.view()).toMatchObject({ phase: 'discussion', revision: 5, phaseElapsedMs: 0 });
    expect(h.snapshot().context.phaseStartedAt).toBe(cutAt);
  });

  it('[S3] a budget cut while paused moves on when the clock resumes', () => {
    const h = createHarness({ autoAdvance: true });
    h.send({ type: 'start' });
    h.advance(3 * MINUTE);
    h.send({ type: 'pause' });
    h.send({ type: 'setBudget', phase: 'opening', ms: MINUTE });
    expect(h.view().phase).toBe('opening');
    h.advance(MINUTE);
    const resumedAt = h.clock.now();
    expectAccepted(h.send({ type: 'resume' }));
    expect(h.view()).toMatchObject({ phase: 'presentation', phaseElapsedMs: 0 });
    expect(h.snapshot().context.phaseStartedAt).toBe(resumedAt);
  });

  it('[S3] auto-advance runs through the phases but never out of reflection', () => {
    const h = createHarness({ autoAdvance: true });
    h.send({ type: 'start' });
    h.advance(55 * MINUTE);
    expect(h.view().phase).toBe('reflection');
    expect(h.view().revision).toBe(5);
    h.advance(60 * MINUTE);
    expect(h.view()).toMatchObject({ phase: 'reflection', running: true, revision: 5 });
    expect(isOvertime(h.view(), h.clock.now())).toBe(true);
  });

  it('[R4] time running out without auto-advance never changes the revision', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.advance(MINUTE * 30);
    expect(h.view().revision).toBe(1);
  });
});
