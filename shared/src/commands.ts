import type { AnyMachineSnapshot } from 'xstate';
import { isDeviceId } from './device.ts';
import { isLanguage } from './languages.ts';
import {
  isPhaseId,
  isValidDurationMs,
  MAX_DURATION_MS,
  MIN_DURATION_MS,
  PHASES,
  PRESENTER_NAME_MAX,
} from './phases.ts';
import type { ApiError, Command, MachineCommand } from './protocol.ts';
import type { CommandEvent } from './sessionMachine.ts';
import { isValidEndTime } from './sitting.ts';
import { isRunning, sessionPhaseOf } from './view.ts';

const RANGE = `a whole number of milliseconds from ${MIN_DURATION_MS} to ${MAX_DURATION_MS}`;

/** Checks a command's values (not its shape, which the schemas check); null when fine. */
export function invalidValueOf(command: MachineCommand, now: number): ApiError | null {
  switch (command.type) {
    case 'extend':
      return isValidDurationMs(command.ms)
        ? null
        : { code: 'invalid_command', field: 'ms', message: `An extension must be ${RANGE}.` };
    case 'setBudget':
      if (!isPhaseId(command.phase)) {
        return { code: 'invalid_command', field: 'phase', message: 'Unknown phase.' };
      }
      return isValidDurationMs(command.ms)
        ? null
        : { code: 'invalid_command', field: 'ms', message: `A budget must be ${RANGE}.` };
    case 'setPresenter':
      if (typeof command.name !== 'string' || command.name.trim().length > PRESENTER_NAME_MAX) {
        return {
          code: 'invalid_command',
          field: 'name',
          message: `A presenter is a first name or initials, at most ${PRESENTER_NAME_MAX} characters.`,
        };
      }
      return command.device === undefined || isDeviceId(command.device)
        ? null
        : {
            code: 'invalid_command',
            field: 'device',
            message: 'A device is 8–64 letters, digits, “-” or “_”.',
          };
    case 'setEndTime':
      return isValidEndTime(command.endsAt, now)
        ? null
        : {
            code: 'invalid_command',
            field: 'at',
            message:
              'The planned end is a whole epoch time in ms within the next 24 hours, or null.',
          };
    case 'setLanguage':
      return isLanguage(command.language)
        ? null
        : { code: 'invalid_command', field: 'language', message: 'The language is en, de or hu.' };
    case 'start':
    case 'pause':
    case 'resume':
    case 'next':
    case 'back':
    case 'nextCase':
    case 'end':
    case 'reset':
      return null;
    default:
      return command satisfies never;
  }
}

function whereNow(snapshot: AnyMachineSnapshot): string {
  const phase = sessionPhaseOf(snapshot.value);
  if (phase === 'lobby') return 'before the session has started';
  if (phase === 'ended') return 'after the session has ended';
  return `during ${PHASES[phase].title.toLowerCase()} while ${isRunning(snapshot.value) ? 'running' : 'paused'}`;
}

const HINTS: Partial<Record<Command['type'], string>> = {
  next: 'In the last phase, choose Next case or End.',
  back: 'There is no phase before the opening.',
  nextCase: 'A next case can start only from the presenter’s return.',
  resume: 'Resume continues a paused phase.',
  pause: 'The clock is not running.',
  reset: 'The session is already in the lobby.',
  setLanguage: 'The language can be changed in the lobby only.',
  setEndTime: 'The session has ended.',
};

/**
 * Why the machine would refuse this stamped command in this snapshot, or null if it accepts
 * it. Value errors come first (`invalid_command`), then the state (`not_allowed_now`).
 */
export function refusalOf(snapshot: AnyMachineSnapshot, event: CommandEvent): ApiError | null {
  const invalid = invalidValueOf(event, event.at);
  if (invalid) return invalid;
  if (snapshot.can(event)) return null;
  const hint = HINTS[event.type];
  return {
    code: 'not_allowed_now',
    message: `“${event.type}” is not possible ${whereNow(snapshot)}.${hint ? ` ${hint}` : ''}`,
  };
}
