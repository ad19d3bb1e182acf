import { initialTransition, type StateValue, transition } from 'xstate';
import { refusalOf } from './commands.ts';
import { DEFAULT_LANGUAGE, type Language } from './languages.ts';
import { autoAdvanceAt } from './phaseClock.ts';
import { isPhaseId, phaseAfter } from './phases.ts';
import type { Plan } from './plan.ts';
import { type ApiError, type Command, type CommandType, UNDO_WINDOW_MS } from './protocol.ts';
import { commandEvent, type SessionContext, sessionMachine } from './sessionMachine.ts';
import { isRunning, sessionPhaseOf } from './view.ts';

/** The machine's part of a session: its state and its context, as JSON. */
export interface MachineState {
  value: StateValue;
  context: SessionContext;
}

/** The last accepted command, kept so that `undo` can take it back. */
export interface LastCommand {
  command: CommandType;
  /** Server time at which it was accepted. */
  at: number;
  /** The session just before it (caught up to `at`); null for an `undo`, which is final. */
  before: MachineState | null;
}

/** A session as the store keeps it: pure data, the same in every process. */
export interface Session extends MachineState {
  last: LastCommand | null;
}

export type Decision =
  | { ok: true; session: Session }
  /** `session` is the one refused, caught up to the command's time. */
  | { ok: false; error: ApiError; session: Session };

function machineState(snapshot: { value: StateValue; context: SessionContext }): MachineState {
  return { value: snapshot.value, context: snapshot.context };
}

/** A machine snapshot of a stored state, for `transition()` and `can()`. */
export function resolveSnapshot(state: MachineState) {
  return sessionMachine.resolveState({ value: state.value, context: state.context });
}

/** A new session in the lobby, created at `at`. */
export function newSession(plan: Plan, at: number, language: Language = DEFAULT_LANGUAGE): Session {
  const [snapshot] = initialTransition(sessionMachine, { plan, at, language });
  return { ...machineState(snapshot), last: null };
}

/** The machine state as it is at `at`: time-up reached, missed auto-advances replayed. */
function caughtUp(state: MachineState, at: number): MachineState {
  const [next] = transition(sessionMachine, resolveSnapshot(state), { type: 'resync', at });
  return machineState(next);
}

/** The session as it is at `at`; auto-advances due by then have happened (at their deadlines). */
export function catchUp(session: Session, at: number): Session {
  return { ...caughtUp(session, at), last: session.last };
}

/** `undo` at `at`: the session as if the last command had never been sent, time included. */
function undo(session: Session, at: number): Decision {
  const { last } = session;
  const refuse = (message: string): Decision => ({
    ok: false,
    error: { code: 'not_allowed_now', message: `“undo” is not possible now: ${message}` },
    session,
  });
  if (!last) return refuse('there is nothing to undo.');
  if (!last.before) return refuse('an undo cannot itself be undone.');
  if (at - last.at > UNDO_WINDOW_MS) {
    return refuse(`it takes back a command for ${UNDO_WINDOW_MS / 1000} s only.`);
  }
  // The session before the command, lived on to now (a phase that kept running kept running).
  const restored = caughtUp(last.before, at);
  const context = { ...restored.context, revision: session.context.revision + 1 };
  return {
    ok: true,
    session: { value: restored.value, context, last: { command: 'undo', at, before: null } },
  };
}

/**
 * The session after the facilitator's `command`, accepted at server time `at`, or why it is
 * refused. Pure: the store applies it to its latest session and writes the result.
 */
export function decide(stored: Session, command: Command, at: number): Decision {
  const session = catchUp(stored, at);
  if (command.type === 'undo') return undo(session, at);
  const event = commandEvent(command, at);
  const snapshot = resolveSnapshot(session);
  const refusal = refusalOf(snapshot, event);
  if (refusal) return { ok: false, error: refusal, session };
  const [next] = transition(sessionMachine, snapshot, event);
  const before = machineState(session);
  return {
    ok: true,
    session: { ...machineState(next), last: { command: command.type, at, before } },
  };
}

/**
 * When the session next changes by itself (an opted-in group's auto-advance), or null if it
 * never does without a command. A server wakes then and stores `catchUp(session, thatTime)`.
 */
export function nextAutoAdvanceAt(state: MachineState): number | null {
  const { context } = state;
  const phase = sessionPhaseOf(state.value);
  if (!context.plan.autoAdvance || context.holdsAutoAdvance) return null;
  if (!isPhaseId(phase) || !phaseAfter(phase) || !isRunning(state.value)) return null;
  return autoAdvanceAt(context.plan, context, phase);
}

/**
 * A stored session read back from JSON. Sessions stored before `back` kept phases and `undo`
 * existed (XState's persisted snapshots) read as the same session with nothing left behind.
 */
export function readSession(json: string): Session {
  const stored = JSON.parse(json) as Partial<Session> & MachineState;
  const context: SessionContext = {
    ...stored.context,
    presenterDevice: stored.context.presenterDevice ?? null,
    leftPhases: stored.context.leftPhases ?? {},
    holdsAutoAdvance: stored.context.holdsAutoAdvance ?? false,
    endsAt: stored.context.endsAt ?? null,
    sitting: stored.context.sitting ?? null,
    language: stored.context.language ?? DEFAULT_LANGUAGE,
    plan: { ...stored.context.plan, cases: stored.context.plan.cases ?? 1 },
  };
  return { value: stored.value, context, last: stored.last ?? null };
}
