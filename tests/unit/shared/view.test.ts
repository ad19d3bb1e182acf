import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import {
  DEFAULT_PROMPTS,
  isRunning,
  PHASE_IDS,
  resolvePlan,
  sessionMachine,
  sessionPhaseOf,
  toView,
} from '../../../shared/src/index.ts';

const T = 1_800_000_000_000;
const meta = {
  code: 'QWERTY',
  name: 'Group',
  counts: { facilitators: 1, displays: 0, members: 2 },
};

describe('views', () => {
  it('[V1] the lobby shows the opening budget, elapsed 0, not running', () => {
    const [lobby] = initialTransition(sessionMachine, {
      plan: resolvePlan({ budgets: { opening: 4 * 60_000 } }),
      at: T,
      language: 'en',
    });
    const view = toView(lobby, T + 10_000, meta);
    expect(view).toMatchObject({
      code: 'QWERTY',
      name: 'Group',
      phase: 'lobby',
      running: false,
      phaseBudgetMs: 240_000,
      phaseElapsedMs: 0,
      serverTime: T + 10_000,
      caseNumber: 1,
      revision: 0,
      autoAdvance: false,
      counts: meta.counts,
    });
    expect(view.plan.map((p) => p.phase)).toEqual([...PHASE_IDS]);
    expect(view.plan[0]).toEqual({
      phase: 'opening',
      title: 'Opening & case choice',
      budgetMs: 240_000,
    });
    expect(view.prompts).toEqual(DEFAULT_PROMPTS);
    expect('members' in view).toBe(false);
    expect('presenter' in view).toBe(false);
  });

  it('[V1] a running phase shows planned budget plus extensions; ended shows 0, 0', () => {
    const [lobby] = initialTransition(sessionMachine, {
      plan: resolvePlan(),
      at: T,
      language: 'en',
    });
    const [opening] = transition(sessionMachine, lobby, { type: 'start', at: T });
    const [extended] = transition(sessionMachine, opening, {
      type: 'extend',
      ms: 60_000,
      at: T + 5,
    });
    const view = toView(extended, T + 30_000, {
      ...meta,
      members: [{ name: 'Sam', device: 'phone-sam-1', offer: false }],
    });
    expect(view).toMatchObject({
      phase: 'opening',
      running: true,
      phaseBudgetMs: 360_000,
      phaseElapsedMs: 30_000,
    });
    expect(view.members).toEqual([{ name: 'Sam', device: 'phone-sam-1', offer: false }]);
    const [ended] = transition(sessionMachine, extended, { type: 'end', at: T + 40_000 });
    expect(toView(ended, T + 50_000, meta)).toMatchObject({
      phase: 'ended',
      running: false,
      phaseBudgetMs: 0,
      phaseElapsedMs: 0,
    });
  });

  it('reads the phase and the running flag from any state value', () => {
    expect(sessionPhaseOf('lobby')).toBe('lobby');
    expect(sessionPhaseOf({ discussion: { running: 'overtime' } })).toBe('discussion');
    expect(isRunning({ discussion: { running: 'overtime' } })).toBe(true);
    expect(isRunning({ discussion: 'paused' })).toBe(false);
    expect(isRunning('ended')).toBe(false);
    expect(() => sessionPhaseOf('nowhere')).toThrow(/Unknown session state/);
  });
});
