import type { PhaseId } from './phases.ts';
import type { Plan } from './plan.ts';

/** The timestamps that define a phase clock; time is derived from them, never ticked. */
export interface PhaseClock {
  /** Server epoch ms at which the current phase was entered (less any time it ran before). */
  phaseStartedAt: number;
  /** When the current pause began, or null while running. */
  pausedAt: number | null;
  /** Total paused time in this phase before the current pause. */
  pausedMs: number;
  /** Extensions granted in this phase. */
  addedMs: number;
  /** When the current deadline was last set (phase entry, resume, extend, a new budget). */
  deadlineSetAt: number;
  /**
   * True when the phase was re-entered (by `back` or `next`) with its time already spent: an
   * opted-in group does not bounce straight out of it. Extending or re-budgeting clears it.
   */
  holdsAutoAdvance: boolean;
}

/** What a phase had run, kept when the session left it during this case. */
export interface LeftPhase {
  elapsedMs: number;
  addedMs: number;
}

/** Elapsed phase time at `at`; a paused clock reads as it was when paused. */
export function phaseElapsedAt(clock: PhaseClock, at: number): number {
  return Math.max(0, (clock.pausedAt ?? at) - clock.phaseStartedAt - clock.pausedMs);
}

/** The phase's planned budget plus its extensions. */
export function phaseBudgetOf(plan: Plan, clock: PhaseClock, phase: PhaseId): number {
  return plan.budgets[phase] + clock.addedMs;
}

/** The epoch ms at which a running phase's budget is spent. */
export function phaseDeadline(plan: Plan, clock: PhaseClock, phase: PhaseId): number {
  return clock.phaseStartedAt + clock.pausedMs + phaseBudgetOf(plan, clock, phase);
}

/**
 * When an opted-in group moves on: at the deadline, or, if a command set the deadline in the
 * past (a budget cut below the elapsed time), at that command.
 */
export function autoAdvanceAt(plan: Plan, clock: PhaseClock, phase: PhaseId): number {
  return Math.max(phaseDeadline(plan, clock, phase), clock.deadlineSetAt);
}

/** A clock for a phase entered at `at`, running, with nothing added. */
export function freshPhaseClock(at: number): PhaseClock {
  return {
    phaseStartedAt: at,
    pausedAt: null,
    pausedMs: 0,
    addedMs: 0,
    deadlineSetAt: at,
    holdsAutoAdvance: false,
  };
}

/** What the current phase has run by `at`, to be kept when the session leaves it. */
export function leftPhaseOf(clock: PhaseClock, at: number): LeftPhase {
  return { elapsedMs: phaseElapsedAt(clock, at), addedMs: clock.addedMs };
}

/**
 * The clock of `phase` entered at `at`: running on from where this case left it (elapsed
 * time and extensions kept), or from its start if this case never ran it.
 */
export function enteredPhaseClock(
  plan: Plan,
  phase: PhaseId,
  left: LeftPhase | undefined,
  at: number,
): PhaseClock {
  if (!left) return freshPhaseClock(at);
  return {
    phaseStartedAt: at - left.elapsedMs,
    pausedAt: null,
    pausedMs: 0,
    addedMs: left.addedMs,
    deadlineSetAt: at,
    holdsAutoAdvance: left.elapsedMs >= plan.budgets[phase] + left.addedMs,
  };
}
