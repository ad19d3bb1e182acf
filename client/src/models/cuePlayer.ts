import { MINUTE_MS, type SessionView } from '@balint/shared';
import { effect, type ReadonlySignal, signal } from '@preact/signals-core';
import type { ConnectionStatus } from './connection.ts';
import type { Reading } from './countdown.ts';
import type { CuePrefs } from './cuePrefs.ts';
import { type CueKind, CueTracker, cueReading } from './cues.ts';

/** What the cues watch: the page's session and its countdown. */
export interface CueSource {
  view: ReadonlySignal<SessionView | null>;
  status: ReadonlySignal<ConnectionStatus>;
  /** Changes at every flip of the digits: the moments to look again. */
  reading: ReadonlySignal<Reading | null>;
  /** The server's time, as this screen estimates it. */
  serverNow(): number;
}

/** How a cue reaches the person: the page's chime and the device's vibration. */
export interface CueOutputs {
  chime(kind: CueKind): void;
  vibrate(pattern: number[]): void;
}

/** A visual pulse on this screen: which cue, and a count so that a second one starts afresh. */
export interface Pulse {
  kind: CueKind;
  count: number;
}

/** How long a pulse shows. */
export const PULSE_MS = 4_000;

const VIBRATION: Record<CueKind, number[]> = {
  lead: [150],
  timeUp: [150, 120, 150],
};

/**
 * The thin effect around the cue model: reads the clock at every flip and on every view, and
 * gives the cue the model calls for, through whichever outputs this device turned on.
 */
export class CuePlayer {
  readonly pulse = signal<Pulse | null>(null);
  private readonly tracker = new CueTracker();
  /** After a (re)connection, the old view is not live until the server sends a fresh one. */
  private awaitingView = true;
  private seenView: SessionView | null = null;
  private pulses = 0;
  private pulseTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly stop: () => void;

  constructor(
    source: CueSource,
    prefs: ReadonlySignal<CuePrefs>,
    private readonly outputs: CueOutputs,
    observedNow: () => number = () => performance.now(),
  ) {
    this.stop = effect(() => {
      const view = source.view.value;
      const status = source.status.value;
      source.reading.value;
      const chosen = prefs.value;
      if (status !== 'live') this.awaitingView = true;
      else if (view !== this.seenView) this.awaitingView = false;
      this.seenView = view;
      if (!view) return;
      this.tracker.leadMs = chosen.leadMinutes * MINUTE_MS;
      const live = status === 'live' && !this.awaitingView;
      const cue = this.tracker.observe(cueReading(view, live, source.serverNow(), observedNow()));
      if (cue) this.give(cue, chosen);
    });
  }

  dispose(): void {
    this.stop();
    clearTimeout(this.pulseTimer);
  }

  private give(kind: CueKind, chosen: CuePrefs): void {
    if (chosen.chime) this.outputs.chime(kind);
    if (chosen.vibrate) this.outputs.vibrate(VIBRATION[kind]);
    if (chosen.pulse) {
      this.pulses += 1;
      this.pulse.value = { kind, count: this.pulses };
      clearTimeout(this.pulseTimer);
      this.pulseTimer = setTimeout(() => {
        this.pulse.value = null;
      }, PULSE_MS);
    }
  }
}
