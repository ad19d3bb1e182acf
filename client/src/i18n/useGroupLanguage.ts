import type { Language } from '@balint/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConnectionStatus } from '../models/connection.ts';
import { type PageWords, useLanguage } from './dictionary.ts';
import type { Dictionary } from './en.ts';
import { browserLanguage } from './languages.ts';

/** How long a page waits for its group's first view before it speaks the browser's language. */
const WAIT_FOR_GROUP_MS = 1500;

/**
 * The words of a group's page: in this phone's own choice if it made one, else in the group's
 * language as soon as its first view tells it. A page that gets no view (no such group, no
 * network) speaks the browser's language rather than nothing. Null until the first words are in.
 */
export function useGroupLanguage(
  group: Language | undefined,
  status: ConnectionStatus,
  own: Language | null = null,
  page?: PageWords,
): Dictionary | null {
  // An expired group's view is gone; its notice is still said in the group's language.
  const known = useRef(group);
  if (group) known.current = group;
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaited(true), WAIT_FOR_GROUP_MS);
    return () => clearTimeout(timer);
  }, []);
  const settled = waited || (status !== 'connecting' && status !== 'live');
  return useLanguage(own ?? known.current ?? (settled ? browserLanguage() : null), page);
}
