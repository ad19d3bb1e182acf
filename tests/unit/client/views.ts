import { DEFAULT_PROMPTS, PHASE_IDS, PHASES, type SessionView } from '@balint/shared';

/** A view as the server would send it, with overrides. */
export function makeView(overrides: Partial<SessionView> = {}): SessionView {
  return {
    code: 'K7M2QX',
    name: 'Tuesday group',
    revision: 1,
    phase: 'presentation',
    running: true,
    phaseBudgetMs: 600_000,
    phaseElapsedMs: 0,
    serverTime: Date.now(),
    plan: PHASE_IDS.map((phase) => ({
      phase,
      title: PHASES[phase].title,
      budgetMs: PHASES[phase].defaultBudgetMs,
    })),
    caseNumber: 1,
    counts: { facilitators: 1, displays: 1, members: 3 },
    autoAdvance: false,
    prompts: { ...DEFAULT_PROMPTS },
    casesPlanned: 1,
    endsAt: null,
    projectedEndAt: null,
    language: 'en',
    standing: false,
    ...overrides,
  };
}
