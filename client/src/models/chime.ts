import { signal } from '@preact/signals-core';
import type { CueKind } from './cues.ts';

/** One note: its pitch (Hz) and when it starts after the first (s). */
interface Note {
  hz: number;
  at: number;
}

/** A lead cue is one soft note; time-up a gentle falling pair. */
const NOTES: Record<CueKind, readonly Note[]> = {
  lead: [{ hz: 660, at: 0 }],
  timeUp: [
    { hz: 660, at: 0 },
    { hz: 495, at: 0.45 },
  ],
};

/** Quiet: a chime is a nudge for the one who keeps time, not an alarm for the room. */
const PEAK_GAIN = 0.16;
const ATTACK_S = 0.04;
const DECAY_S = 1.6;

type AudioContextConstructor = new () => AudioContext;

function audioContextClass(): AudioContextConstructor | null {
  if (typeof window === 'undefined') return null;
  // Safari before 14.1 knew it only by its prefixed name.
  const prefixed = (window as { webkitAudioContext?: AudioContextConstructor }).webkitAudioContext;
  return window.AudioContext ?? prefixed ?? null;
}

/**
 * A soft chime made in the page with Web Audio (a sine OscillatorNode through a gentle envelope):
 * no audio file, nothing fetched. Browsers start audio only after a tap or key press on the page,
 * so `unlock()` is called from one.
 */
export class Chime {
  /** True once audio may play on this page. */
  readonly unlocked = signal(false);
  private context: AudioContext | null = null;

  /** Whether this browser can make sound from a page at all. */
  static supported(): boolean {
    return audioContextClass() !== null;
  }

  /** Call from a tap, click or key press: creates or resumes the page's audio. */
  unlock(): void {
    const Context = audioContextClass();
    if (!Context) return;
    try {
      this.context ??= new Context();
    } catch {
      return;
    }
    const context = this.context;
    // A phone may suspend the page's audio (a call, the lock screen): say so when it does.
    context.onstatechange = () => {
      this.unlocked.value = context.state === 'running';
    };
    context.resume().then(
      () => {
        this.unlocked.value = context.state === 'running';
      },
      () => undefined,
    );
  }

  /** Plays the chime for `kind`; false if audio is not unlocked yet. */
  play(kind: CueKind): boolean {
    const context = this.context;
    if (context?.state !== 'running') return false;
    const start = context.currentTime + 0.02;
    for (const note of NOTES[kind]) {
      const oscillator = context.createOscillator();
      const envelope = context.createGain();
      const at = start + note.at;
      oscillator.type = 'sine';
      oscillator.frequency.value = note.hz;
      envelope.gain.setValueAtTime(0, at);
      envelope.gain.linearRampToValueAtTime(PEAK_GAIN, at + ATTACK_S);
      // An exponential ramp cannot reach 0: down to inaudible, then stop.
      envelope.gain.exponentialRampToValueAtTime(0.0001, at + ATTACK_S + DECAY_S);
      oscillator.connect(envelope).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + ATTACK_S + DECAY_S + 0.05);
    }
    return true;
  }

  dispose(): void {
    void this.context?.close().catch(() => undefined);
    this.context = null;
    this.unlocked.value = false;
  }
}
