import { describe, expect, it } from 'vitest';
import { FIT_FLOORS_MS, fitToEnd, projectedEndAt } from '../../../shared/src/index.ts';
import { createHarness, expectAccepted, MINUTE, SECOND, T0 } from './harness.ts';

// Default plan: 5 + 10 + 5 + 25 + 10 = 55 min; a case after the first is 50 min.
const FULL = 55 * MINUTE;
const CASE = 50 * MINUTE;

describe('the planned end', () => {
  it('[E1] setEndTime takes whole epoch ms within the next 24 h, or null; reset keeps it', () => {
    const h = createHarness();
    for (const at of [T0, T0 - MINUTE, T0 + 24 * 60 * MINUTE + 1, T0 + 90 * MINUTE + 0.5, -1]) {
      expect(h.send({ type: 'setEndTime', at }), String(at)).toMatchObject({
        code: 'invalid_command',
        field: 'at',
      });
    }
    expectAccepted(h.send({ type: 'setEndTime', at: T0 + 90 * MINUTE }));
    expect(h.view()).toMatchObject({ endsAt: T0 + 90 * MINUTE, revision: 1 });
    h.send({ type: 'start' });
    h.send({ type: 'reset' });
    expect(h.view().endsAt).toBe(T0 + 90 * MINUTE);
    expectAccepted(h.send({ type: 'setEndTime', at: null }));
    expect(h.view().endsAt).toBeNull();
  });

  it('[E1] is kept by end, and refused once ended', () => {
    const h = createHarness();
    h.send({ type: 'setEndTime', at: T0 + 90 * MINUTE });
    h.send({ type: 'end' });
    expect(h.view()).toMatchObject({ endsAt: T0 + 90 * MINUTE, projectedEndAt: null });
    expect(h.send({ type: 'setEndTime', at: T0 + MINUTE })?.code).toBe('not_allowed_now');
  });
});

describe('the projected end', () => {
  it('[E2] lobby: now + all five phases + the other planned cases', () => {
    expect(createHarness().view().projectedEndAt).toBe(T0 + FULL);
    expect(createHarness({ cases: 2 }).view()).toMatchObject({
      casesPlanned: 2,
      projectedEndAt: T0 + FULL + CASE,
    });
  });

  it('[E2] running: what is left of this phase plus the planned phases to come', () => {
    const h = createHarness({ cases: 2 });
    h.send({ type: 'start' });
    h.advance(2 * MINUTE);
    expect(h.view().projectedEndAt).toBe(T0 + FULL + CASE);
    h.send({ type: 'next' }); // presentation at +2 min: 10 + 5 + 25 + 10 + a case
    expect(h.view().projectedEndAt).toBe(T0 + 2 * MINUTE + CASE + CASE);
  });

  it('[E2] a pause and overtime push it later; an extension and a budget change move it', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.send({ type: 'pause' });
    h.advance(3 * MINUTE);
    expect(h.view().projectedEndAt).toBe(T0 + 3 * MINUTE + FULL);
    h.send({ type: 'resume' });
    h.advance(10 * MINUTE); // opening 5 min over (3 min paused, 10 run)
    expect(h.view().projectedEndAt).toBe(T0 + 13 * MINUTE + CASE);
    h.send({ type: 'extend', ms: 7 * MINUTE }); // 2 min left
    expect(h.view().projectedEndAt).toBe(T0 + 15 * MINUTE + CASE);
    h.send({ type: 'setBudget', phase: 'discussion', ms: 30 * MINUTE });
    expect(h.view().projectedEndAt).toBe(T0 + 20 * MINUTE + CASE);
  });

  it('[E2] a second case and cases beyond the plan; ended is null', () => {
    const h = createHarness({ cases: 2 });
    h.send({ type: 'start' });
    for (let i = 0; i < 4; i++) h.send({ type: 'next' });
    h.send({ type: 'nextCase' }); // case 2 of 2, presentation at T0
    expect(h.view().projectedEndAt).toBe(T0 + CASE);
    for (let i = 0; i < 3; i++) h.send({ type: 'next' });
    h.send({ type: 'nextCase' }); // case 3 of 2: this case only
    expect(h.view()).toMatchObject({ caseNumber: 3, projectedEndAt: T0 + CASE });
    h.send({ type: 'end' });
    expect(h.view().projectedEndAt).toBeNull();
  });

  it('[E2] clients re-evaluate it as time passes, from the view alone', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    const view = h.view();
    expect(projectedEndAt(view, T0 + 30 * SECOND)).toBe(view.projectedEndAt);
    expect(projectedEndAt(view, T0 + 6 * MINUTE)).toBe(T0 + 6 * MINUTE + CASE);
  });
});

describe('fitting the sitting to its end', () => {
  it('[E3] takes whole minutes from the phases to come, the discussion last, none below its floor', () => {
    const h = createHarness({ cases: 2 });
    const endsAt = T0 + 90 * MINUTE; // 15 min over (105 planned)
    const fit = fitToEnd(h.view(), T0, endsAt);
    // Opening gives 3 (once, to its floor), questions 2 (twice, to its floor), then the
    // presentation the 4 minutes left (twice, 8); reflection and discussion keep theirs.
    expect(fit.changes).toEqual([
      { phase: 'opening', fromMs: 5 * MINUTE, toMs: 2 * MINUTE },
      { phase: 'questions', fromMs: 5 * MINUTE, toMs: 3 * MINUTE },
      { phase: 'presentation', fromMs: 10 * MINUTE, toMs: 6 * MINUTE },
    ]);
    expect(fit.stillOverMs).toBe(0);
    for (const change of fit.changes) {
      expectAccepted(h.send({ type: 'setBudget', phase: change.phase, ms: change.toMs }));
    }
    expect(h.view().projectedEndAt).toBeLessThanOrEqual(endsAt);
  });

  it('[E3] never cuts the running phase, and says what cannot be fitted', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    for (let i = 0; i < 3; i++) h.send({ type: 'next' }); // discussion, 25 + 10 to go
    const fit = fitToEnd(h.view(), T0, T0 + 20 * MINUTE);
    expect(fit.changes).toEqual([
      { phase: 'reflection', fromMs: 10 * MINUTE, toMs: FIT_FLOORS_MS.reflection },
    ]);
    expect(fit.stillOverMs).toBe(10 * MINUTE);
  });

  it('[E3] leaves the running phase alone in the cases still to come too (its budget is shared)', () => {
    const h = createHarness({ cases: 2 });
    h.send({ type: 'start' });
    for (let i = 0; i < 3; i++) h.send({ type: 'next' }); // discussion of case 1
    const fit = fitToEnd(h.view(), T0, T0 + 40 * MINUTE);
    expect(fit.changes.map((change) => change.phase)).not.toContain('discussion');
    for (const change of fit.changes) {
      expectAccepted(h.send({ type: 'setBudget', phase: change.phase, ms: change.toMs }));
    }
    expect(h.view().phaseBudgetMs).toBe(25 * MINUTE);
    expect((h.view().projectedEndAt ?? 0) - (T0 + 40 * MINUTE)).toBe(fit.stillOverMs);
  });
});
