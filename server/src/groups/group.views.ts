import {
  catchUp,
  type MemberInfo,
  type PresenceCounts,
  readSession,
  type Session,
  type SessionView,
  toView,
} from '@balint/shared';
import type { PresenceEntry, StoredGroup } from './store.ts';

/** Who sees which view: facilitators see members' names, everyone else does not. */
export type Audience = 'facilitator' | 'public';

export type GroupViews = Record<Audience, SessionView>;

/** How many screens of each kind are connected. */
export function countsOf(entries: readonly PresenceEntry[]): PresenceCounts {
  const counts: PresenceCounts = { facilitators: 0, displays: 0, members: 0 };
  for (const { role } of entries) {
    switch (role) {
      case 'facilitator':
        counts.facilitators += 1;
        break;
      case 'display':
        counts.displays += 1;
        break;
      case 'member':
        counts.members += 1;
        break;
      default:
        role satisfies never;
    }
  }
  return counts;
}

/** Every connected member, by name; `name` is '' for a member who gave none. */
export function membersOf(entries: readonly PresenceEntry[]): MemberInfo[] {
  return entries
    .filter((entry) => entry.role === 'member')
    .map((entry) => ({ name: entry.name ?? '', device: entry.device ?? '', offer: entry.offer }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.device.localeCompare(b.device));
}

/** The stored group's session as it is at `now` (auto-advances due by then included). */
export function sessionAt(group: StoredGroup, now: number): Session {
  return catchUp(readSession(group.session), now);
}

/** Both audiences' views of a session at `now`, each built once. */
export function viewsOf(
  group: Pick<StoredGroup, 'code' | 'name' | 'standingSince'>,
  session: Session,
  entries: readonly PresenceEntry[],
  now: number,
): GroupViews {
  const meta = {
    code: group.code,
    name: group.name,
    counts: countsOf(entries),
    standing: group.standingSince !== null,
  };
  return {
    facilitator: toView(session, now, { ...meta, members: membersOf(entries) }),
    public: toView(session, now, meta),
  };
}
