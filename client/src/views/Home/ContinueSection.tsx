import { useEffect, useState } from 'preact/hooks';
import { groupsStillThere, type RecentGroup, recentGroups } from './homeMemory.ts';

/**
 * Consoles of groups created on this device today, so closing the tab loses nothing. Each is
 * checked with the server first: a group that expired is dropped, never offered as a dead end.
 */
export function ContinueSection() {
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
      <h2 id="continue-title">Continue on this device</h2>
      <ul>
        {groups.map((group) => (
          <li key={group.code}>
            <a href={`/f/${group.code}`}>
              {group.name || 'Unnamed group'} <span class="home__continue-code">{group.code}</span>
            </a>
            <span class="muted"> · created {timeOfDay(group.createdAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "20:39" or "8:39 PM", as this browser's own locale writes a time. */
function timeOfDay(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { timeStyle: 'short' });
}
