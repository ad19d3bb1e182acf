import type { MemberInfo, PresenceCounts, Role } from '@balint/shared';
import type { Clock, TimerHandle } from '../clock.ts';

/** Who one connected socket is. Names stay in memory and in facilitators' views only. */
export interface Attendee {
  role: Role;
  name?: string;
  presenter: boolean;
}

/** The screens connected to one group in this process. */
export interface Presence {
  add(socketId: string, attendee: Attendee): void;
  remove(socketId: string): void;
  readonly size: number;
  counts(): PresenceCounts;
  /** Every connected member, by name; `name` is '' for a member who gave none. */
  members(): MemberInfo[];
}

export function createPresence(): Presence {
  const attendees = new Map<string, Attendee>();
  return {
    add: (socketId, attendee) => {
      attendees.set(socketId, attendee);
    },
    remove: (socketId) => {
      attendees.delete(socketId);
    },
    get size() {
      return attendees.size;
    },
    counts: () => {
      const counts: PresenceCounts = { facilitators: 0, displays: 0, members: 0 };
      for (const { role } of attendees.values()) {
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
    },
    members: () =>
      [...attendees.values()]
        .filter((attendee) => attendee.role === 'member')
        .map((attendee) => ({ name: attendee.name ?? '', presenter: attendee.presenter }))
        .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export interface Coalescer {
  /** Something changed: flush now if the window allows, else once when it closes. */
  changed(): void;
  cancel(): void;
}

/**
 * At most one flush per `windowMs`: the first change goes out on the next turn of the event
 * loop (merging changes made together), later ones within the window are merged into one.
 */
export function createCoalescer(clock: Clock, windowMs: number, flush: () => void): Coalescer {
  let lastFlushAt = Number.NEGATIVE_INFINITY;
  let pending: TimerHandle | null = null;
  return {
    changed: () => {
      if (pending !== null) return;
      const wait = Math.min(windowMs, Math.max(0, lastFlushAt + windowMs - clock.now()));
      pending = clock.setTimeout(() => {
        pending = null;
        lastFlushAt = clock.now();
        flush();
      }, wait);
    },
    cancel: () => {
      if (pending !== null) clock.clearTimeout(pending);
      pending = null;
    },
  };
}
