import { MINUTE_MS, PHASE_IDS, type PhaseId, type SessionPhase } from './phases.ts';
import { type ClockView, remainingMs } from './time.ts';

/** How far ahead a sitting's planned end may be set. */
export const END_TIME_HORIZON_MS = 24 * 60 * MINUTE_MS;

/** A planned end is null (none) or whole epoch ms after `now`, at most 24 h ahead. */
export function isValidEndTime(at: unknown, now: number): at is number | null {
  if (at === null) return true;
  return (
    typeof at === 'number' && Number.isInteger(at) && at > now && at - now <= END_TIME_HORIZON_MS
  );
}

/** The parts of a view the sitting's projection is made from. */
export interface SittingView extends ClockView {
  readonly phase: SessionPhase;
  readonly plan: readonly { readonly phase: PhaseId; readonly budgetMs: number }[];
  readonly caseNumber: number;
  readonly casesPlanned: number;
}

/** The phases every case runs (a case after the first starts at the presentation). */
const CASE_PHASES: readonly PhaseId[] = PHASE_IDS.slice(1);

/**
 * How many times each phase is still to come after the current one, at the plan's budget:
 * this case's later phases, then every planned case not yet begun.
 */
export function phasesToCome(view: SittingView): Map<PhaseId, number> {
  const counts = new Map<PhaseId, number>();
  const add = (phase: PhaseId, times: number) => {
    if (times > 0) counts.set(phase, (counts.get(phase) ?? 0) + times);
  };
  if (view.phase === 'ended') return counts;
  const casesLeft = Math.max(0, view.casesPlanned - view.caseNumber);
  if (view.phase === 'lobby') {
    for (const phase of PHASE_IDS) add(phase, 1);
  } else {
    for (const phase of PHASE_IDS.slice(PHASE_IDS.indexOf(view.phase) + 1)) add(phase, 1);
  }
  for (const phase of CASE_PHASES) add(phase, casesLeft);
  return counts;
}

function budgetOf(view: SittingView, phase: PhaseId): number {
  return view.plan.find((entry) => entry.phase === phase)?.budgetMs ?? 0;
}

/**
 * When the sitting ends at the current pace, as of server time `now`: now + what is left of
 * this phase (0 in overtime) + the planned budgets of every phase still to come. Null once
 * ended. Paused time and overtime push it later as `now` moves on.
 */
export function projectedEndAt(view: SittingView, now: number): number | null {
  if (view.phase === 'ended') return null;
  const current = view.phase === 'lobby' ? 0 : Math.max(0, remainingMs(view, now));
  let rest = 0;
  for (const [phase, times] of phasesToCome(view)) rest += times * budgetOf(view, phase);
  return now + current + rest;
}

/** The shortest each phase may become when a sitting is fitted to its end. */
export const FIT_FLOORS_MS: Readonly<Record<PhaseId, number>> = {
  opening: 2 * MINUTE_MS,
  questions: 3 * MINUTE_MS,
  presentation: 5 * MINUTE_MS,
  reflection: 5 * MINUTE_MS,
  discussion: 15 * MINUTE_MS,
};

/** Which phases give time first; the discussion, the heart of the method, gives last. */
export const FIT_ORDER: readonly PhaseId[] = [
  'opening',
  'questions',
  'presentation',
  'reflection',
  'discussion',
];

/** A budget the fit proposes to change. */
export interface BudgetChange {
  phase: PhaseId;
  fromMs: number;
  toMs: number;
}

export interface Fit {
  changes: BudgetChange[];
  /** How far past the end the sitting still goes after the changes (0 if it fits). */
  stillOverMs: number;
}

/**
 * Budgets for the phases still to come so the sitting ends by `endsAt` (see SPEC E3): the
 * running phase is never cut; phases give whole minutes in `FIT_ORDER`, none below its floor.
 */
export function fitToEnd(view: SittingView, now: number, endsAt: number): Fit {
  const projected = projectedEndAt(view, now);
  let overMs = projected === null ? 0 : projected - endsAt;
  const toCome = phasesToCome(view);
  const changes: BudgetChange[] = [];
  for (const phase of FIT_ORDER) {
    const times = toCome.get(phase) ?? 0;
    // A budget is the plan's for every case: changing the running phase's would cut it now.
    if (overMs <= 0 || times === 0 || phase === view.phase) continue;
    const fromMs = budgetOf(view, phase);
    const spare = Math.max(0, fromMs - FIT_FLOORS_MS[phase]);
    const wanted = Math.ceil(overMs / times / MINUTE_MS) * MINUTE_MS;
    const cut = Math.min(spare, wanted);
    if (cut <= 0) continue;
    changes.push({ phase, fromMs, toMs: fromMs - cut });
    overMs -= cut * times;
  }
  return { changes, stillOverMs: Math.max(0, overMs) };
}
