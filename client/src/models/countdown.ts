import { type ClockView, type Countdown, countdownAt, elapsedMs } from '@balint/shared';
import { effect, type ReadonlySignal, signal } from '@preact/signals-core';

/** What a screen draws at one flip: the digits and how far through the phase it is. */
export interface Reading {
  countdown: Countdown;
  /** Elapsed share of the budget, 0–1 (1 in overtime). */
  progress: number;
}

export interface CountdownClock {
  readonly offsetMs: ReadonlySignal<number>;
  now(): number;
}

/** The reading of a view at server time `now`. */
export function readingAt(view: ClockView, now: number): Reading {
  const countdown = countdownAt(view, now);
  const progress = view.phaseBudgetMs > 0 ? elapsedMs(view, now) / view.phaseBudgetMs : 0;
  return { countdown, progress: Math.min(1, Math.max(0, progress)) };
}

/**
 * A countdown that re-reads the clock exactly when the shown second changes (the server's
 * second boundaries, so every screen in the room flips together), never by counting ticks.
 */
export class CountdownModel {
  readonly reading = signal<Reading | null>(null);
  private readonly flips = signal(0);
  private readonly stop: () => void;

  constructor(view: ReadonlySignal<ClockView | null>, clock: CountdownClock) {
    this.stop = effect(() => {
      const current = view.value;
      clock.offsetMs.value;
      this.flips.value;
      if (!current) {
        this.reading.value = null;
        return;
      }
      const reading = readingAt(current, clock.now());
      this.reading.value = reading;
      const wait = reading.countdown.msToNextFlip;
      if (wait === null) return;
      // A timer may fire a hair early; the next reading then just schedules the rest.
      const timer = setTimeout(
        () => {
          this.flips.value += 1;
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
