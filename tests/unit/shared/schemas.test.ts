import { describe, expect, it } from 'vitest';
import {
  isJoinCode,
  JOIN_CODE_ALPHABET,
  normalizeJoinCode,
  promptsFor,
  resolvePlan,
} from '../../../shared/src/index.ts';
import {
  commandSchema,
  createGroupBodySchema,
  handshakeAuthSchema,
  toApiError,
} from '../../../shared/src/schemas.ts';

describe('command schema', () => {
  it('accepts every well-formed command, with or without expectedRevision', () => {
    for (const command of [
      { type: 'start' },
      { type: 'pause', expectedRevision: 3 },
      { type: 'extend', ms: 60_000 },
      { type: 'setBudget', phase: 'discussion', ms: 1_800_000, expectedRevision: 0 },
      { type: 'setPresenter', name: '' },
      { type: 'nextCase' },
    ]) {
      expect(commandSchema.safeParse(command).success, JSON.stringify(command)).toBe(true);
    }
  });

  it('[R2] rejects unknown keys, unknown types and out-of-range values, naming the field', () => {
    const cases: [unknown, string | undefined][] = [
      [{ type: 'start', force: true }, undefined],
      [{ type: 'jump' }, 'type'],
      [{ type: 'extend', ms: 999 }, 'ms'],
      [{ type: 'extend', ms: 10_800_001 }, 'ms'],
      [{ type: 'extend', ms: 1_000.5 }, 'ms'],
      [{ type: 'extend', ms: '60000' }, 'ms'],
      [{ type: 'setBudget', phase: 'lunch', ms: 60_000 }, 'phase'],
      [{ type: 'setPresenter', name: 'x'.repeat(41) }, 'name'],
      [{ type: 'next', expectedRevision: -1 }, 'expectedRevision'],
      [null, undefined],
      ['next', undefined],
    ];
    for (const [input, field] of cases) {
      const result = commandSchema.safeParse(input);
      expect(result.success, JSON.stringify(input)).toBe(false);
      if (!result.success) {
        const error = toApiError(result.error, 'invalid_command', 'command');
        expect(error.code).toBe('invalid_command');
        expect(error.message).toMatch(/^Invalid command/);
        if (field) expect(error.field).toBe(field);
      }
    }
  });
});

describe('HTTP body and handshake schemas', () => {
  it('accepts a partial plan and resolves it with defaults', () => {
    const parsed = createGroupBodySchema.parse({
      name: ' Tuesday ',
      plan: {
        budgets: { discussion: 1_200_000 },
        prompts: { questions: { member: 'Facts.' } },
        autoAdvance: true,
      },
    });
    expect(parsed.name).toBe('Tuesday');
    const plan = resolvePlan(parsed.plan);
    expect(plan.budgets.discussion).toBe(1_200_000);
    expect(plan.budgets.opening).toBe(300_000);
    expect(plan.prompts).toEqual({ questions: { member: 'Facts.' } });
    expect(promptsFor('en', plan.prompts, 'questions')).toEqual({
      member: 'Facts.',
      presenter: 'Answer with facts, briefly.',
    });
    expect(promptsFor('de', plan.prompts, 'questions')).toEqual({
      member: 'Facts.',
      presenter: 'Antworten Sie kurz und sachlich.',
    });
    expect(plan.autoAdvance).toBe(true);
  });

  it('rejects unknown keys, unknown phases, long names and bad budgets', () => {
    for (const body of [
      { colour: 'red' },
      { name: 'x'.repeat(81) },
      { plan: { budgets: { lunch: 60_000 } } },
      { plan: { budgets: { opening: 500 } } },
      { plan: { prompts: { opening: { facilitator: 'hi' } } } },
      { plan: { autoAdvance: 'yes' } },
      { plan: { extra: 1 } },
    ]) {
      expect(createGroupBodySchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
    }
  });

  it('normalises join codes in the handshake and rejects malformed ones', () => {
    expect(handshakeAuthSchema.parse({ code: 'abc-def', role: 'display' }).code).toBe('ABCDEF');
    expect(handshakeAuthSchema.safeParse({ code: 'ABCDE0', role: 'member' }).success).toBe(false);
    expect(handshakeAuthSchema.safeParse({ code: 'ABCDEF', role: 'admin' }).success).toBe(false);
    expect(handshakeAuthSchema.safeParse({ code: 'ABCDEF', role: 'member', x: 1 }).success).toBe(
      false,
    );
  });
});

describe('join codes', () => {
  it('use no look-alike characters', () => {
    for (const char of '01OIL') expect(JOIN_CODE_ALPHABET).not.toContain(char);
    expect(JOIN_CODE_ALPHABET).toHaveLength(31);
  });

  it('are case-insensitive on input and upper case when issued', () => {
    expect(normalizeJoinCode(' kx7-p2q ')).toBe('KX7P2Q');
    expect(isJoinCode('KX7P2Q')).toBe(true);
    expect(isJoinCode('kx7p2q')).toBe(false);
    expect(isJoinCode('KX7P2')).toBe(false);
  });
});
