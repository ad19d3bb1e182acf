import { nextAutoAdvanceAt, type Session } from '@balint/shared';
import type { Clock, TimerHandle } from '../clock.ts';
import { type Coalescer, createCoalescer } from './coalescer.ts';

/** What this process keeps for a group while its own screens use it; never the session. */
interface Held {
  sockets: Set<string>;
  /** The pending auto-advance wake-up, if the session has one coming. */
  wake: TimerHandle | null;
  /**
   * The stored revision the wake-up was armed from. Null until one is, while the session it was
   * armed from is ahead of the store (an auto-advance shown, not stored yet), and once it is
   * due: until then the heartbeat catches the group up whatever the store's revision.
   */
  follows: number | null;
  presence: Coalescer;
}

export interface LocalGroupsDeps {
  clock: Clock;
  presenceWindowMs: number;
  /** The group's screens changed: broadcast fresh counts (coalesced per group). */
  presenceChanged(code: string): void;
  /** An auto-advance may be due now: catch the stored session up and publish it. */
  wake(code: string): void;
}

/**
 * The groups this process holds: those its own screens are connected to. It keeps their
 * sockets, a presence coalescer and an auto-advance timer, and lets a group go when its last
 * local screen leaves.
 */
export interface LocalGroups {
  add(code: string, socketId: string): void;
  /** True if that was the group's last screen here. */
  remove(code: string, socketId: string): boolean;
  holds(code: string): boolean;
  codes(): string[];
  /** Coalesced: at most one presence broadcast per window per group. */
  presenceChanged(code: string): void;
  /**
   * Arms (or re-arms) the group's auto-advance wake-up, if held, from `session`: the stored
   * revision `storedRevision`, caught up to now.
   */
  schedule(code: string, session: Session, storedRevision: number): void;
  /**
   * True if the group is held and its wake-up does not follow this stored revision (undefined:
   * the group is gone from the store), so it must be caught up.
   */
  outOfStep(code: string, storedRevision: number | undefined): boolean;
  release(code: string): void;
  close(): void;
}

export function createLocalGroups(deps: LocalGroupsDeps): LocalGroups {
  const { clock } = deps;
  const held = new Map<string, Held>();

  const disarm = (entry: Held) => {
    if (entry.wake !== null) clock.clearTimeout(entry.wake);
    entry.wake = null;
  };
  const release = (code: string) => {
    const entry = held.get(code);
    if (!entry) return;
    disarm(entry);
    entry.presence.cancel();
    held.delete(code);
  };

  return {
    add: (code, socketId) => {
      let entry = held.get(code);
      if (!entry) {
        entry = {
          sockets: new Set(),
          wake: null,
          follows: null,
          presence: createCoalescer(clock, deps.presenceWindowMs, () => deps.presenceChanged(code)),
        };
        held.set(code, entry);
      }
      entry.sockets.add(socketId);
    },
    remove: (code, socketId) => {
      const entry = held.get(code);
      if (!entry) return false;
      entry.sockets.delete(socketId);
      if (entry.sockets.size > 0) return false;
      release(code);
      return true;
    },
    holds: (code) => held.has(code),
    codes: () => [...held.keys()],
    presenceChanged: (code) => held.get(code)?.presence.changed(),
    schedule: (code, session, storedRevision) => {
      const entry = held.get(code);
      if (!entry) return;
      disarm(entry);
      entry.follows = session.context.revision === storedRevision ? storedRevision : null;
      const at = nextAutoAdvanceAt(session);
      if (at === null) return;
      entry.wake = clock.setTimeout(
        () => {
          entry.wake = null;
          entry.follows = null;
          deps.wake(code);
        },
        Math.max(0, at - clock.now()),
      );
    },
    outOfStep: (code, storedRevision) => {
      const entry = held.get(code);
      return entry !== undefined && entry.follows !== storedRevision;
    },
    release,
    close: () => {
      for (const code of [...held.keys()]) release(code);
    },
  };
}
