import { formatClock, isPhaseId, PHASE_IDS, phaseAfter, type SessionView } from '@balint/shared';
import type { Reading } from './countdown.ts';

/** The title of where the session is. */
export function phaseTitle(view: Pick<SessionView, 'phase' | 'plan'>): string {
  if (view.phase === 'lobby') return 'Waiting to start';
  if (view.phase === 'ended') return 'Session ended';
  const phase = view.phase;
  return view.plan.find((entry) => entry.phase === phase)?.title ?? phase;
}

/** What a polite live region says: the phase, and whether it is paused or a new case. */
export function announcement(
  view: Pick<SessionView, 'phase' | 'plan' | 'running' | 'caseNumber'>,
): string {
  if (!isPhaseId(view.phase)) return phaseTitle(view);
  const paused = view.running ? '' : ', paused';
  const nextCase = view.caseNumber > 1 ? `, case ${view.caseNumber}` : '';
  return `${phaseTitle(view)}${nextCase}${paused}`;
}

/** What comes after the current phase, as a short line that reads after "Next: ". */
export function nextText(view: Pick<SessionView, 'phase' | 'plan' | 'caseNumber'>): string | null {
  if (view.phase === 'lobby') return phaseTitle({ ...view, phase: 'opening' });
  if (view.phase === 'ended') return null;
  if (view.phase === 'reflection') return `Case ${view.caseNumber + 1} or the end of the session`;
  const after = phaseAfter(view.phase);
  return after ? phaseTitle({ ...view, phase: after }) : null;
}

/** The position of the phase in the five, "2 of 5", or null outside them. */
export function phaseStep(view: Pick<SessionView, 'phase'>): string | null {
  if (!isPhaseId(view.phase)) return null;
  return `${PHASE_IDS.indexOf(view.phase) + 1} of ${PHASE_IDS.length}`;
}

/** The digits a screen shows: "12:04" counting down, "+2:15" in overtime. */
export function clockText(reading: Reading): string {
  const { overtime, seconds } = reading.countdown;
  return overtime ? `+${formatClock(seconds)}` : formatClock(seconds);
}

/** The time said in words, for screen readers and labels. */
export function clockWords(reading: Reading): string {
  const { overtime, seconds } = reading.countdown;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const words =
    minutes > 0
      ? `${minutes} minute${minutes === 1 ? '' : 's'} ${rest} seconds`
      : `${rest} seconds`;
  return overtime ? `${words} over time` : `${words} left`;
}
