import type { Clock, TimerHandle } from '../clock.ts';

export interface Coalescer {
  /** Something changed: flush now if the window allows, else once when it closes. */
  changed(): void;
  cancel(): void;
}

/**
 * At most one flush per `windowMs`: the first change goes out on the next turn of the event
 * loop (merging changes made together), later ones within the window are merged into one.
 */
export function createCoalescer(clock: Clock, windowMs: number, flush: () => void): Coalescer {
  let lastFlushAt = Number.NEGATIVE_INFINITY;
  let pending: TimerHandle | null = null;
  return {
    changed: () => {
      if (pending !== null) return;
      const wait = Math.min(windowMs, Math.max(0, lastFlushAt + windowMs - clock.now()));
      pending = clock.setTimeout(() => {
        pending = null;
        lastFlushAt = clock.now();
        flush();
      }, wait);
    },
    cancel: () => {
      if (pending !== null) clock.clearTimeout(pending);
      pending = null;
    },
  };
}
