import { isPhaseId, type SessionView } from '@balint/shared';
import type { Dictionary } from '../../i18n/en.ts';

/** True if the facilitator picked this phone as the presenter's: it alone says so. */
export function isPresenting(view: SessionView, device: string): boolean {
  return view.presenterDevice !== undefined && view.presenterDevice === device;
}

/**
 * The prompt this phone shows: in a phase, the presenter's text or the members' as the server
 * sends it (the group's own, or the defaults in the group's language); before and after, the
 * interface's own words.
 */
export function promptFor(view: SessionView, presenter: boolean, text: Dictionary): string | null {
  if (view.phase === 'lobby') return text.member.lobby;
  if (view.phase === 'ended') return text.member.ended;
  if (!isPhaseId(view.phase)) return null;
  const prompts = view.prompts[view.phase];
  return presenter ? prompts.presenter : prompts.member;
}
