import type { PhaseId, Plan } from '@balint/shared';

/**
 * A second, deliberately naive account of a phase clock for the drift figure: it keeps the
 * running time accumulated at each pause, in whole ms, with none of the shared code. Only
 * the commands the drift script sends (start, pause, resume, extend, next, nextCase).
 */
export class ReferenceClock {
  phase: PhaseId | null = null;
  private budgetMs = 0;
  private ranMs = 0;
  private runningSince: number | null = null;

  constructor(private readonly plan: Plan) {}

  get running(): boolean {
    return this.runningSince !== null;
  }

  enter(phase: PhaseId, at: number): void {
    this.phase = phase;
    this.budgetMs = this.plan.budgets[phase];
    this.ranMs = 0;
    this.runningSince = at;
  }

  pause(at: number): void {
    if (this.runningSince === null) throw new Error('reference: pause while paused');
    this.ranMs += at - this.runningSince;
    this.runningSince = null;
  }

  resume(at: number): void {
    this.runningSince = at;
  }

  extend(ms: number): void {
    this.budgetMs += ms;
  }

  /** Budget left at `at`, negative in overtime. */
  remainingAt(at: number): number {
    const ran = this.ranMs + (this.runningSince === null ? 0 : at - this.runningSince);
    return this.budgetMs - ran;
  }

  /** What a screen must show at `at`: whole seconds down, then up in overtime. */
  shownAt(at: number): { overtime: boolean; seconds: number } {
    const remaining = this.remainingAt(at);
    return remaining > 0
      ? { overtime: false, seconds: Math.ceil(remaining / 1000) }
      : { overtime: true, seconds: Math.floor(-remaining / 1000) };
  }
}
