import { Chime } from '../models/chime.ts';
import { anyCue, type CueScreen } from '../models/cuePrefs.ts';
import { LEAD_MINUTES, type LeadMinutes } from '../models/cues.ts';
import type { Cues } from '../models/useCues.ts';
import { useValue } from '../models/useValue.ts';
import { CUE_WORDS, type CueWords } from './cueWords.ts';
import './cueSettings.css';

interface Props {
  cues: Cues;
  screen: CueScreen;
  /** The controls' words; English until the console speaks the group's language. */
  words?: CueWords;
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
export function CueSettings({ cues, screen, words = CUE_WORDS.en }: Props) {
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
          {words.chime}
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
            {words.pulse}
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
            {words.vibrate}
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
              {words.minutes(minutes)}
            </option>
          ))}
        </select>
        <span>{words.when}</span>
      </label>
      <div class="cues__foot">
        <p class="cues__hint" role="status">
          {waitingForTap
            ? words.needsTap
            : prefs.chime
              ? words.ready
              : anyCue(prefs)
                ? words.onHere
                : words.off}
        </p>
        {prefs.chime && unlocked && (
          <button type="button" class="button cues__sample" onClick={() => cues.chime.play('lead')}>
            {words.sample}
          </button>
        )}
      </div>
    </div>
  );
}
