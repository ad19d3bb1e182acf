import type { PhaseId } from '@balint/shared';

/** Who holds the floor in each phase, as the console says it (phones never need it). */
export const WHO_SPEAKS: Readonly<Record<PhaseId, string>> = {
  opening: 'The facilitator invites a volunteer',
  presentation: 'The presenter tells the story',
  questions: 'Members ask for facts only',
  discussion: 'Members reflect; the presenter sits back and listens',
  reflection: 'The presenter says what hearing the group was like',
};
