import {
  type AttendanceEntry,
  attendeeName,
  nameKey,
  openSitting,
  type Session,
  sittingClosedBy,
  sittingIdOf,
} from '@balint/shared';
import type { PresenceEntry, RegisterStore } from './store.ts';

/** Names to note for the proposal of one sitting. */
export interface SittingNotes {
  sittingId: string;
  entries: AttendanceEntry[];
}

/** The named members among the screens, once each, as the register would keep their names. */
export function membersPresent(entries: readonly PresenceEntry[]): AttendanceEntry[] {
  const names = new Map<string, AttendanceEntry>();
  for (const entry of entries) {
    if (entry.role !== 'member') continue;
    const name = attendeeName(entry.name);
    if (name !== null && !names.has(nameKey(name)))
      names.set(nameKey(name), { name, presented: false });
  }
  return [...names.values()];
}

/**
 * What a command seen going from `before` to `after` tells the register, for a standing group:
 * the members present while a sitting runs (at its start, during it, at its end), and the
 * presenter of a case the command closed (`nextCase`, `end`, `reset`). Null outside a sitting.
 */
export function notesOfCommand(
  before: Session,
  after: Session,
  entries: readonly PresenceEntry[],
): SittingNotes | null {
  const closed = sittingClosedBy(before.context.sitting, after.context.sitting);
  const sitting = closed ?? openSitting(after.context.sitting);
  if (!sitting) return null;
  const noted = membersPresent(entries);
  const caseClosed = closed !== null || after.context.caseNumber > before.context.caseNumber;
  const presenter = attendeeName(before.context.presenter);
  if (caseClosed && presenter !== null && openSitting(before.context.sitting)) {
    const others = noted.filter((entry) => nameKey(entry.name) !== nameKey(presenter));
    others.push({ name: presenter, presented: true });
    return { sittingId: sittingIdOf(sitting), entries: others };
  }
  return noted.length > 0 ? { sittingId: sittingIdOf(sitting), entries: noted } : null;
}

/** The members present while the session's sitting runs; null outside a sitting. */
export function notesOfPresence(
  session: Session,
  entries: readonly PresenceEntry[],
): SittingNotes | null {
  const sitting = openSitting(session.context.sitting);
  const noted = membersPresent(entries);
  return sitting && noted.length > 0 ? { sittingId: sittingIdOf(sitting), entries: noted } : null;
}

/**
 * Notes names for standing groups' proposals, each once per sitting in this process: presence
 * changes and commands come often, the names rarely change.
 */
export function createNotes(register: RegisterStore) {
  const known = new Map<string, { sittingId: string; keys: Set<string> }>();
  return {
    async note(code: string, notes: SittingNotes | null): Promise<void> {
      if (!notes) return;
      let entry = known.get(code);
      if (!entry || entry.sittingId !== notes.sittingId) {
        entry = { sittingId: notes.sittingId, keys: new Set() };
        known.set(code, entry);
      }
      const seen = entry.keys;
      const fresh = notes.entries.filter(
        (name) => !seen.has(`${name.presented ? 1 : 0}${nameKey(name.name)}`),
      );
      if (fresh.length === 0) return;
      await register.note(code, notes.sittingId, fresh);
      for (const name of fresh) seen.add(`${name.presented ? 1 : 0}${nameKey(name.name)}`);
    },
    /** The group is gone, or a name was forgotten: note everything afresh. */
    clear(code: string): void {
      known.delete(code);
    },
  };
}

export type Notes = ReturnType<typeof createNotes>;
