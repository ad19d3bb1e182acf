import { describe, expect, it } from 'vitest';
import { createHarness, MINUTE, SECOND, T0 } from './harness.ts';

describe('the sitting record', () => {
  it('[G1] keeps each phase of each case as planned and as it ran, from start to end', () => {
    const h = createHarness({ budgets: { opening: 5 * MINUTE } });
    expect(h.session.context.sitting).toBeNull();
    h.send({ type: 'start' });
    h.advance(6 * MINUTE); // opening runs a minute over
    h.send({ type: 'next' });
    h.advance(4 * MINUTE);
    h.send({ type: 'back' }); // back to the opening for 30 s, then on again
    h.advance(30 * SECOND);
    h.send({ type: 'next' });
    h.advance(MINUTE);
    for (let i = 0; i < 3; i++) h.send({ type: 'next' });
    h.send({ type: 'nextCase' });
    h.advance(2 * MINUTE);
    h.send({ type: 'end' });
    const sitting = h.session.context.sitting;
    expect(sitting).toMatchObject({ startedAt: T0, endedAt: T0 + 13.5 * MINUTE, cases: 2 });
    expect(sitting?.phases).toEqual([
      { caseNumber: 1, phase: 'opening', plannedMs: 5 * MINUTE, actualMs: 6.5 * MINUTE },
      { caseNumber: 1, phase: 'presentation', plannedMs: 10 * MINUTE, actualMs: 5 * MINUTE },
      { caseNumber: 1, phase: 'questions', plannedMs: 5 * MINUTE, actualMs: 0 },
      { caseNumber: 1, phase: 'discussion', plannedMs: 25 * MINUTE, actualMs: 0 },
      { caseNumber: 1, phase: 'reflection', plannedMs: 10 * MINUTE, actualMs: 0 },
      { caseNumber: 2, phase: 'presentation', plannedMs: 10 * MINUTE, actualMs: 2 * MINUTE },
    ]);
  });

  it('[G1] a reset after a start closes the sitting; the next start opens a new one', () => {
    const h = createHarness({ autoAdvance: true, budgets: { opening: MINUTE } });
    h.send({ type: 'start' });
    h.advance(90 * SECOND); // auto-advanced at 1:00
    h.send({ type: 'reset' });
    expect(h.session.context.sitting).toEqual({
      startedAt: T0,
      endedAt: T0 + 90 * SECOND,
      cases: 1,
      phases: [
        { caseNumber: 1, phase: 'opening', plannedMs: MINUTE, actualMs: MINUTE },
        { caseNumber: 1, phase: 'presentation', plannedMs: 10 * MINUTE, actualMs: 30 * SECOND },
      ],
    });
    h.send({ type: 'start' });
    expect(h.session.context.sitting).toEqual({
      startedAt: T0 + 90 * SECOND,
      endedAt: null,
      cases: 1,
      phases: [],
    });
  });
});
