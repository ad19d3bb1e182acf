import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import {
  DEFAULT_PROMPTS,
  isRunning,
  PHASE_IDS,
  PHASE_TEXTS,
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

describe('views in the group language', () => {
  it('[L2] phase titles and default prompts follow the language; a group’s own prompts stay', () => {
    const plan = resolvePlan({ prompts: { questions: { member: 'Nur Fakten, bitte.' } } });
    const [lobby] = initialTransition(sessionMachine, { plan, at: T, language: 'de' });
    const view = toView(lobby, T, meta);
    expect(view.language).toBe('de');
    expect(view.plan.map((entry) => entry.title)).toEqual([
      'Eröffnung & Fallwahl',
      'Fallvorstellung',
      'Informationsfragen',
      'Gruppendiskussion',
      'Rückkehr des Fallgebers',
    ]);
    expect(view.prompts.questions.member).toBe('Nur Fakten, bitte.');
    expect(view.prompts.discussion.presenter).toMatch(/^Lehnen Sie sich zurück/);
    const [hungarian] = transition(
      sessionMachine,
      initialTransition(sessionMachine, { plan, at: T, language: 'en' })[0],
      { type: 'setLanguage', language: 'hu', at: T },
    );
    expect(toView(hungarian, T, meta).plan[1]?.title).toBe('Esetbemutatás');
  });

  it('[L2] every language has every phase title and both prompts, none empty', () => {
    for (const [language, texts] of Object.entries(PHASE_TEXTS)) {
      for (const phase of PHASE_IDS) {
        expect(texts.titles[phase].trim(), `${language} ${phase}`).not.toBe('');
        expect(texts.prompts[phase].member.trim(), `${language} ${phase}`).not.toBe('');
        expect(texts.prompts[phase].presenter.trim(), `${language} ${phase}`).not.toBe('');
      }
    }
  });
});
