import { MINUTE_MS, projectedEndAt, remainingMs, type SessionView } from '@balint/shared';
import { effect, type ReadonlySignal, signal } from '@preact/signals-core';

/** Where the sitting stands against its planned end, at one moment of server time. */
export interface Outlook {
  endsAt: number | null;
  /** When it ends at the current pace; null once ended. */
  projectedAt: number | null;
  /**
   * Projected minus planned end in whole minutes of the clock, as the two times read on screen
   * ("13:37" against "13:30" is 7 over): positive over, negative to spare; null without both.
   */
  overMinutes: number | null;
}

/** Whole minutes of the clock from `earlier` to `at`, as the two times read ("13:37" − "13:30"). */
export function clockMinutesBetween(at: number, earlier: number): number {
  return Math.floor(at / MINUTE_MS) - Math.floor(earlier / MINUTE_MS);
}

/** The outlook of `view` at server time `now` (projectedEndAt re-evaluated, SPEC E2). */
export function outlookAt(view: SessionView, now: number): Outlook {
  const projectedAt = projectedEndAt(view, now);
  const overMinutes =
    projectedAt !== null && view.endsAt !== null
      ? clockMinutesBetween(projectedAt, view.endsAt)
      : null;
  return { endsAt: view.endsAt, projectedAt, overMinutes };
}

/**
 * Ms until what the console shows of the outlook (the minute of the projected end, and so the
 * difference) can next change by time alone, or null if it never does. While a phase runs within
 * its budget the projection stands still; in the lobby, paused or in overtime it moves with now.
 */
export function msToOutlookChange(view: SessionView, now: number): number | null {
  const projectedAt = projectedEndAt(view, now);
  if (projectedAt === null) return null;
  if (view.running && view.phase !== 'lobby') {
    const left = remainingMs(view, now);
    if (left > 0) return left;
  }
  return MINUTE_MS - (((projectedAt % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
}

/** How a difference is said; English unless the console passes its own words. */
export interface DifferenceWords {
  onTime: string;
  over: (amount: string) => string;
  spare: (amount: string) => string;
  minUnit: string;
  hourUnit: string;
}

const ENGLISH_DIFFERENCE: DifferenceWords = {
  onTime: 'on time',
  over: (amount) => `${amount} over`,
  spare: (amount) => `${amount} to spare`,
  minUnit: 'min',
  hourUnit: 'h',
};

/** "7 min over", "on time", "3 min to spare": a difference in whole minutes, calmly. */
export function differenceText(
  overMinutes: number,
  words: DifferenceWords = ENGLISH_DIFFERENCE,
): string {
  if (overMinutes === 0) return words.onTime;
  const minutes = Math.abs(overMinutes);
  const { minUnit, hourUnit } = words;
  const amount =
    minutes < 60
      ? `${minutes} ${minUnit}`
      : `${Math.floor(minutes / 60)} ${hourUnit}${minutes % 60 ? ` ${minutes % 60} ${minUnit}` : ''}`;
  return overMinutes > 0 ? words.over(amount) : words.spare(amount);
}

/** True when the projection is a minute or more past the end: the console offers to fit it. */
export function worthFitting(outlook: Outlook): boolean {
  return outlook.overMinutes !== null && outlook.overMinutes >= 1;
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
