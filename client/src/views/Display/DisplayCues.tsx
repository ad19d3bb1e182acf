import { CueSettings } from '../../components/CueSettings.tsx';
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
  return (
    <details class={`display__cues ${idle ? 'display__cues--idle' : ''}`}>
      <summary class="button">{prefs.chime ? 'Cues: chime' : 'Cues'}</summary>
      <section class="display__cues-panel" aria-label="Cues on this projector">
        <CueSettings cues={cues} screen="projector" />
      </section>
    </details>
  );
}
