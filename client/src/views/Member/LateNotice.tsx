import type { SessionView } from '@balint/shared';
import { useRef, useState } from 'preact/hooks';
import { useText } from '../../i18n/dictionary.ts';
import './lateNotice.css';

/** The phases in which a phone that just joined came late: from the presentation on. */
const LATE_PHASES = ['presentation', 'questions', 'discussion', 'reflection'] as const;
type LatePhase = (typeof LATE_PHASES)[number];

function isLate(phase: string): phase is LatePhase {
  return (LATE_PHASES as readonly string[]).includes(phase);
}

interface Props {
  view: SessionView | null;
  presenter: boolean;
}

/**
 * For a phone that joins after the presentation began: says where the group is and how to come
 * in quietly, until the phase changes or the member dismisses it.
 */
export function LateNotice({ view, presenter }: Props) {
  // The phase instance of this page's first view, if it came late; null if it did not.
  const late = useRef<string | null>();
  const [dismissed, setDismissed] = useState(false);
  const text = useText().member.late;
  if (!view) return null;
  const here = `${view.caseNumber}${view.phase}`;
  late.current ??= isLate(view.phase) ? here : null;
  if (dismissed || presenter || late.current !== here || !isLate(view.phase)) return null;
  return (
    <p class="late" role="status">
      {text[view.phase]}
      <button type="button" class="button" onClick={() => setDismissed(true)}>
        {text.ok}
      </button>
    </p>
  );
}
