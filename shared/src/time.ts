/** The timing part of a view: enough to know the phase clock at any instant. */
export interface ClockView {
  readonly running: boolean;
  readonly phaseBudgetMs: number;
  /** Elapsed phase time at `serverTime`. */
  readonly phaseElapsedMs: number;
  /** Server epoch ms at which `phaseElapsedMs` was true. */
  readonly serverTime: number;
}

/** Elapsed phase time at server time `now`; a paused clock stands still. */
export function elapsedMs(view: ClockView, now: number): number {
  if (!view.running) return view.phaseElapsedMs;
  return view.phaseElapsedMs + Math.max(0, now - view.serverTime);
}

/** Budget left at `now`; negative once the phase is in overtime. */
export function remainingMs(view: ClockView, now: number): number {
  return view.phaseBudgetMs - elapsedMs(view, now);
}

/** True once the elapsed time has reached the budget. */
export function isOvertime(view: ClockView, now: number): boolean {
  return view.phaseBudgetMs > 0 && elapsedMs(view, now) >= view.phaseBudgetMs;
}

/** Time past the budget at `now`, 0 while time remains. */
export function overtimeMs(view: ClockView, now: number): number {
  return Math.max(0, -remainingMs(view, now));
}

/** What a screen shows: whole seconds counting down, or counting up in overtime. */
export interface Countdown {
  readonly overtime: boolean;
  /** ceil(remaining / 1000) before time-up; floor(overtime / 1000) after. */
  readonly seconds: number;
  /** Ms until the shown second changes (all screens flip together); null if it never does. */
  readonly msToNextFlip: number | null;
}

/** The countdown a screen shows at `now`; digits flip on whole seconds of remaining time. */
export function countdownAt(view: ClockView, now: number): Countdown {
  const remaining = remainingMs(view, now);
  const overtime = isOvertime(view, now);
  const seconds = overtime ? Math.floor(overtimeMs(view, now) / 1000) : Math.ceil(remaining / 1000);
  if (!view.running) return { overtime, seconds, msToNextFlip: null };
  const intoSecond = ((-remaining % 1000) + 1000) % 1000;
  return {
    overtime,
    seconds,
    msToNextFlip: overtime ? 1000 - intoSecond : remaining - (seconds - 1) * 1000,
  };
}

/** Formats whole seconds as M:SS, or H:MM:SS from an hour up. */
export function formatClock(totalSeconds: number): string {
  const safe = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(safe / 3600);
  const minutes = Math.floor((safe % 3600) / 60);
  const seconds = safe % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}
