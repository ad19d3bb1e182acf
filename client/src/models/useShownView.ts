import type { SessionView } from '@balint/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Dictionary } from '../i18n/en.ts';

/** How long a view that has come waits for its language's words (a chunk that never loads). */
const WAIT_FOR_WORDS_MS = 3000;

/**
 * The view a page draws: none until the first view and the words of its language are both in,
 * then every later one. A page that spoke the browser's language while it waited is then drawn
 * once in the group's words, not first in the browser's and moved by the group's a moment later.
 * Should those words not load, the view is drawn in the words the page has after a while.
 */
export function useShownView(
  view: SessionView | null,
  text: Dictionary | null,
): SessionView | null {
  // Once drawn, a view stays drawn: a language changed in the lobby swaps the words in place.
  const drawn = useRef(false);
  const [waited, setWaited] = useState(false);
  const arrived = view !== null;
  useEffect(() => {
    if (!arrived || drawn.current) return;
    const timer = setTimeout(() => setWaited(true), WAIT_FOR_WORDS_MS);
    return () => clearTimeout(timer);
  }, [arrived]);
  if (view && (waited || text?.locale === view.language)) drawn.current = true;
  return drawn.current ? view : null;
}
