import { Chime } from '../models/chime.ts';
import { anyCue, type CueScreen } from '../models/cuePrefs.ts';
import { LEAD_MINUTES, type LeadMinutes } from '../models/cues.ts';
import type { Cues } from '../models/useCues.ts';
import { useValue } from '../models/useValue.ts';
import './cueSettings.css';

interface Props {
  cues: Cues;
  screen: CueScreen;
}

/** A phone or tablet that can buzz (desktop browsers have the call, but nothing to buzz). */
function vibrates(): boolean {
  return typeof navigator.vibrate === 'function' && matchMedia('(pointer: coarse)').matches;
}

/**
 * After a click, gives the keyboard back to the page, so that the console's Space pauses rather
 * than ticking this box again; a control reached by keyboard keeps its focus.
 */
function release(control: HTMLElement): void {
  if (!control.matches(':focus-visible')) control.blur();
}

/**
 * This device's cues: a soft chime, a pulse on this screen, a buzz; all off until turned on here.
 * The projector offers the chime alone (a pulse there would be for the whole room).
 */
export function CueSettings({ cues, screen }: Props) {
  const prefs = useValue(cues.prefs.prefs);
  const unlocked = useValue(cues.chime.unlocked);
  const canChime = Chime.supported();
  const canVibrate = screen === 'console' && vibrates();
  const waitingForTap = prefs.chime && !unlocked;
  return (
    <div class="cues">
      <div class="cues__choices">
        <label class="cues__check">
          <input
            type="checkbox"
            checked={prefs.chime}
            disabled={!canChime}
            onChange={(event) => {
              const on = event.currentTarget.checked;
              release(event.currentTarget);
              // This tap is the one the browser needs before the page may make a sound.
              if (on) cues.chime.unlock();
              cues.prefs.update({ chime: on });
            }}
          />
          Soft chime
        </label>
        {screen === 'console' && (
          <label class="cues__check">
            <input
              type="checkbox"
              checked={prefs.pulse}
              onChange={(event) => {
                release(event.currentTarget);
                cues.prefs.update({ pulse: event.currentTarget.checked });
              }}
            />
            Pulse on this screen
          </label>
        )}
        {canVibrate && (
          <label class="cues__check">
            <input
              type="checkbox"
              checked={prefs.vibrate}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                release(event.currentTarget);
                cues.prefs.update({ vibrate: on });
                if (on) navigator.vibrate(60);
              }}
            />
            Vibrate
          </label>
        )}
      </div>
      <label class="cues__when">
        <select
          value={prefs.leadMinutes}
          onChange={(event) => {
            release(event.currentTarget);
            cues.prefs.update({ leadMinutes: Number(event.currentTarget.value) as LeadMinutes });
          }}
        >
          {LEAD_MINUTES.map((minutes) => (
            <option key={minutes} value={minutes}>
              {minutes} min
            </option>
          ))}
        </select>
        <span>before each phase ends, and at time-up</span>
      </label>
      <div class="cues__foot">
        <p class="cues__hint" role="status">
          {waitingForTap
            ? 'Sound needs one tap on this page before the browser lets it play: tap anywhere here.'
            : prefs.chime
              ? 'Chime ready.'
              : anyCue(prefs)
                ? 'On for this device only; the other screens stay as they are.'
                : 'Off on this device. A chime needs one tap to unlock sound; other screens stay silent.'}
        </p>
        {prefs.chime && unlocked && (
          <button type="button" class="button cues__sample" onClick={() => cues.chime.play('lead')}>
            Play a sample
          </button>
        )}
      </div>
    </div>
  );
}
