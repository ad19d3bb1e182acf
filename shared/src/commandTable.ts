import { isPhaseId, type SessionPhase } from './phases.ts';
import type { CommandType } from './protocol.ts';

/** The part of a view that decides which commands the machine accepts. */
export interface CommandState {
  phase: SessionPhase;
  running: boolean;
}

const STEPPING_FORWARD: readonly SessionPhase[] = [
  'opening',
  'presentation',
  'questions',
  'discussion',
];
const STEPPING_BACK: readonly SessionPhase[] = [
  'presentation',
  'questions',
  'discussion',
  'reflection',
];

/**
 * Whether the session machine would accept a command now: the DESIGN command table as a
 * pure function of the view, for screens that cannot hold the machine (its tests hold the
 * two to agreement).
 */
export function canSend(state: CommandState, type: CommandType): boolean {
  const { phase, running } = state;
  const inPhase = isPhaseId(phase);
  switch (type) {
    case 'start':
      return phase === 'lobby';
    case 'pause':
      return inPhase && running;
    case 'resume':
      return inPhase && !running;
    case 'next':
      return STEPPING_FORWARD.includes(phase);
    case 'back':
      return STEPPING_BACK.includes(phase);
    case 'extend':
      return inPhase;
    case 'setBudget':
      return phase === 'lobby' || inPhase;
    case 'setPresenter':
      return phase !== 'ended';
    case 'nextCase':
      return phase === 'reflection';
    case 'end':
      return phase !== 'ended';
    case 'reset':
      return phase !== 'lobby';
    default:
      return type satisfies never;
  }
}
