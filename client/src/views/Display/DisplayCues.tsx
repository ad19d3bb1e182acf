import { CueSettings } from '../../components/CueSettings.tsx';
import { CUE_WORDS } from '../../components/cueWords.ts';
import { useText } from '../../i18n/dictionary.ts';
import type { Cues } from '../../models/useCues.ts';
import { useValue } from '../../models/useValue.ts';

interface Props {
  cues: Cues;
  /** The mouse rests: the control leaves the projected picture unless it is open or in use. */
  idle: boolean;
}

/** The projector's own cues, tucked into its corner: silent unless someone turns them on here. */
export function DisplayCues({ cues, idle }: Props) {
  const prefs = useValue(cues.prefs.prefs);
  const words = CUE_WORDS[useText().locale];
  return (
    <details class={`display__cues ${idle ? 'display__cues--idle' : ''}`}>
      <summary class="button">{prefs.chime ? words.summaryChime : words.summary}</summary>
      <section class="display__cues-panel" aria-label={words.panel}>
        <CueSettings cues={cues} screen="projector" words={words} />
      </section>
    </details>
  );
}
