import { PHASE_IDS, type PhaseId } from './phases.ts';

/** One phase of one case as it ran: the plan's budget for it and the time it really took. */
export interface PhaseRecord {
  caseNumber: number;
  phase: PhaseId;
  plannedMs: number;
  /** Time it ran, overtime included (its total if `back` returned to it). */
  actualMs: number;
}

/**
 * A sitting's timings, from `start` to `end` (or a `reset` after a start): the facilitator's
 * own planned-vs-actual record. Names and case content are never part of it.
 */
export interface SittingRecord {
  startedAt: number;
  endedAt: number | null;
  /** Cases taken so far. */
  cases: number;
  phases: PhaseRecord[];
}

/** A sitting that starts at `at`. */
export function startSitting(at: number): SittingRecord {
  return { startedAt: at, endedAt: null, cases: 1, phases: [] };
}

/** The record with what `phase` of `caseNumber` has run so far (replacing an earlier entry). */
export function recordPhase(record: SittingRecord, entry: PhaseRecord): SittingRecord {
  const others = record.phases.filter(
    (phase) => phase.caseNumber !== entry.caseNumber || phase.phase !== entry.phase,
  );
  const phases = [...others, entry].sort(
    (a, b) =>
      a.caseNumber - b.caseNumber || PHASE_IDS.indexOf(a.phase) - PHASE_IDS.indexOf(b.phase),
  );
  return { ...record, phases, cases: Math.max(record.cases, entry.caseNumber) };
}
