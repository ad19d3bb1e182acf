import { isPhaseId, type SessionView } from '@balint/shared';

/** True if the facilitator picked this phone as the presenter's: it alone says so. */
export function isPresenting(view: SessionView, device: string): boolean {
  return view.presenterDevice !== undefined && view.presenterDevice === device;
}

/** The prompt this phone shows: the presenter's text or the members', for this phase. */
export function promptFor(view: SessionView, presenter: boolean): string | null {
  if (view.phase === 'lobby') return 'The session has not started yet. Find a seat and settle in.';
  if (view.phase === 'ended') return 'The session has ended. Thank you for taking part.';
  if (!isPhaseId(view.phase)) return null;
  const prompts = view.prompts[view.phase];
  return presenter ? prompts.presenter : prompts.member;
}
