import { COMMAND_TYPES, type CommandType, type SessionPhase } from '@balint/shared';
import { describe, expect, it } from 'vitest';
import { canSend } from '../../../client/src/models/commands.ts';

/** The DESIGN command table, written out as the expected allowed set per state. */
const ALLOWED: Record<string, CommandType[]> = {
  lobby: ['start', 'setBudget', 'setPresenter', 'end'],
  'opening running': ['pause', 'next', 'extend', 'setBudget', 'setPresenter', 'end', 'reset'],
  'opening paused': ['resume', 'next', 'extend', 'setBudget', 'setPresenter', 'end', 'reset'],
  'questions running': [
    'pause',
    'next',
    'back',
    'extend',
    'setBudget',
    'setPresenter',
    'end',
    'reset',
  ],
  'reflection running': [
    'pause',
    'back',
    'extend',
    'setBudget',
    'setPresenter',
    'nextCase',
    'end',
    'reset',
  ],
  'reflection paused': [
    'resume',
    'back',
    'extend',
    'setBudget',
    'setPresenter',
    'nextCase',
    'end',
    'reset',
  ],
  ended: ['reset'],
};

describe('canSend', () => {
  for (const [state, allowed] of Object.entries(ALLOWED)) {
    it(`follows the command table in ${state}`, () => {
      const [phase, clock] = state.split(' ') as [SessionPhase, string | undefined];
      const view = { phase, running: clock === 'running' };
      const actual = COMMAND_TYPES.filter((type) => canSend(view, type));
      expect(actual.sort()).toEqual([...allowed].sort());
    });
  }
});
