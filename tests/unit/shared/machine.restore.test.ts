import { describe, expect, it } from 'vitest';
import { isOvertime } from '../../../shared/src/index.ts';
import { createHarness, type Harness, MINUTE, restart, SECOND } from './harness.ts';

/** The view of both harnesses at the same instant, without the server time. */
function sameView(a: Harness, b: Harness) {
  expect(b.view()).toEqual(a.view());
}

describe('persisted snapshots', () => {
  it('[P1] restore in the lobby and after the end gives the same view', () => {
    const lobby = createHarness();
    lobby.send({ type: 'setBudget', phase: 'discussion', ms: 30 * MINUTE });
    sameView(lobby, restart(lobby));
    const ended = createHarness();
    ended.send({ type: 'start' });
    ended.send({ type: 'end' });
    sameView(ended, restart(ended));
  });

  it('[P1][T7] restore mid-phase keeps wall-clock time and re-arms time-up', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.send({ type: 'next' });
    h.send({ type: 'extend', ms: MINUTE });
    h.advance(4 * MINUTE);
    const before = h.view();
    const restored = restart(h, 2 * MINUTE + 345);
    expect(restored.view()).toMatchObject({
      phase: 'presentation',
      running: true,
      revision: before.revision,
      phaseBudgetMs: 11 * MINUTE,
      phaseElapsedMs: 6 * MINUTE + 345,
    });
    restored.advance(5 * MINUTE - 345 - 1);
    expect(restored.phaseState()).toContain('counting');
    restored.advance(1);
    expect(restored.phaseState()).toContain('overtime');
  });

  it('[P1] restore mid-pause: the clock stays stopped and resumes exactly', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.advance(90 * SECOND);
    h.send({ type: 'pause' });
    const restored = restart(h, 20 * MINUTE);
    expect(restored.view()).toMatchObject({
      phase: 'opening',
      running: false,
      phaseElapsedMs: 90 * SECOND,
    });
    restored.send({ type: 'resume' });
    restored.advance(210 * SECOND - 1);
    expect(restored.phaseState()).toContain('counting');
    restored.advance(1);
    expect(restored.phaseState()).toContain('overtime');
  });

  it('[P1][S2] restore in overtime, or across a deadline, shows overtime without advancing', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.advance(4 * MINUTE);
    const restored = restart(h, 3 * MINUTE);
    expect(restored.phaseState()).toContain('overtime');
    expect(restored.view()).toMatchObject({
      phase: 'opening',
      revision: 1,
      phaseElapsedMs: 7 * MINUTE,
    });
    expect(isOvertime(restored.view(), restored.clock.now())).toBe(true);
    const again = restart(restored, MINUTE);
    expect(again.phaseState()).toContain('overtime');
    expect(again.view().phaseElapsedMs).toBe(8 * MINUTE);
  });

  it('[S4][R4] resync replays missed auto-advances at their deadlines, and alone changes nothing', () => {
    const h = createHarness({ autoAdvance: true });
    h.send({ type: 'start' });
    h.advance(2 * MINUTE);
    // down until minute 17: opening ended at 5, presentation at 15; questions runs 15 … 20
    const restored = restart(h, 15 * MINUTE);
    expect(restored.view()).toMatchObject({
      phase: 'questions',
      revision: 3,
      phaseElapsedMs: 2 * MINUTE,
    });
    expect(restored.snapshot().context.phaseStartedAt).toBe(h.clock.now() - 2 * MINUTE);
    const quiet = restart(restored, 0);
    expect(quiet.view().revision).toBe(3);
    quiet.advance(3 * MINUTE - 1);
    expect(quiet.view().phase).toBe('questions');
    quiet.advance(1);
    expect(quiet.view()).toMatchObject({ phase: 'discussion', revision: 4 });
  });

  it('[S4] a long outage with auto-advance stops in reflection, never beyond', () => {
    const h = createHarness({ autoAdvance: true });
    h.send({ type: 'start' });
    const restored = restart(h, 5 * 60 * MINUTE);
    expect(restored.view()).toMatchObject({ phase: 'reflection', revision: 5, running: true });
    expect(restored.view().phaseElapsedMs).toBe(5 * 60 * MINUTE - 45 * MINUTE);
  });

  it('[P1] a restored snapshot keeps taking commands with the same revision count', () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.send({ type: 'setPresenter', name: 'Lou' });
    const restored = restart(h, SECOND);
    expect(restored.view().presenter).toBe('Lou');
    expect(restored.send({ type: 'next' })).toBeNull();
    expect(restored.view()).toMatchObject({ phase: 'presentation', revision: 3 });
  });
});
