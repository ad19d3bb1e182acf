import type { SessionView } from '@balint/shared';
import { type ReadonlySignal, signal } from '@preact/signals-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus } from '../../../client/src/models/connection.ts';
import type { Reading } from '../../../client/src/models/countdown.ts';
import { CuePlayer, PULSE_MS } from '../../../client/src/models/cuePlayer.ts';
import { CUES_OFF, type CuePrefs, parseCuePrefs } from '../../../client/src/models/cuePrefs.ts';
import {
  type CueKind,
  type CueReading,
  CueTracker,
  crossedCue,
  cueReading,
  phaseInstance,
} from '../../../client/src/models/cues.ts';
import { makeView } from './views.ts';

const MINUTE = 60_000;
const LEAD = 2 * MINUTE;

function reading(remainingMs: number, observedAt: number, overrides: Partial<CueReading> = {}) {
  return {
    instance: '1:discussion',
    live: true,
    running: true,
    remainingMs,
    observedAt,
    ...overrides,
  } satisfies CueReading;
}

/**
 * A live page reading a running phase once a second, as the countdown flips: from `fromMs` left
 * for `seconds` seconds (each reading a hair after the flip). Returns the cues and when.
 */
function watch(
  tracker: CueTracker,
  fromMs: number,
  seconds: number,
  overrides: Partial<CueReading> = {},
  startAt = 0,
): Array<[number, CueKind]> {
  const cues: Array<[number, CueKind]> = [];
  for (let second = 0; second <= seconds; second++) {
    const remaining = fromMs - second * 1000 - 3;
    const cue = tracker.observe(reading(remaining, startAt + second * 1000 + 3, overrides));
    // The second the screen shows (ceil), -0 as 0.
    if (cue) cues.push([Math.ceil(remaining / 1000) || 0, cue]);
  }
  return cues;
}

describe('[C1] crossedCue', () => {
  it('cues the lead time and time-up as the clock crosses them', () => {
    expect(crossedCue(reading(120_400, 0), reading(119_990, 410), LEAD)).toBe('lead');
    expect(crossedCue(reading(120_000, 0), reading(119_000, 1000), LEAD)).toBe(null);
    expect(crossedCue(reading(400, 0), reading(-10, 410), LEAD)).toBe('timeUp');
    expect(crossedCue(reading(1, 0), reading(0, 1), LEAD)).toBe('timeUp');
    expect(crossedCue(reading(130_000, 0), reading(129_000, 1000), LEAD)).toBe(null);
  });

  it('honours the chosen lead time', () => {
    expect(crossedCue(reading(300_500, 0), reading(299_500, 1000), 5 * MINUTE)).toBe('lead');
    expect(crossedCue(reading(300_500, 0), reading(299_500, 1000), LEAD)).toBe(null);
    expect(crossedCue(reading(60_200, 0), reading(59_900, 300), MINUTE)).toBe('lead');
  });

  it('needs both readings live, running and in the same phase instance', () => {
    const before = reading(120_500, 0);
    const after = reading(119_800, 700);
    expect(crossedCue(null, after, LEAD)).toBe(null);
    expect(crossedCue({ ...before, live: false }, after, LEAD)).toBe(null);
    expect(crossedCue(before, { ...after, live: false }, LEAD)).toBe(null);
    expect(crossedCue({ ...before, running: false }, after, LEAD)).toBe(null);
    expect(crossedCue(before, { ...after, running: false }, LEAD)).toBe(null);
    expect(crossedCue({ ...before, instance: '1:questions' }, after, LEAD)).toBe(null);
    expect(crossedCue(before, { ...after, instance: null }, LEAD)).toBe(null);
  });

  it('says nothing for a threshold that passed more than 1.5 s of phase time ago', () => {
    // A budget cut from 5 min to 1 min left jumps over the lead time: no cue for it.
    expect(crossedCue(reading(300_000, 0), reading(60_000, 200), LEAD)).toBe(null);
    expect(crossedCue(reading(121_000, 0), reading(118_400, 1000), LEAD)).toBe(null);
    expect(crossedCue(reading(121_000, 0), reading(118_600, 1000), LEAD)).toBe('lead');
  });

  it('says nothing across a stall of the page itself', () => {
    expect(crossedCue(reading(120_200, 0), reading(119_900, 3_500), LEAD)).toBe(null);
  });
});

describe('[C1][C2] CueTracker', () => {
  it('cues a 130 s phase 10 s in (2 min lead) and at time-up, each once', () => {
    const tracker = new CueTracker(LEAD);
    expect(watch(tracker, 130_000, 140)).toEqual([
      [120, 'lead'],
      [0, 'timeUp'],
    ]);
  });

  it('gives a phase shorter than the lead time only its time-up', () => {
    expect(watch(new CueTracker(LEAD), 60_000, 70)).toEqual([[0, 'timeUp']]);
  });

  it('uses a changed lead time from the next reading on', () => {
    const tracker = new CueTracker(LEAD);
    tracker.leadMs = 3 * MINUTE;
    expect(watch(tracker, 185_000, 10)).toEqual([[180, 'lead']]);
  });

  it('never repeats in overtime, nor when the same phase is extended or returned to', () => {
    const tracker = new CueTracker(LEAD);
    expect(watch(tracker, 125_000, 600)).toEqual([
      [120, 'lead'],
      [0, 'timeUp'],
    ]);
    // +5 min in overtime: the clock crosses 2 min and 0 again, silently.
    expect(watch(tracker, 250_000, 300, {}, 700_000)).toEqual([]);
    // Another phase, then back to this one (its time kept): still silent.
    watch(tracker, 60_000, 2, { instance: '1:reflection' }, 1_100_000);
    expect(watch(tracker, 125_000, 130, {}, 1_200_000)).toEqual([]);
  });

  it('cues the same phase of the next case, and again after a reset', () => {
    const tracker = new CueTracker(LEAD);
    expect(watch(tracker, 122_000, 5)).toEqual([[120, 'lead']]);
    expect(watch(tracker, 122_000, 5, { instance: '2:discussion' }, 10_000)).toEqual([
      [120, 'lead'],
    ]);
    tracker.observe(reading(0, 20_000, { instance: null, running: false }));
    expect(watch(tracker, 122_000, 5, {}, 30_000)).toEqual([[120, 'lead']]);
  });

  it('never cues while paused', () => {
    const tracker = new CueTracker(LEAD);
    expect(watch(tracker, 125_000, 10, { running: false })).toEqual([]);
    // Resumed just below the threshold it was paused above: the pause hides the crossing.
    tracker.observe(reading(120_300, 20_000, { running: false }));
    expect(tracker.observe(reading(119_900, 20_400))).toBe(null);
  });

  it('never cues a moment that passed while the page slept', () => {
    const tracker = new CueTracker(LEAD);
    watch(tracker, 200_000, 5);
    // Asleep: the monotonic clock stood still, then the server clock estimate caught up by 90 s.
    expect(tracker.observe(reading(195_000 - 90_000, 5_010))).toBe(null);
    // Woken 0.5 s before time-up, it still cues time-up as it comes.
    expect(watch(tracker, 500, 1, {}, 6_000)).toEqual([[0, 'timeUp']]);
  });

  it('never cues a moment that passed while reconnecting', () => {
    const tracker = new CueTracker(LEAD);
    watch(tracker, 125_000, 3);
    // Offline from 122 s to 119.8 s left: the readings are not live.
    tracker.observe(reading(121_000, 4_000, { live: false }));
    expect(tracker.observe(reading(119_800, 5_200))).toBe(null);
    expect(watch(tracker, 119_000, 120, {}, 6_000)).toEqual([[0, 'timeUp']]);
  });
});

describe('cueReading', () => {
  it('reads a view at server time, phase instances by case', () => {
    const view = makeView({ phase: 'discussion', caseNumber: 2, phaseElapsedMs: 10_000 });
    expect(cueReading(view, true, view.serverTime + 5_000, 42)).toEqual({
      instance: '2:discussion',
      live: true,
      running: true,
      remainingMs: view.phaseBudgetMs - 15_000,
      observedAt: 42,
    });
    expect(phaseInstance(makeView({ phase: 'lobby' }))).toBe(null);
    expect(phaseInstance(makeView({ phase: 'ended' }))).toBe(null);
  });
});

describe('[C3] parseCuePrefs', () => {
  it('reads everything off unless stored as on, with a lead time from the list', () => {
    expect(parseCuePrefs(null)).toEqual(CUES_OFF);
    expect(parseCuePrefs('{oops')).toEqual(CUES_OFF);
    expect(parseCuePrefs('{"chime":"yes","leadMinutes":4}')).toEqual(CUES_OFF);
    expect(parseCuePrefs('{"chime":true,"vibrate":true,"leadMinutes":5}')).toEqual({
      chime: true,
      pulse: false,
      vibrate: true,
      leadMinutes: 5,
    });
  });
});

describe('[C1][C3] CuePlayer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A live page in a running discussion with `leftMs` to go at server time 0. */
  function stage(leftMs: number, prefs: Partial<CuePrefs> = {}) {
    const view = signal<SessionView | null>(
      makeView({ phase: 'discussion', serverTime: 0, phaseElapsedMs: 600_000 - leftMs }),
    );
    const status = signal<ConnectionStatus>('live');
    const reading = signal(0);
    let serverNow = 0;
    const given: string[] = [];
    const player = new CuePlayer(
      {
        view,
        status,
        reading: reading as unknown as ReadonlySignal<Reading | null>,
        serverNow: () => serverNow,
      },
      signal({ ...CUES_OFF, ...prefs }),
      {
        chime: (kind) => given.push(`chime ${kind}`),
        vibrate: (pattern) => given.push(`vibrate ${pattern.length}`),
      },
      () => serverNow,
    );
    /** Moves time on by `ms` and takes a reading, as a flip of the digits would. */
    const flip = (ms: number) => {
      serverNow += ms;
      reading.value += 1;
    };
    return { view, status, given, player, flip };
  }

  it('gives the chosen cues as the lead time passes, and nothing when all are off', () => {
    const on = stage(120_500, { chime: true, vibrate: true, pulse: true });
    on.flip(1_000);
    expect(on.given).toEqual(['chime lead', 'vibrate 1']);
    expect(on.player.pulse.value).toEqual({ kind: 'lead', count: 1 });
    vi.advanceTimersByTime(PULSE_MS);
    expect(on.player.pulse.value).toBeNull();
    const off = stage(120_500);
    off.flip(1_000);
    expect(off.given).toEqual([]);
    expect(off.player.pulse.value).toBeNull();
  });

  it('after a reconnect, waits for a fresh view before a reading counts as live', () => {
    const { status, view, given, flip } = stage(121_000, { chime: true });
    status.value = 'reconnecting';
    status.value = 'live';
    // Connected again, but the server's view has not come: the old one could be stale.
    flip(1_000);
    flip(1_000);
    expect(given).toEqual([]);
    view.value = { ...(view.value as SessionView) };
    flip(500);
    // Time-up still comes, 119 s later.
    for (let second = 0; second < 119; second++) flip(1_000);
    expect(given).toEqual(['chime timeUp']);
  });
});
