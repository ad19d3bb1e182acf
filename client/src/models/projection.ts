import {
  type Fit,
  fitToEnd,
  MINUTE_MS,
  phasesToCome,
  projectedEndAt,
  remainingMs,
  type SessionView,
} from '@balint/shared';
import { effect, type ReadonlySignal, signal } from '@preact/signals-core';

/** Where the sitting stands against its planned end, at one moment of server time. */
export interface Outlook {
  endsAt: number | null;
  /** When it ends at the current pace; null once ended. */
  projectedAt: number | null;
  /** Projected minus planned end: positive over, negative to spare; null without both. */
  overMs: number | null;
}

/** A projection within a minute of the end is on time; a minute or more over is worth fitting. */
export const ON_TIME_WITHIN_MS = MINUTE_MS;

/** The outlook of `view` at server time `now` (projectedEndAt re-evaluated, SPEC E2). */
export function outlookAt(view: SessionView, now: number): Outlook {
  const projectedAt = projectedEndAt(view, now);
  const overMs = projectedAt !== null && view.endsAt !== null ? projectedAt - view.endsAt : null;
  return { endsAt: view.endsAt, projectedAt, overMs };
}

/** Ms until the next whole minute of `time`. */
function toNextMinute(time: number): number {
  return MINUTE_MS - (((time % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
}

/**
 * Ms until what the console shows of the outlook (whole minutes of the projected end and of the
 * difference) can next change by time alone, or null if it never does. While a phase runs within
 * its budget the projection stands still; in the lobby, paused or in overtime it moves with now.
 */
export function msToOutlookChange(view: SessionView, now: number): number | null {
  const { projectedAt, overMs } = outlookAt(view, now);
  if (projectedAt === null) return null;
  if (view.running && view.phase !== 'lobby') {
    const left = remainingMs(view, now);
    if (left > 0) return left;
  }
  const untilProjected = toNextMinute(projectedAt);
  return overMs === null ? untilProjected : Math.min(untilProjected, toNextMinute(overMs));
}

/** "7 min over", "on time", "3 min to spare": the difference in whole minutes, calmly. */
export function differenceText(overMs: number): string {
  if (Math.abs(overMs) < ON_TIME_WITHIN_MS) return 'on time';
  const minutes = Math.floor(Math.abs(overMs) / MINUTE_MS);
  const amount =
    minutes < 60
      ? `${minutes} min`
      : `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  return overMs > 0 ? `${amount} over` : `${amount} to spare`;
}

/** True when the projection is a minute or more past the end: the console offers to fit it. */
export function worthFitting(outlook: Outlook): boolean {
  return outlook.overMs !== null && outlook.overMs >= ON_TIME_WITHIN_MS;
}

/**
 * The fit the console offers (SPEC E3). `setBudget` of the running phase also changes the phase
 * now running, so a change to it (proposed when it comes again in a later planned case) is left
 * out, and what it would have saved is counted as still over.
 */
export function consoleFit(view: SessionView, now: number, endsAt: number): Fit {
  const fit = fitToEnd(view, now, endsAt);
  const running = fit.changes.find((change) => change.phase === view.phase);
  if (!running) return fit;
  const times = phasesToCome(view).get(running.phase) ?? 0;
  return {
    changes: fit.changes.filter((change) => change !== running),
    stillOverMs: fit.stillOverMs + (running.fromMs - running.toMs) * times,
  };
}

interface ServerTimeClock {
  readonly offsetMs: ReadonlySignal<number>;
  now(): number;
}

/**
 * The sitting's outlook as time passes: re-evaluated on every view, clock correction and at the
 * moments it can change (never by counting ticks).
 */
export class ProjectionModel {
  readonly outlook = signal<Outlook | null>(null);
  private readonly wakes = signal(0);
  private readonly stop: () => void;

  constructor(view: ReadonlySignal<SessionView | null>, clock: ServerTimeClock) {
    this.stop = effect(() => {
      const current = view.value;
      clock.offsetMs.value;
      this.wakes.value;
      if (!current) {
        this.outlook.value = null;
        return;
      }
      const now = clock.now();
      this.outlook.value = outlookAt(current, now);
      const wait = msToOutlookChange(current, now);
      if (wait === null) return;
      const timer = setTimeout(
        () => {
          this.wakes.value += 1;
        },
        Math.max(1, Math.ceil(wait)),
      );
      return () => clearTimeout(timer);
    });
  }

  dispose(): void {
    this.stop();
  }
}
