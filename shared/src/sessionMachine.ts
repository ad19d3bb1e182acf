import { assertEvent, assign, setup } from 'xstate';
import { isDeviceId } from './device.ts';
import { isLanguage, type Language } from './languages.ts';
import {
  autoAdvanceAt,
  enteredPhaseClock,
  freshPhaseClock,
  type LeftPhase,
  leftPhaseOf,
  type PhaseClock,
  phaseBudgetOf,
  phaseDeadline,
  phaseElapsedAt,
} from './phaseClock.ts';
import {
  isPhaseId,
  isValidDurationMs,
  type PhaseId,
  PRESENTER_NAME_MAX,
  phaseAfter,
  phaseBefore,
} from './phases.ts';
import type { Plan } from './plan.ts';
import type { Command, MachineCommand } from './protocol.ts';
import { isValidEndTime } from './sitting.ts';
import { recordPhase, type SittingRecord, startSitting } from './sittingRecord.ts';

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
  /** The presenter's own phone, if the facilitator picked them from who is here. */
  presenterDevice: string | null;
  /** The phases this case has left, as they were left: `back` and `next` return to them. */
  leftPhases: Partial<Record<PhaseId, LeftPhase>>;
  /** The current (or last) sitting's timings since `start`; null before the first start. */
  sitting: SittingRecord | null;
  /** The sitting's planned end (epoch ms), or null; kept by `reset` and `end`. */
  endsAt: number | null;
  /** The group's language. */
  language: Language;
  /** The latest server time seen (event stamps and deadlines reached); never goes back. */
  clockAt: number;
}

export interface SessionInput {
  plan: Plan;
  language: Language;
  /** Server time at which the group was created. */
  at: number;
}

/** Every command the machine takes carries the server time at which it was accepted. */
export type CommandEvent = MachineCommand & { at: number };

/** A wire command (not `undo`) as the machine's event, stamped with server time `at`. */
export function commandEvent(
  command: Exclude<Command, { type: 'undo' }>,
  at: number,
): CommandEvent {
  if (command.type === 'setEndTime') return { type: 'setEndTime', endsAt: command.at, at };
  return { ...command, at };
}

/**
 * `resync` is not a command: the server sends it after restoring a snapshot (XState does not
 * re-arm pending delays on restore) so the time-up timer is recomputed and missed
 * auto-advances are replayed at their deadlines. It never changes the revision.
 */
export type SessionEvent = CommandEvent | { type: 'resync'; at: number };

type PhaseParams = { phase: PhaseId };
type MoveParams = { from: PhaseId; to: PhaseId };

/** Server time of an event, never earlier than what the machine has already seen. */
function eventTime(context: SessionContext, event: SessionEvent): number {
  return Math.max(context.clockAt, event.at);
}

function msUntilTimeUp(context: SessionContext, phase: PhaseId): number {
  return Math.max(0, phaseDeadline(context.plan, context, phase) - context.clockAt);
}

/** The sitting's record with what `phase` of this case has run by `at`. */
function recorded(context: SessionContext, phase: PhaseId | null, at: number) {
  if (!context.sitting || context.sitting.endedAt !== null || phase === null) {
    return context.sitting;
  }
  return recordPhase(context.sitting, {
    caseNumber: context.caseNumber,
    phase,
    plannedMs: context.plan.budgets[phase],
    actualMs: phaseElapsedAt(context, at),
  });
}

/** The sitting, closed at `at` with the phase it was in recorded; as it was if not running. */
function closedSitting(context: SessionContext, phase: PhaseId | null, at: number) {
  const sitting = recorded(context, phase, at);
  return sitting && sitting.endedAt === null ? { ...sitting, endedAt: at } : sitting;
}

/** Leaves `from` at `at` (kept for this case) and enters `to` as this case left it. */
function movePhase(context: SessionContext, { from, to }: MoveParams, at: number) {
  const leftPhases = { ...context.leftPhases, [from]: leftPhaseOf(context, at) };
  return {
    ...enteredPhaseClock(context.plan, to, leftPhases[to], at),
    leftPhases,
    sitting: recorded(context, from, at),
  };
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
    autoAdvanceOn: ({ context }) => context.plan.autoAdvance && !context.holdsAutoAdvance,
    validExtension: ({ event }) => event.type === 'extend' && isValidDurationMs(event.ms),
    validBudget: ({ event }) =>
      event.type === 'setBudget' && isPhaseId(event.phase) && isValidDurationMs(event.ms),
    validEndTime: ({ context, event }) =>
      event.type === 'setEndTime' && isValidEndTime(event.endsAt, eventTime(context, event)),
    validLanguage: ({ event }) => event.type === 'setLanguage' && isLanguage(event.language),
    validPresenter: ({ event }) =>
      event.type === 'setPresenter' &&
      typeof event.name === 'string' &&
      event.name.trim().length <= PRESENTER_NAME_MAX &&
      (event.device === undefined || isDeviceId(event.device)),
  },
  actions: {
    /** Every accepted command: one more revision, and the clock moves to its stamp. */
    acceptCommand: assign(({ context, event }) => ({
      revision: context.revision + 1,
      clockAt: eventTime(context, event),
    })),
    recordClock: assign({ clockAt: ({ context, event }) => eventTime(context, event) }),
    /** `start`: the opening from its start, nothing left behind yet. */
    openSession: assign(({ context, event }) => ({
      ...freshPhaseClock(eventTime(context, event)),
      leftPhases: {},
      sitting: startSitting(eventTime(context, event)),
    })),
    /** `next` or `back`: the target phase as this case left it, or from its start. */
    movePhase: assign(({ context, event }, params: MoveParams) =>
      movePhase(context, params, eventTime(context, event)),
    ),
    pauseClock: assign({ pausedAt: ({ context, event }) => eventTime(context, event) }),
    resumeClock: assign(({ context, event }) => ({
      pausedMs: context.pausedMs + Math.max(0, eventTime(context, event) - (context.pausedAt ?? 0)),
      pausedAt: null,
      deadlineSetAt: eventTime(context, event),
    })),
    extendPhase: assign(({ context, event }) => {
      assertEvent(event, 'extend');
      return {
        addedMs: context.addedMs + event.ms,
        deadlineSetAt: eventTime(context, event),
        holdsAutoAdvance: false,
      };
    }),
    /** A new planned budget; when it is this phase's, the deadline moves now. */
    setPlannedBudget: assign(({ context, event }, { phase }: { phase: PhaseId | null }) => {
      assertEvent(event, 'setBudget');
      const current = event.phase === phase;
      return {
        plan: { ...context.plan, budgets: { ...context.plan.budgets, [event.phase]: event.ms } },
        deadlineSetAt: current ? eventTime(context, event) : context.deadlineSetAt,
        holdsAutoAdvance: current ? false : context.holdsAutoAdvance,
      };
    }),
    setPresenter: assign(({ event }) => {
      assertEvent(event, 'setPresenter');
      const presenter = event.name.trim() || null;
      return { presenter, presenterDevice: presenter ? (event.device ?? null) : null };
    }),
    setEndTime: assign(({ event }) => {
      assertEvent(event, 'setEndTime');
      return { endsAt: event.endsAt };
    }),
    setLanguage: assign(({ event }) => {
      assertEvent(event, 'setLanguage');
      return { language: event.language };
    }),
    /** Time-up observed by the timer: the machine now knows the deadline has passed. */
    reachDeadline: assign({
      clockAt: ({ context }, { phase }: PhaseParams) =>
        Math.max(context.clockAt, phaseDeadline(context.plan, context, phase)),
    }),
    /** Auto-advance: the next phase starts exactly at the deadline, and counts as a revision. */
    advanceAtDeadline: assign(({ context }, params: MoveParams) => {
      const at = autoAdvanceAt(context.plan, context, params.from);
      return {
        ...movePhase(context, params, at),
        clockAt: Math.max(context.clockAt, at),
        revision: context.revision + 1,
      };
    }),
    beginNextCase: assign(({ context, event }) => ({
      ...freshPhaseClock(eventTime(context, event)),
      sitting: recorded(context, 'reflection', eventTime(context, event)),
      caseNumber: context.caseNumber + 1,
      presenter: null,
      presenterDevice: null,
      leftPhases: {},
    })),
    endSession: assign(({ context, event }, { phase }: { phase: PhaseId | null }) => ({
      ...freshPhaseClock(eventTime(context, event)),
      sitting: closedSitting(context, phase, eventTime(context, event)),
      presenter: null,
      presenterDevice: null,
      leftPhases: {},
    })),
    resetSession: assign(({ context, event }, { phase }: { phase: PhaseId | null }) => ({
      ...freshPhaseClock(eventTime(context, event)),
      sitting: closedSitting(context, phase, eventTime(context, event)),
      caseNumber: 1,
      presenter: null,
      presenterDevice: null,
      leftPhases: {},
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

/**
 * One phase's clock: `running` (counting down, then in overtime) or `paused`. Time-up is a
 * delayed transition whose delay comes from the context, so entering `running` again
 * (resume, extend, setBudget, resync) recomputes it. An opted-in group moves on at the
 * deadline to the phase after this one (none after the last).
 */
function phaseClockStates(phase: PhaseId) {
  const budgetSpent = { type: 'budgetSpent', params: { phase } } as const;
  const following = phaseAfter(phase);
  const overtime = following
    ? ({
        always: {
          guard: 'autoAdvanceOn',
          target: `#session.${following}`,
          actions: { type: 'advanceAtDeadline', params: { from: phase, to: following } },
        },
      } as const)
    : {};
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
          overtime,
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

/**
 * Accepted in every phase (and the lobby, but for `reset`): name the presenter, set the
 * sitting's end, end the session, or reset it to the lobby.
 */
const everywhere = {
  setPresenter: { guard: 'validPresenter', actions: ['acceptCommand', 'setPresenter'] },
  setEndTime: { guard: 'validEndTime', actions: ['acceptCommand', 'setEndTime'] },
  end: {
    target: '#session.ended',
    actions: ['acceptCommand', { type: 'endSession', params: { phase: null } }],
  },
  reset: {
    target: '#session.lobby',
    actions: ['acceptCommand', { type: 'resetSession', params: { phase: null } }],
  },
} as const;

/**
 * The commands of one phase: `next` and `back` along the five-phase order (from `PHASE_IDS`),
 * naming the presenter, ending, or resetting to the lobby.
 */
function phaseCommands(phase: PhaseId) {
  const following = phaseAfter(phase);
  const previous = phaseBefore(phase);
  const move = (to: PhaseId) =>
    ({
      target: `#session.${to}`,
      actions: ['acceptCommand', { type: 'movePhase', params: { from: phase, to } }],
    }) as const;
  return {
    ...(following ? { next: move(following) } : {}),
    ...(previous ? { back: move(previous) } : {}),
    setPresenter: everywhere.setPresenter,
    setEndTime: everywhere.setEndTime,
    end: {
      target: '#session.ended',
      actions: ['acceptCommand', { type: 'endSession', params: { phase } }],
    },
    reset: {
      target: '#session.lobby',
      actions: ['acceptCommand', { type: 'resetSession', params: { phase } }],
    },
  } as const;
}

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
    presenterDevice: null,
    leftPhases: {},
    sitting: null,
    endsAt: null,
    language: input.language,
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
        start: { target: 'opening', actions: ['acceptCommand', 'openSession'] },
        setBudget: {
          guard: 'validBudget',
          actions: ['acceptCommand', { type: 'setPlannedBudget', params: { phase: null } }],
        },
        setPresenter: everywhere.setPresenter,
        setEndTime: everywhere.setEndTime,
        setLanguage: { guard: 'validLanguage', actions: ['acceptCommand', 'setLanguage'] },
        end: everywhere.end,
      },
    },
    /** The facilitator opens the group and invites a volunteer to present. */
    opening: { ...phaseClockStates('opening'), on: phaseCommands('opening') },
    /** The presenter tells the story of the patient and of themselves with the patient. */
    presentation: { ...phaseClockStates('presentation'), on: phaseCommands('presentation') },
    /** Members ask for facts only. */
    questions: { ...phaseClockStates('questions'), on: phaseCommands('questions') },
    /** Members reflect while the presenter sits back and listens. */
    discussion: { ...phaseClockStates('discussion'), on: phaseCommands('discussion') },
    /** The presenter returns; then the group takes another case or ends. */
    reflection: {
      ...phaseClockStates('reflection'),
      on: {
        ...phaseCommands('reflection'),
        nextCase: {
          target: '#session.presentation',
          actions: ['acceptCommand', 'beginNextCase'],
        },
      },
    },
    /** The session is over; only a reset brings it back to the lobby. */
    ended: {
      on: { reset: everywhere.reset },
    },
  },
});

export type SessionMachine = typeof sessionMachine;
