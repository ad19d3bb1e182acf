/** The five phases of a Balint session, in order. */
export const PHASE_IDS = [
  'opening',
  'presentation',
  'questions',
  'discussion',
  'reflection',
] as const;

export type PhaseId = (typeof PHASE_IDS)[number];

/** Where a session can be: before it starts, in one of the five phases, or after it ends. */
export type SessionPhase = 'lobby' | PhaseId | 'ended';

export const MINUTE_MS = 60_000;

/** Budgets and extensions are whole milliseconds in this range (1 s to 3 h). */
export const MIN_DURATION_MS = 1_000;
export const MAX_DURATION_MS = 10_800_000;

export const PRESENTER_NAME_MAX = 40;
export const GROUP_NAME_MAX = 80;
export const PROMPT_MAX = 500;
export const MEMBER_NAME_MAX = 40;

export interface PhaseInfo {
  readonly id: PhaseId;
  readonly title: string;
  readonly defaultBudgetMs: number;
}

export const PHASES: Readonly<Record<PhaseId, PhaseInfo>> = {
  opening: {
    id: 'opening',
    title: 'Opening & case choice',
    defaultBudgetMs: 5 * MINUTE_MS,
  },
  presentation: {
    id: 'presentation',
    title: 'Case presentation',
    defaultBudgetMs: 10 * MINUTE_MS,
  },
  questions: {
    id: 'questions',
    title: 'Clarifying questions',
    defaultBudgetMs: 5 * MINUTE_MS,
  },
  discussion: {
    id: 'discussion',
    title: 'Group discussion',
    defaultBudgetMs: 25 * MINUTE_MS,
  },
  reflection: {
    id: 'reflection',
    title: 'Presenter returns',
    defaultBudgetMs: 10 * MINUTE_MS,
  },
};

export interface RolePrompts {
  readonly member: string;
  readonly presenter: string;
}

/** Default prompts for members' phones, one text for each role in every phase. */
export const DEFAULT_PROMPTS: Readonly<Record<PhaseId, RolePrompts>> = {
  opening: {
    member:
      'Who has a case? No notes are needed: the facilitator will invite a volunteer to present.',
    presenter:
      'If a patient has stayed with you, you might offer the case when the facilitator asks. No notes needed.',
  },
  presentation: {
    member:
      'Listen. Notice your feelings, the images and reactions that come up. Please do not interrupt.',
    presenter: 'Tell the story of the patient, and of you with the patient, from memory.',
  },
  questions: {
    member: 'Factual questions only. Keep interpretations and ideas for later.',
    presenter: 'Answer with facts, briefly.',
  },
  discussion: {
    member: 'What might the patient feel? What might the doctor feel? No solutions, no advice.',
    presenter: 'Sit back and listen. You will be invited back into the group.',
  },
  reflection: {
    member: 'Listen to the presenter. There is no need to defend what was said.',
    presenter: 'You are invited back. What was it like to hear the group?',
  },
};

/** The group's ground rules, shown large in the opening and one tap away on every phone. */
export const GROUND_RULES: readonly string[] = [
  'Everything said here is confidential.',
  'Everyone is listened to and respected.',
  'We commit to regular attendance.',
];

/** The phase after this one in the five-phase order, or null after the last. */
export function phaseAfter(phase: PhaseId): PhaseId | null {
  return PHASE_IDS[PHASE_IDS.indexOf(phase) + 1] ?? null;
}

/** The phase before this one in the five-phase order, or null before the first. */
export function phaseBefore(phase: PhaseId): PhaseId | null {
  const index = PHASE_IDS.indexOf(phase);
  return index > 0 ? (PHASE_IDS[index - 1] ?? null) : null;
}

export function isPhaseId(value: unknown): value is PhaseId {
  return typeof value === 'string' && (PHASE_IDS as readonly string[]).includes(value);
}

/** True for a whole number of milliseconds within the allowed budget range. */
export function isValidDurationMs(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MIN_DURATION_MS &&
    value <= MAX_DURATION_MS
  );
}
