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
