import { PHASE_IDS, PHASES, type PhaseId, type RolePrompts } from './phases.ts';

/**
 * A group's plan: the budget of every phase, the group's own prompts (the language's
 * defaults fill the rest, see `promptsFor`), and whether time-up advances.
 */
export interface Plan {
  budgets: Record<PhaseId, number>;
  prompts: Partial<Record<PhaseId, Partial<RolePrompts>>>;
  autoAdvance: boolean;
  /** Cases planned for the sitting (1–3); `nextCase` is allowed beyond it. */
  cases: number;
}

/** What a creator may send; everything left out takes the default. */
export interface PlanInput {
  budgets?: Partial<Record<PhaseId, number>>;
  prompts?: Partial<Record<PhaseId, Partial<RolePrompts>>>;
  autoAdvance?: boolean;
  cases?: number;
}

export const MIN_CASES = 1;
export const MAX_CASES = 3;

/** The full plan from a (validated) partial input, defaults filling the gaps. */
export function resolvePlan(input: PlanInput = {}): Plan {
  const budgets = {} as Record<PhaseId, number>;
  const prompts: Plan['prompts'] = {};
  for (const phase of PHASE_IDS) {
    budgets[phase] = input.budgets?.[phase] ?? PHASES[phase].defaultBudgetMs;
    const own = input.prompts?.[phase];
    if (own && (own.member !== undefined || own.presenter !== undefined))
      prompts[phase] = { ...own };
  }
  return { budgets, prompts, autoAdvance: input.autoAdvance ?? false, cases: input.cases ?? 1 };
}
