import type { Language } from '@balint/shared';
import { CueSettings } from '../../components/CueSettings.tsx';
import { CUE_WORDS } from '../../components/cueWords.ts';
import { useConsoleWords } from '../../i18n/console/words.ts';
import type { Cues } from '../../models/useCues.ts';
import { useValue } from '../../models/useValue.ts';
import './cuePanel.css';

/** Cues for whoever keeps time at this console: off until turned on here. */
export function CuePanel({ cues, language }: { cues: Cues; language: Language }) {
  const words = useConsoleWords();
  return (
    <section class="panel" aria-labelledby="cues-title">
      <h2 id="cues-title">{words.cues}</h2>
      <CueSettings cues={cues} screen="console" words={CUE_WORDS[language]} />
    </section>
  );
}

/** The class the console's clock takes while a pulse cue shows (none if pulses are off). */
export function usePulseClass(cues: Cues): string {
  const pulse = useValue(cues.player.pulse);
  return pulse ? 'now--cue' : '';
}
