import { describe, expect, it } from 'vitest';
import {
  COMMAND_TYPES,
  type CommandType,
  canSend,
  decide,
  PHASE_IDS,
  type SessionPhase,
} from '../../../shared/src/index.ts';
import { createHarness, type Harness, MINUTE, SAMPLE_COMMANDS } from './harness.ts';

/** The DESIGN command table, written out as the expected allowed set per state. */
const ALLOWED: Record<string, CommandType[]> = {
  lobby: ['start', 'setBudget', 'setPresenter', 'setEndTime', 'setLanguage', 'end'],
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
/** Accepted wherever the session is not over (`undo` depends on the last command instead). */
const IN_EVERY_PHASE: CommandType[] = ['setEndTime'];

describe('canSend', () => {
  for (const [state, allowed] of Object.entries(ALLOWED)) {
    it(`follows the command table in ${state}`, () => {
      const [phase, clock] = state.split(' ') as [SessionPhase, string | undefined];
      const view = { phase, running: clock === 'running' };
      const actual = COMMAND_TYPES.filter((type) => canSend(view, type));
      const expected =
        phase === 'lobby' || phase === 'ended' ? allowed : [...allowed, ...IN_EVERY_PHASE];
      expect(actual.sort()).toEqual([...expected].sort());
    });
  }
});

/** Every place a session can be: lobby, each phase running, paused and in overtime, ended. */
function everySituation(): [string, Harness][] {
  const situations: [string, Harness][] = [['lobby', createHarness()]];
  PHASE_IDS.forEach((phase, index) => {
    for (const how of ['running', 'paused', 'overtime'] as const) {
      const h = createHarness();
      h.send({ type: 'start' });
      for (let i = 0; i < index; i++) h.send({ type: 'next' });
      if (how === 'overtime') h.advance(60 * MINUTE);
      if (how === 'paused') h.send({ type: 'pause' });
      situations.push([`${phase} ${how}`, h]);
    }
  });
  const ended = createHarness();
  ended.send({ type: 'end' });
  situations.push(['ended', ended]);
  return situations;
}

describe('canSend agrees with the server', () => {
  it('[R1] for every command in every situation', () => {
    for (const [situation, h] of everySituation()) {
      for (const type of COMMAND_TYPES) {
        const now = h.clock.now();
        expect(canSend(h.view(), type, now), `${type} in ${situation}`).toBe(
          decide(h.session, SAMPLE_COMMANDS[type], now).ok,
        );
      }
    }
  });
});
