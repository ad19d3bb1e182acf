import type { Language } from '@balint/shared';
import { useEffect, useState } from 'preact/hooks';
import { useText } from '../../i18n/dictionary.ts';
import { formatLocale } from '../../i18n/formatLocale.ts';
import { useHomeWords } from '../../i18n/home/words.ts';
import { groupsStillThere, type RecentGroup, recentGroups } from './homeMemory.ts';

/**
 * Consoles this device can continue: its standing groups first (the same code every week),
 * then groups created here today, so closing the tab loses nothing. Each is checked with the
 * server first: a group that expired is dropped, never offered as a dead end.
 */
export function ContinueSection() {
  const { locale } = useText();
  const text = useHomeWords();
  const [groups, setGroups] = useState<RecentGroup[]>([]);
  useEffect(() => {
    let current = true;
    const remembered = recentGroups(Date.now());
    if (remembered.length > 0) {
      void groupsStillThere(remembered).then((kept) => {
        if (current) setGroups(kept);
      });
    }
    return () => {
      current = false;
    };
  }, []);
  if (groups.length === 0) return null;
  return (
    <section class="home__continue" aria-labelledby="continue-title">
      <h2 id="continue-title">{text.continueTitle}</h2>
      <ul>
        {groups.map((group) => (
          <li key={group.code}>
            <a href={`/f/${group.code}`}>
              {group.name || text.unnamed} <span class="home__continue-code">{group.code}</span>
            </a>
            <span class="muted">
              {' · '}
              {group.standing
                ? text.standingGroup
                : text.created(timeOfDay(group.createdAt, locale))}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "20:39" or "8:39 PM": the page's language as this browser's own variant of it writes a time. */
function timeOfDay(epochMs: number, language: Language): string {
  return new Intl.DateTimeFormat(formatLocale(language), { timeStyle: 'short' }).format(epochMs);
}
