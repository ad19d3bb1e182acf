import type { SessionView } from '@balint/shared';
import { useRef, useState } from 'preact/hooks';
import { useText } from '../../i18n/dictionary.ts';
import { LATE_WORDS } from './lateWords.ts';
import './lateNotice.css';

import { isLate } from './late.ts';

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
  const text = LATE_WORDS[useText().locale];
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
