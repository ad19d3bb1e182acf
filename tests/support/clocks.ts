import type { Clock, TimerHandle } from '../../server/src/clock.ts';

/** A server clock a test can move. */
export interface TestClock extends Clock {
  advance(ms: number): void;
}

export const T0 = 1_800_000_000_000;

/** Real time plus an offset the test can move; timers are real. */
export function testClock(start = Date.now()): TestClock {
  let offset = start - Date.now();
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms;
    },
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle),
  };
}

/** Time stands still unless moved, so elapsed times are exact to the ms; timers are real. */
export function frozenClock(start = T0): TestClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle),
  };
}

/** A clock whose timers fire only as the test moves time: nothing happens by itself. */
export interface ManualClock extends TestClock {
  /** Moves time on by `ms`, firing every timer due on the way, each at its own time. */
  advance(ms: number): void;
  /** Moves time on without firing anything (the laptop slept); the next `advance` fires them late. */
  jump(ms: number): void;
  /** Timers set and not yet fired or cleared. */
  pending(): number;
}

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

export function manualClock(start = T0): ManualClock {
  let now = start;
  let seq = 0;
  const timers = new Map<object, Timer>();
  const due = (until: number): [object, Timer] | undefined => {
    let first: [object, Timer] | undefined;
    for (const entry of timers) {
      const [, timer] = entry;
      if (timer.at > until) continue;
      if (
        !first ||
        timer.at < first[1].at ||
        (timer.at === first[1].at && timer.seq < first[1].seq)
      )
        first = entry;
    }
    return first;
  };
  return {
    now: () => now,
    advance: (ms) => {
      const target = now + ms;
      for (let next = due(target); next; next = due(target)) {
        const [handle, timer] = next;
        timers.delete(handle);
        now = Math.max(now, timer.at);
        timer.callback();
      }
      now = target;
    },
    jump: (ms) => {
      now += ms;
    },
    pending: () => timers.size,
    setTimeout: (callback, ms) => {
      // An opaque handle: the server only passes it back to clearTimeout.
      const handle = {};
      seq += 1;
      timers.set(handle, { at: now + Math.max(0, ms), seq, callback });
      return handle as unknown as TimerHandle;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as unknown as object);
    },
  };
}
