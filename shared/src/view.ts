import type { StateValue } from 'xstate';
import { phaseBudgetOf, phaseElapsedAt } from './phaseClock.ts';
import {
  isPhaseId,
  PHASE_IDS,
  type PhaseId,
  type RolePrompts,
  type SessionPhase,
} from './phases.ts';
import { PHASE_TEXTS, promptsFor } from './phaseTexts.ts';
import {
  type CommandType,
  type MemberInfo,
  type PresenceCounts,
  type SessionView,
  UNDO_WINDOW_MS,
  type UndoableCommand,
} from './protocol.ts';
import type { SessionContext } from './sessionMachine.ts';
import { projectedEndAt } from './sitting.ts';

/** The parts of a session (a machine snapshot, live or stored) that a view is made from. */
export interface SessionState {
  value: StateValue;
  context: SessionContext;
  /** The last accepted command; `before` is null for an `undo`, which cannot be undone. */
  last?: { command: CommandType; at: number; before: unknown } | null;
}

/** What the server adds to the machine's state: who the group is and who is here. */
export interface ViewMeta {
  code: string;
  name: string;
  counts: PresenceCounts;
  /** Only in a facilitator's view. */
  members?: MemberInfo[];
  /** A standing group (false if not said). */
  standing?: boolean;
}

/** The session's place: `lobby`, a phase id or `ended`, from the machine's state value. */
export function sessionPhaseOf(value: StateValue): SessionPhase {
  const top = typeof value === 'string' ? value : Object.keys(value)[0];
  if (top === 'lobby' || top === 'ended' || isPhaseId(top)) return top;
  throw new Error(`Unknown session state ${JSON.stringify(value)}`);
}

/** True while a phase's clock runs (overtime included). */
export function isRunning(value: StateValue): boolean {
  if (typeof value === 'string') return false;
  const phaseValue = Object.values(value)[0];
  return phaseValue !== undefined && typeof phaseValue !== 'string' && 'running' in phaseValue;
}

/** The command `undo` would take back at `now`, and until when; null if none. */
export function undoableAt(state: SessionState, now: number): UndoableCommand | null {
  const last = state.last;
  if (!last?.before) return null;
  const until = last.at + UNDO_WINDOW_MS;
  return now <= until ? { command: last.command, until } : null;
}

/** Every phase's prompts as the group's screens show them, in the group's language. */
function promptsOf(context: SessionContext): Record<PhaseId, RolePrompts> {
  const prompts = {} as Record<PhaseId, RolePrompts>;
  for (const phase of PHASE_IDS)
    prompts[phase] = promptsFor(context.language, context.plan.prompts, phase);
  return prompts;
}

/** The view every screen renders, as of server time `now`; pure. */
export function toView(state: SessionState, now: number, meta: ViewMeta): SessionView {
  const { context } = state;
  const phase = sessionPhaseOf(state.value);
  const running = isRunning(state.value);
  const budgetPhase = phase === 'lobby' ? 'opening' : phase;
  const view: SessionView = {
    code: meta.code,
    name: meta.name,
    revision: context.revision,
    phase,
    running,
    phaseBudgetMs: budgetPhase === 'ended' ? 0 : phaseBudgetOf(context.plan, context, budgetPhase),
    phaseElapsedMs: isPhaseId(phase) ? phaseElapsedAt(context, Math.max(now, context.clockAt)) : 0,
    serverTime: now,
    plan: PHASE_IDS.map((id) => ({
      phase: id,
      title: PHASE_TEXTS[context.language].titles[id],
      budgetMs: context.plan.budgets[id],
    })),
    caseNumber: context.caseNumber,
    counts: meta.counts,
    autoAdvance: context.plan.autoAdvance,
    prompts: promptsOf(context),
    casesPlanned: context.plan.cases,
    endsAt: context.endsAt,
    projectedEndAt: null,
    language: context.language,
    standing: meta.standing ?? false,
  };
  view.projectedEndAt = projectedEndAt(view, now);
  if (context.presenter) view.presenter = context.presenter;
  if (context.presenterDevice) view.presenterDevice = context.presenterDevice;
  if (meta.members) view.members = meta.members;
  const undoable = undoableAt(state, now);
  if (undoable) view.undoable = undoable;
  return view;
}
