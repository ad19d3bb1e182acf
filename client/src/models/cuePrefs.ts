import { type Signal, signal } from '@preact/signals-core';
import { DEFAULT_LEAD_MINUTES, LEAD_MINUTES, type LeadMinutes } from './cues.ts';
import { store } from './storage.ts';

/**
 * Which screen the cues are for. Each keeps its own choice: a laptop that shows both the console
 * and the projector window chimes from the one its person turned on, not from both.
 */
export type CueScreen = 'console' | 'projector';

/** What one device gives as cues: everything off until someone turns it on there. */
export interface CuePrefs {
  chime: boolean;
  /** A visual pulse on this screen alone. */
  pulse: boolean;
  vibrate: boolean;
  leadMinutes: LeadMinutes;
}

export const CUES_OFF: CuePrefs = {
  chime: false,
  pulse: false,
  vibrate: false,
  leadMinutes: DEFAULT_LEAD_MINUTES,
};

/** Kept per device and screen, not per group: a co-leader's laptop cues every group it runs. */
export function cuePrefsKey(screen: CueScreen): string {
  return `balint.cues.${screen}`;
}

/** Stored preferences, anything missing or malformed read as off. */
export function parseCuePrefs(raw: string | null): CuePrefs {
  let stored: Partial<Record<keyof CuePrefs, unknown>> = {};
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (parsed && typeof parsed === 'object') stored = parsed;
  } catch {
    // Unreadable: off.
  }
  const lead = LEAD_MINUTES.find((minutes) => minutes === stored.leadMinutes);
  return {
    chime: stored.chime === true,
    pulse: stored.pulse === true,
    vibrate: stored.vibrate === true,
    leadMinutes: lead ?? DEFAULT_LEAD_MINUTES,
  };
}

/** True if any cue is on. */
export function anyCue(prefs: CuePrefs): boolean {
  return prefs.chime || prefs.pulse || prefs.vibrate;
}

/** One screen's cue preferences, read from and written to this device's local storage. */
export class CuePrefsModel {
  readonly prefs: Signal<CuePrefs>;

  constructor(private readonly screen: CueScreen) {
    this.prefs = signal(parseCuePrefs(store.get(cuePrefsKey(screen))));
  }

  update(change: Partial<CuePrefs>): void {
    const next = { ...this.prefs.peek(), ...change };
    this.prefs.value = next;
    store.set(cuePrefsKey(this.screen), JSON.stringify(next));
  }
}
