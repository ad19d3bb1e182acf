import { describe, expect, it } from 'vitest';
import {
  COMMAND_TYPES,
  type Command,
  type CommandType,
  MAX_DURATION_MS,
  MIN_DURATION_MS,
} from '../../../shared/src/index.ts';
import { createHarness, type Harness, MINUTE, SAMPLE_COMMANDS } from './harness.ts';

type Situation = 'lobby' | 'running' | 'paused' | 'reflection' | 'ended';

/** Harnesses in each situation the command table distinguishes. */
const situations: Record<Situation, () => Harness> = {
  lobby: () => createHarness(),
  running: () => {
    const h = createHarness();
    h.send({ type: 'start' });
    h.send({ type: 'next' });
    return h;
  },
  paused: () => {
    const h = situations.running();
    h.send({ type: 'pause' });
    return h;
  },
  reflection: () => {
    const h = createHarness();
    h.send({ type: 'start' });
    for (let i = 0; i < 4; i++) h.send({ type: 'next' });
    return h;
  },
  ended: () => {
    const h = situations.running();
    h.send({ type: 'end' });
    return h;
  },
};

/** The command table of shared/DESIGN.md: where each command is accepted. */
const acceptedIn: Record<CommandType, Situation[]> = {
  start: ['lobby'],
  pause: ['running', 'reflection'],
  resume: ['paused'],
  next: ['running', 'paused'],
  back: ['running', 'paused', 'reflection'],
  extend: ['running', 'paused', 'reflection'],
  setBudget: ['lobby', 'running', 'paused', 'reflection'],
  setPresenter: ['lobby', 'running', 'paused', 'reflection'],
  nextCase: ['reflection'],
  end: ['lobby', 'running', 'paused', 'reflection'],
  reset: ['running', 'paused', 'reflection', 'ended'],
  undo: ['running', 'paused', 'reflection', 'ended'],
  setEndTime: ['lobby', 'running', 'paused', 'reflection'],
  setLanguage: ['lobby'],
};

describe('the command table', () => {
  for (const type of COMMAND_TYPES) {
    for (const situation of Object.keys(situations) as Situation[]) {
      const accepted = acceptedIn[type].includes(situation);
      it(`[R1][R3][R4] ${type} is ${accepted ? 'accepted' : 'refused'} in ${situation}`, () => {
        const h = situations[situation]();
        const before = h.session;
        const result = h.send(SAMPLE_COMMANDS[type]);
        if (accepted) {
          expect(result).toBeNull();
          expect(h.view().revision).toBe(before.context.revision + 1);
        } else {
          expect(result?.code).toBe('not_allowed_now');
          expect(result?.message).toMatch(/not possible/);
          expect(h.session).toBe(before);
        }
      });
    }
  }

  it('[R1] next in reflection explains the choice', () => {
    const h = situations.reflection();
    expect(h.send({ type: 'next' })?.message).toMatch(/Next case or End/);
  });

  it('[R3] the machine itself ignores a refused event, even one sent without checking', () => {
    const h = situations.paused();
    const before = h.session;
    h.sendRaw({ type: 'start', at: h.clock.now() });
    h.sendRaw({ type: 'extend', ms: 5, at: h.clock.now() });
    h.sendRaw({ type: 'setPresenter', name: 'x'.repeat(41), at: h.clock.now() });
    expect(h.session).toStrictEqual(before);
  });
});

describe('values out of range', () => {
  const bad = [0, 999, MIN_DURATION_MS - 1, MAX_DURATION_MS + 1, 1500.5, -MINUTE, Number.NaN];

  it('[R2] extensions and budgets outside 1 s … 3 h are invalid_command, never clipped', () => {
    for (const ms of bad) {
      const h = situations.running();
      const before = h.session;
      expect(h.send({ type: 'extend', ms })).toMatchObject({
        code: 'invalid_command',
        field: 'ms',
      });
      expect(h.send({ type: 'setBudget', phase: 'opening', ms })).toMatchObject({
        code: 'invalid_command',
        field: 'ms',
      });
      expect(h.session).toBe(before);
    }
    const h = situations.running();
    expect(h.send({ type: 'extend', ms: MIN_DURATION_MS })).toBeNull();
    expect(h.send({ type: 'extend', ms: MAX_DURATION_MS })).toBeNull();
  });

  it('[R2] an unknown phase in setBudget is invalid_command', () => {
    const h = situations.lobby();
    const command = { type: 'setBudget', phase: 'lunch', ms: MINUTE } as unknown as Command;
    expect(h.send(command)).toMatchObject({ code: 'invalid_command', field: 'phase' });
  });

  it('[R2] value errors take precedence over not_allowed_now', () => {
    const h = situations.ended();
    expect(h.send({ type: 'extend', ms: 10 })?.code).toBe('invalid_command');
    expect(h.send({ type: 'extend', ms: MINUTE })?.code).toBe('not_allowed_now');
  });

  it('[R2] a presenter is trimmed, at most 40 characters, and "" clears it', () => {
    const h = situations.running();
    expect(h.send({ type: 'setPresenter', name: `  ${'x'.repeat(40)}  ` })).toBeNull();
    expect(h.view().presenter).toBe('x'.repeat(40));
    expect(h.send({ type: 'setPresenter', name: 'y'.repeat(41) })).toMatchObject({
      code: 'invalid_command',
      field: 'name',
    });
    expect(h.send({ type: 'setPresenter', name: '' })).toBeNull();
    expect(h.view().presenter).toBeUndefined();
  });
});
