import { assign, setup } from 'xstate';
import {
  autoAdvanceAt,
  freshPhaseClock,
  type PhaseClock,
  phaseBudgetOf,
  phaseDeadline,
  phaseElapsedAt,
} from './phaseClock.ts';
import { isPhaseId, isValidDurationMs, type PhaseId, PRESENTER_NAME_MAX } from './phases.ts';
import type { Plan } from './plan.ts';
import type { Command } from './protocol.ts';

/**
 * Everything the session remembers. Time is kept as timestamps (`PhaseClock`) plus the
 * latest server time the machine has been told (`clockAt`); nothing is decremented by ticks.
 */
export interface SessionContext extends PhaseClock {
  plan: Plan;
  /** Counts accepted commands and auto-advances, nothing else. */
  revision: number;
  caseNumber: number;
  presenter: string | null;
  /** The latest server time seen (event stamps and deadlines reached); never goes back. */
  clockAt: number;
}

export interface SessionInput {
  plan: Plan;
  /** Server time at which the group was created. */
  at: number;
}

/** Every command carries the server time at which it was accepted. */
export type CommandEvent = Command & { at: number };

/**
 * `resync` is not a command: the server sends it after restoring a snapshot (XState does not
 * re-arm pending delays on restore) so the time-up timer is recomputed and missed
 * auto-advances are replayed at their deadlines. It never changes the revision.
 */
export type SessionEvent = CommandEvent | { type: 'resync'; at: number };

type PhaseParams = { phase: PhaseId };

/** Server time of an event, never earlier than what the machine has already seen. */
function eventTime(context: SessionContext, event: SessionEvent): number {
  return Math.max(context.clockAt, event.at);
}

function msUntilTimeUp(context: SessionContext, phase: PhaseId): number {
  return Math.max(0, phaseDeadline(context.plan, context, phase) - context.clockAt);
}

const machineSetup = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
  },
  guards: {
    /** Spent: elapsed at the latest known time has reached budget plus extensions. */
    budgetSpent: ({ context }, { phase }: PhaseParams) =>
      phaseElapsedAt(context, context.clockAt) >= phaseBudgetOf(context.plan, context, phase),
    autoAdvanceOn: ({ context }) => context.plan.autoAdvance,
    validExtension: ({ event }) => event.type === 'extend' && isValidDurationMs(event.ms),
    validBudget: ({ event }) =>
      event.type === 'setBudget' && isPhaseId(event.phase) && isValidDurationMs(event.ms),
    validPresenter: ({ event }) =>
      event.type === 'setPresenter' &&
      typeof event.name === 'string' &&
      event.name.trim().length <= PRESENTER_NAME_MAX,
  },
  actions: {
    /** Every accepted command: one more revision, and the clock moves to its stamp. */
    acceptCommand: assign(({ context, event }) => ({
      revision: context.revision + 1,
      clockAt: eventTime(context, event),
    })),
    recordClock: assign({ clockAt: ({ context, event }) => eventTime(context, event) }),
    enterPhase: assign(({ context, event }) => freshPhaseClock(eventTime(context, event))),
    pauseClock: assign({ pausedAt: ({ context, event }) => eventTime(context, event) }),
    resumeClock: assign(({ context, event }) => ({
      pausedMs: context.pausedMs + Math.max(0, eventTime(context, event) - (context.pausedAt ?? 0)),
      pausedAt: null,
      deadlineSetAt: eventTime(context, event),
    })),
    extendPhase: assign(({ context, event }) => ({
      addedMs: context.addedMs + (event.type === 'extend' ? event.ms : 0),
      deadlineSetAt: eventTime(context, event),
    })),
    /** A new planned budget; when it is this phase's, the deadline moves now. */
    setPlannedBudget: assign(({ context, event }, { phase }: { phase: PhaseId | null }) => {
      if (event.type !== 'setBudget') return {};
      return {
        plan: { ...context.plan, budgets: { ...context.plan.budgets, [event.phase]: event.ms } },
        deadlineSetAt: event.phase === phase ? eventTime(context, event) : context.deadlineSetAt,
      };
    }),
    setPresenter: assign({
      presenter: ({ context, event }) =>
        event.type === 'setPresenter' ? event.name.trim() || null : context.presenter,
    }),
    /** Time-up observed by the timer: the machine now knows the deadline has passed. */
    reachDeadline: assign({
      clockAt: ({ context }, { phase }: PhaseParams) =>
        Math.max(context.clockAt, phaseDeadline(context.plan, context, phase)),
    }),
    /** Auto-advance: the next phase starts exactly at the deadline, and counts as a revision. */
    advanceAtDeadline: assign(({ context }, { phase }: PhaseParams) => {
      const at = autoAdvanceAt(context.plan, context, phase);
      return {
        ...freshPhaseClock(at),
        clockAt: Math.max(context.clockAt, at),
        revision: context.revision + 1,
      };
    }),
    beginNextCase: assign({ caseNumber: ({ context }) => context.caseNumber + 1, presenter: null }),
    clearPresenter: assign({ presenter: null }),
    stopClock: assign(({ context, event }) => freshPhaseClock(eventTime(context, event))),
    resetSession: assign(({ context, event }) => ({
      ...freshPhaseClock(eventTime(context, event)),
      caseNumber: 1,
      presenter: null,
    })),
  },
  delays: {
    openingTimeUp: ({ context }) => msUntilTimeUp(context, 'opening'),
    presentationTimeUp: ({ context }) => msUntilTimeUp(context, 'presentation'),
    questionsTimeUp: ({ context }) => msUntilTimeUp(context, 'questions'),
    discussionTimeUp: ({ context }) => msUntilTimeUp(context, 'discussion'),
    reflectionTimeUp: ({ context }) => msUntilTimeUp(context, 'reflection'),
  },
});

/** In overtime, an opted-in group moves on to the next phase, stamped at the deadline. */
function autoAdvanceFrom(phase: PhaseId, nextPhase: PhaseId) {
  return {
    always: {
      guard: 'autoAdvanceOn',
      target: `#session.${nextPhase}`,
      actions: { type: 'advanceAtDeadline', params: { phase } },
    },
  } as const;
}

/**
 * One phase's clock: `running` (counting down, then in overtime) or `paused`. Time-up is a
 * delayed transition whose delay comes from the context, so entering `running` again
 * (resume, extend, setBudget, resync) recomputes it. `autoAdvanceTo` is the phase an
 * opted-in group moves on to at the deadline; none for the last phase.
 */
function phaseClockStates(phase: PhaseId, autoAdvanceTo: PhaseId | null) {
  const budgetSpent = { type: 'budgetSpent', params: { phase } } as const;
  return {
    initial: 'running',
    states: {
      running: {
        initial: 'counting',
        on: {
          pause: { target: 'paused', actions: ['acceptCommand', 'pauseClock'] },
          extend: {
            guard: 'validExtension',
            target: 'running',
            reenter: true,
            actions: ['acceptCommand', 'extendPhase'],
          },
          setBudget: {
            guard: 'validBudget',
            target: 'running',
            reenter: true,
            actions: ['acceptCommand', { type: 'setPlannedBudget', params: { phase } }],
          },
          resync: { target: 'running', reenter: true, actions: 'recordClock' },
        },
        states: {
          counting: {
            always: { guard: budgetSpent, target: 'overtime' },
            after: {
              [`${phase}TimeUp`]: {
                target: 'overtime',
                actions: { type: 'reachDeadline', params: { phase } },
              },
            },
          },
          overtime: autoAdvanceTo ? autoAdvanceFrom(phase, autoAdvanceTo) : {},
        },
      },
      paused: {
        on: {
          resume: { target: 'running', actions: ['acceptCommand', 'resumeClock'] },
          extend: { guard: 'validExtension', actions: ['acceptCommand', 'extendPhase'] },
          setBudget: {
            guard: 'validBudget',
            actions: ['acceptCommand', { type: 'setPlannedBudget', params: { phase } }],
          },
        },
      },
    },
  } as const;
}

/** Accepted in every phase: name the presenter, end the session, or reset it to the lobby. */
const inEveryPhase = {
  setPresenter: { guard: 'validPresenter', actions: ['acceptCommand', 'setPresenter'] },
  end: { target: '#session.ended', actions: ['acceptCommand', 'stopClock', 'clearPresenter'] },
  reset: { target: '#session.lobby', actions: ['acceptCommand', 'resetSession'] },
} as const;

const enter = (phase: PhaseId) =>
  ({ target: `#session.${phase}`, actions: ['acceptCommand', 'enterPhase'] }) as const;

/**
 * A Balint session: lobby → opening → presentation → questions → discussion → reflection,
 * then another case (back to presentation) or the end. Only the facilitator's commands and
 * (for groups that opt in) time-up move it; running out of time is overtime, not a jump.
 */
export const sessionMachine = machineSetup.createMachine({
  id: 'session',
  initial: 'lobby',
  context: ({ input }) => ({
    plan: input.plan,
    revision: 0,
    caseNumber: 1,
    presenter: null,
    clockAt: input.at,
    ...freshPhaseClock(input.at),
  }),
  on: {
    resync: { actions: 'recordClock' },
  },
  states: {
    /** Created, not started: the plan and the presenter can be set. */
    lobby: {
      on: {
        start: enter('opening'),
        setBudget: {
          guard: 'validBudget',
          actions: ['acceptCommand', { type: 'setPlannedBudget', params: { phase: null } }],
        },
        setPresenter: inEveryPhase.setPresenter,
        end: inEveryPhase.end,
      },
    },
    /** The facilitator opens the group and invites a volunteer to present. */
    opening: {
      ...phaseClockStates('opening', 'presentation'),
      on: { ...inEveryPhase, next: enter('presentation') },
    },
    /** The presenter tells the story of the patient and of themselves with the patient. */
    presentation: {
      ...phaseClockStates('presentation', 'questions'),
      on: { ...inEveryPhase, next: enter('questions'), back: enter('opening') },
    },
    /** Members ask for facts only. */
    questions: {
      ...phaseClockStates('questions', 'discussion'),
      on: { ...inEveryPhase, next: enter('discussion'), back: enter('presentation') },
    },
    /** Members reflect while the presenter sits back and listens. */
    discussion: {
      ...phaseClockStates('discussion', 'reflection'),
      on: { ...inEveryPhase, next: enter('reflection'), back: enter('questions') },
    },
    /** The presenter returns; then the group takes another case or ends. */
    reflection: {
      ...phaseClockStates('reflection', null),
      on: {
        ...inEveryPhase,
        back: enter('discussion'),
        nextCase: {
          target: '#session.presentation',
          actions: ['acceptCommand', 'enterPhase', 'beginNextCase'],
        },
      },
    },
    /** The session is over; only a reset brings it back to the lobby. */
    ended: {
      on: { reset: inEveryPhase.reset },
    },
  },
});

export type SessionMachine = typeof sessionMachine;
