import { type Actor, createActor, SimulatedClock } from 'xstate';
import {
  type ApiError,
  type Command,
  type CommandType,
  type PlanInput,
  refusalOf,
  resolvePlan,
  type SessionMachine,
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
};

const META = {
  code: 'ABCDEF',
  name: 'Tuesday group',
  counts: { facilitators: 1, displays: 1, members: 3 },
};

/** A session actor on a simulated clock, driven the way the server drives it. */
export interface Harness {
  clock: SimulatedClock;
  actor: Actor<SessionMachine>;
  /** Stamps the command with the clock's time; refuses as the server would. */
  send(command: Command): ApiError | null;
  view(): SessionView;
  advance(ms: number): void;
  phaseState(): string;
}

/**
 * Moves simulated time forward as real time moves: in steps of at most a second, so a timer
 * armed while earlier timers fire (an auto-advance's next phase) fires in the same stretch.
 */
export function advanceInSteps(clock: SimulatedClock, ms: number): void {
  let left = ms;
  while (left > 0) {
    const step = Math.min(left, SECOND);
    clock.increment(step);
    left -= step;
  }
}

export function harnessFrom(actor: Actor<SessionMachine>, clock: SimulatedClock): Harness {
  return {
    clock,
    actor,
    send(command) {
      const event = { ...command, at: clock.now() };
      const refusal = refusalOf(actor.getSnapshot(), event);
      if (!refusal) actor.send(event);
      return refusal;
    },
    view: () => toView(actor.getSnapshot(), clock.now(), META),
    advance: (ms) => advanceInSteps(clock, ms),
    phaseState: () => JSON.stringify(actor.getSnapshot().value),
  };
}

export function createHarness(plan: PlanInput = {}, at = T0): Harness {
  const clock = new SimulatedClock();
  clock.set(at);
  const actor = createActor(sessionMachine, {
    input: { plan: resolvePlan(plan), at },
    clock,
  });
  actor.start();
  return harnessFrom(actor, clock);
}

/** Persists the harness's actor and restores it on the same clock, `downMs` later. */
export function restart(harness: Harness, downMs = 0): Harness {
  const persisted = JSON.parse(JSON.stringify(harness.actor.getPersistedSnapshot()));
  harness.actor.stop();
  harness.clock.increment(downMs);
  const actor = createActor(sessionMachine, {
    snapshot: persisted,
    clock: harness.clock,
    input: undefined,
  });
  actor.start();
  actor.send({ type: 'resync', at: harness.clock.now() });
  return harnessFrom(actor, harness.clock);
}

export function expectAccepted(result: ApiError | null): void {
  if (result) throw new Error(`expected the command to be accepted, got ${JSON.stringify(result)}`);
}
