/** The phases in which a phone that just joined came late: from the presentation on. */
const LATE_PHASES = ['presentation', 'questions', 'discussion', 'reflection'] as const;
export type LatePhase = (typeof LATE_PHASES)[number];

export function isLate(phase: string): phase is LatePhase {
  return (LATE_PHASES as readonly string[]).includes(phase);
}
