import type { PhaseId, SessionView } from '@balint/shared';
import { useRef, useState } from 'preact/hooks';
import './lateNotice.css';

/** Where the group is, and how to come in, for each phase from the presentation on. */
const COME_IN: Partial<Record<PhaseId, string>> = {
  presentation: 'A case is being presented: come in quietly and listen.',
  questions: 'The group is asking questions: come in quietly.',
  discussion: 'The group is in the discussion: come in quietly; the presenter is listening.',
  reflection: 'The presenter is responding to the group: come in quietly.',
};

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
  if (!view) return null;
  const here = `${view.caseNumber}${view.phase}`;
  late.current ??= view.phase in COME_IN ? here : null;
  if (dismissed || presenter || late.current !== here) return null;
  return (
    <p class="late" role="status">
      {COME_IN[view.phase as PhaseId]}
      <button type="button" class="button" onClick={() => setDismissed(true)}>
        OK
      </button>
    </p>
  );
}
