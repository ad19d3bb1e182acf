import { isPhaseId, MINUTE_MS, remainingMs, type SessionView } from '@balint/shared';

/** A cue before a phase's end (`lead`) or at its time-up. */
export type CueKind = 'lead' | 'timeUp';

/** The lead times a device may choose, in minutes; two is the default. */
export const LEAD_MINUTES = [1, 2, 3, 5] as const;
export type LeadMinutes = (typeof LEAD_MINUTES)[number];
export const DEFAULT_LEAD_MINUTES: LeadMinutes = 2;

/**
 * A threshold counts as just crossed only if it lies at most this far back in the phase's time:
 * a moment that passed while the page slept, reconnected or had its budget cut is not cued.
 */
export const CROSSED_WITHIN_MS = 1_500;
/**
 * Two readings further apart than this (in the page's own observed time) were not a continuous
 * watch: the page stalled between them, so nothing is cued from that pair.
 */
export const MAX_READING_GAP_MS = 3_000;

/** What a screen saw of the phase clock at one moment. */
export interface CueReading {
  /** This phase instance (the same phase in another case is another instance); null outside. */
  instance: string | null;
  /** Connected, with a view the server sent over this connection. */
  live: boolean;
  running: boolean;
  /** Budget left, negative in overtime. */
  remainingMs: number;
  /** The page's own monotonic time of the reading (ms). */
  observedAt: number;
}

/** The phase instance a view is in: the case number and the phase, or null outside the five. */
export function phaseInstance(view: Pick<SessionView, 'phase' | 'caseNumber'>): string | null {
  return isPhaseId(view.phase) ? `${view.caseNumber}:${view.phase}` : null;
}

/** A reading of `view` at server time `serverNow`, observed at the page's time `observedAt`. */
export function cueReading(
  view: SessionView,
  live: boolean,
  serverNow: number,
  observedAt: number,
): CueReading {
  return {
    instance: phaseInstance(view),
    live,
    running: view.running,
    remainingMs: remainingMs(view, serverNow),
    observedAt,
  };
}

/**
 * The cue a pair of consecutive readings calls for, or null: the phase's clock ran from above a
 * threshold (the lead time, or 0 for time-up) to at or below it between the two readings, both
 * live and running in the same phase instance, taken close together, and the threshold lies
 * within the last `CROSSED_WITHIN_MS` of the phase's time. Overtime has no threshold left.
 */
export function crossedCue(
  previous: CueReading | null,
  current: CueReading,
  leadMs: number,
): CueKind | null {
  if (!previous || current.instance === null || previous.instance !== current.instance) return null;
  if (!(previous.live && current.live && previous.running && current.running)) return null;
  if (current.observedAt - previous.observedAt > MAX_READING_GAP_MS) return null;
  const crossed = (threshold: number) =>
    previous.remainingMs > threshold &&
    current.remainingMs <= threshold &&
    threshold - current.remainingMs < CROSSED_WITHIN_MS;
  if (crossed(0)) return 'timeUp';
  if (crossed(leadMs)) return 'lead';
  return null;
}

/**
 * Watches a screen's readings and says when to cue: each threshold at most once per phase
 * instance (going back to a phase, or extending it, does not cue it again). Leaving the five
 * phases (lobby, ended) forgets what was cued, so the next sitting cues afresh.
 */
export class CueTracker {
  private previous: CueReading | null = null;
  private readonly fired = new Set<string>();

  constructor(public leadMs: number = DEFAULT_LEAD_MINUTES * MINUTE_MS) {}

  /** Takes the next reading; returns the cue to give now, if any. */
  observe(reading: CueReading): CueKind | null {
    const previous = this.previous;
    this.previous = reading;
    if (reading.instance === null) {
      this.fired.clear();
      return null;
    }
    const cue = crossedCue(previous, reading, this.leadMs);
    if (!cue) return null;
    const key = `${reading.instance}|${cue}`;
    if (this.fired.has(key)) return null;
    this.fired.add(key);
    return cue;
  }
}
