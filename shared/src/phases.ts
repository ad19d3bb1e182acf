// The phase order and the limits live in their own modules, so that a page that only needs
// them (the member page) does not also download the phases' English texts.

import { MINUTE_MS } from './limits.ts';
import type { PhaseId } from './phaseIds.ts';

export * from './limits.ts';
export * from './phaseIds.ts';

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
