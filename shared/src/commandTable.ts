import { isPhaseId, phaseAfter, phaseBefore, type SessionPhase } from './phases.ts';
import type { CommandType, UndoableCommand } from './protocol.ts';

/** The part of a view that decides which commands the machine accepts. */
export interface CommandState {
  phase: SessionPhase;
  running: boolean;
  /** The command `undo` would take back, and until when (server time). */
  undoable?: UndoableCommand;
}

/**
 * Whether the server would accept a command now: the DESIGN command table as a pure
 * function of the view, for screens that cannot hold the machine (its tests hold the two to
 * agreement). `now` (server time) closes the undo window; without it the view's word holds.
 */
export function canSend(state: CommandState, type: CommandType, now?: number): boolean {
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
      return inPhase && phaseAfter(phase) !== null;
    case 'back':
      return inPhase && phaseBefore(phase) !== null;
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
    case 'setEndTime':
      return phase !== 'ended';
    case 'setLanguage':
      return phase === 'lobby';
    case 'undo':
      return state.undoable !== undefined && (now === undefined || now <= state.undoable.until);
    default:
      return type satisfies never;
  }
}
