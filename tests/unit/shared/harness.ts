import { SimulatedClock, transition } from 'xstate';
import {
  type ApiError,
  type Command,
  type CommandType,
  catchUp,
  decide,
  newSession,
  type PlanInput,
  resolvePlan,
  resolveSnapshot,
  type Session,
  type SessionEvent,
  type SessionView,
  sessionMachine,
  toView,
} from '../../../shared/src/index.ts';

export const T0 = Date.UTC(2026, 10, 25, 18, 0, 0);
export const SECOND = 1_000;
export const MINUTE = 60_000;

/** One well-formed example of every command. */
export const SAMPLE_COMMANDS: Record<CommandType, Command> = {
  start: { type: 'start' },
  pause: { type: 'pause' },
  resume: { type: 'resume' },
  next: { type: 'next' },
  back: { type: 'back' },
  extend: { type: 'extend', ms: MINUTE },
  setBudget: { type: 'setBudget', phase: 'questions', ms: 4 * MINUTE },
  setPresenter: { type: 'setPresenter', name: 'Ada' },
  nextCase: { type: 'nextCase' },
  end: { type: 'end' },
  reset: { type: 'reset' },
  undo: { type: 'undo' },
  setEndTime: { type: 'setEndTime', at: T0 + 90 * MINUTE },
  setLanguage: { type: 'setLanguage', language: 'de' },
};

const META = {
  code: 'ABCDEF',
  name: 'Tuesday group',
  counts: { facilitators: 1, displays: 1, members: 3 },
};

/**
 * A session driven the way the server drives it: each command decided with the pure
 * `decide()` against the stored session at the clock's time; time-up and auto-advances are
 * caught up from timestamps whenever the session is read.
 */
export interface Harness {
  /** Only a time holder here: nothing is scheduled on it. */
  clock: SimulatedClock;
  /** The session as the store would hold it after the last accepted command. */
  session: Session;
  /** Stamps the command with the clock's time; refuses as the server would. */
  send(command: Command): ApiError | null;
  /** Hands an event straight to the machine, unchecked (to test the machine's own guards). */
  sendRaw(event: SessionEvent): void;
  /** The machine snapshot as it is now (caught up to the clock). */
  snapshot(): ReturnType<typeof resolveSnapshot>;
  view(): SessionView;
  advance(ms: number): void;
  phaseState(): string;
}

export function harnessFrom(session: Session, clock: SimulatedClock): Harness {
  const h: Harness = {
    clock,
    session,
    send(command) {
      const decision = decide(h.session, command, clock.now());
      if (!decision.ok) return decision.error;
      h.session = decision.session;
      return null;
    },
    sendRaw(event) {
      const [next] = transition(sessionMachine, resolveSnapshot(h.session), event);
      h.session = { value: next.value, context: next.context, last: h.session.last };
    },
    snapshot: () => resolveSnapshot(catchUp(h.session, clock.now())),
    view: () => toView(catchUp(h.session, clock.now()), clock.now(), META),
    advance: (ms) => clock.increment(ms),
    phaseState: () => JSON.stringify(catchUp(h.session, clock.now()).value),
  };
  return h;
}

export function createHarness(plan: PlanInput = {}, at = T0): Harness {
  const clock = new SimulatedClock();
  clock.set(at);
  return harnessFrom(newSession(resolvePlan(plan), at), clock);
}

/** Stores the session as JSON and reads it back `downMs` later, as a restarted server does. */
export function restart(harness: Harness, downMs = 0): Harness {
  const stored = JSON.parse(JSON.stringify(harness.session)) as Session;
  harness.clock.increment(downMs);
  return harnessFrom(stored, harness.clock);
}

export function expectAccepted(result: ApiError | null): void {
  if (result) throw new Error(`expected the command to be accepted, got ${JSON.stringify(result)}`);
}
