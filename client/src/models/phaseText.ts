import { formatClock, isPhaseId, PHASE_IDS, phaseAfter, type SessionView } from '@balint/shared';
import { currentText } from '../i18n/dictionary.ts';
import type { Dictionary } from '../i18n/en.ts';
import { plural } from '../i18n/plural.ts';
import type { Reading } from './countdown.ts';

// Each function takes the page's words; those called without (the console, until its own
// translation) use the dictionary the page shows.

/** The title of where the session is: a phase's comes from the server, in the group's language. */
export function phaseTitle(
  view: Pick<SessionView, 'phase' | 'plan'>,
  text: Dictionary = currentText(),
): string {
  if (view.phase === 'lobby') return text.session.waiting;
  if (view.phase === 'ended') return text.session.ended;
  const phase = view.phase;
  return view.plan.find((entry) => entry.phase === phase)?.title ?? phase;
}

/** What a polite live region says: the phase, and whether it is paused or a new case. */
export function announcement(
  view: Pick<SessionView, 'phase' | 'plan' | 'running' | 'caseNumber'>,
  text: Dictionary = currentText(),
): string {
  const parts = [phaseTitle(view, text)];
  if (isPhaseId(view.phase)) {
    if (view.caseNumber > 1) parts.push(text.session.announceCase(view.caseNumber));
    if (!view.running) parts.push(text.session.announcePaused);
  }
  return parts.join(', ');
}

/** What comes after the current phase, as a short line that reads after "Next: ". */
export function nextText(
  view: Pick<SessionView, 'phase' | 'plan' | 'caseNumber'>,
  text: Dictionary = currentText(),
): string | null {
  if (view.phase === 'lobby') return phaseTitle({ ...view, phase: 'opening' }, text);
  if (view.phase === 'ended') return null;
  if (view.phase === 'reflection') return text.session.caseOrEnd(view.caseNumber + 1);
  const after = phaseAfter(view.phase);
  return after ? phaseTitle({ ...view, phase: after }, text) : null;
}

/** The phase's place in the five (1–5), or null outside them. */
export function phaseNumber(view: Pick<SessionView, 'phase'>): number | null {
  return isPhaseId(view.phase) ? PHASE_IDS.indexOf(view.phase) + 1 : null;
}

/** The position of the phase in the five, "2 of 5", or null outside them. */
export function phaseStep(
  view: Pick<SessionView, 'phase'>,
  text: Dictionary = currentText(),
): string | null {
  const number = phaseNumber(view);
  return number === null ? null : text.session.step(number, PHASE_IDS.length);
}

/** The digits a screen shows: "12:04" counting down, "+2:15" in overtime. */
export function clockText(reading: Reading): string {
  const { overtime, seconds } = reading.countdown;
  return overtime ? `+${formatClock(seconds)}` : formatClock(seconds);
}

/** The time said in words, for screen readers and labels. */
export function clockWords(reading: Reading, text: Dictionary): string {
  const { overtime, seconds } = reading.countdown;
  const minutes = Math.floor(seconds / 60);
  const rest = plural(text.locale, seconds % 60, text.clock.seconds);
  const words = minutes > 0 ? `${plural(text.locale, minutes, text.clock.minutes)} ${rest}` : rest;
  return overtime ? text.clock.over(words) : text.clock.left(words);
}
