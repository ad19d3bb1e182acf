import { DEFAULT_PROMPTS, PHASE_IDS, PHASES, type PhaseId, type RolePrompts } from './phases.ts';

/** A group's plan: the budget and prompts of every phase, and whether time-up advances. */
export interface Plan {
  budgets: Record<PhaseId, number>;
  prompts: Record<PhaseId, RolePrompts>;
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
  const prompts = {} as Record<PhaseId, RolePrompts>;
  for (const phase of PHASE_IDS) {
    budgets[phase] = input.budgets?.[phase] ?? PHASES[phase].defaultBudgetMs;
    prompts[phase] = {
      member: input.prompts?.[phase]?.member ?? DEFAULT_PROMPTS[phase].member,
      presenter: input.prompts?.[phase]?.presenter ?? DEFAULT_PROMPTS[phase].presenter,
    };
  }
  return { budgets, prompts, autoAdvance: input.autoAdvance ?? false, cases: input.cases ?? 1 };
}
