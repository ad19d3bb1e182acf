import { useEffect, useState } from 'preact/hooks';
import { Chime } from './chime.ts';
import { CuePlayer } from './cuePlayer.ts';
import { CuePrefsModel, type CueScreen } from './cuePrefs.ts';
import type { PageSession } from './pageSession.ts';

/** One screen's cues: what this device chose, its chime and the player that gives them. */
export interface Cues {
  prefs: CuePrefsModel;
  chime: Chime;
  player: CuePlayer;
}

/** A device may buzz only once its person has tapped the page (browsers refuse it before). */
function vibrate(pattern: number[]): void {
  if (navigator.userActivation?.hasBeenActive === false) return;
  navigator.vibrate?.(pattern);
}

/** Creates this screen's cues once and stops them when the page goes. */
export function useCues({ session, countdown }: PageSession, screen: CueScreen): Cues {
  const [cues] = useState<Cues>(() => {
    const prefs = new CuePrefsModel(screen);
    const chime = new Chime();
    const source = {
      view: session.view,
      status: session.status,
      reading: countdown.reading,
      serverNow: () => session.clock.now(),
    };
    const player = new CuePlayer(source, prefs.prefs, {
      chime: (kind) => void chime.play(kind),
      vibrate,
    });
    return { prefs, chime, player };
  });
  useEffect(() => {
    // A chime chosen before a reload waits for the first tap or key press on the page.
    const onGesture = () => {
      if (cues.prefs.prefs.peek().chime && !cues.chime.unlocked.peek()) cues.chime.unlock();
    };
    window.addEventListener('click', onGesture);
    window.addEventListener('keydown', onGesture);
    return () => {
      window.removeEventListener('click', onGesture);
      window.removeEventListener('keydown', onGesture);
      cues.player.dispose();
      cues.chime.dispose();
    };
  }, [cues]);
  return cues;
}
