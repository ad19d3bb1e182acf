import { CueSettings } from '../../components/CueSettings.tsx';
import type { Cues } from '../../models/useCues.ts';
import { useValue } from '../../models/useValue.ts';
import './cuePanel.css';

/** Cues for whoever keeps time at this console: off until turned on here. */
export function CuePanel({ cues }: { cues: Cues }) {
  return (
    <section class="panel" aria-labelledby="cues-title">
      <h2 id="cues-title">Cues on this device</h2>
      <CueSettings cues={cues} screen="console" />
    </section>
  );
}

/** The class the console's clock takes while a pulse cue shows (none if pulses are off). */
export function usePulseClass(cues: Cues): string {
  const pulse = useValue(cues.player.pulse);
  return pulse ? 'now--cue' : '';
}
