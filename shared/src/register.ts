import type { PhaseRecord, SittingRecord } from './sittingRecord.ts';

/** A name in a standing group's register: trimmed, 1–40 characters, on one line. */
export const ATTENDEE_NAME_MAX = 40;
/** More people than any Balint group has in one sitting. */
export const ATTENDANCE_MAX = 100;

/** One person at one sitting, as the facilitator confirmed it. Names only, never a case. */
export interface AttendanceEntry {
  name: string;
  presented: boolean;
}

/** A sitting as `GET /api/groups/:code/sittings` gives it. */
export interface SittingSummary {
  /** The sitting's own id: its `startedAt`, as a string. */
  id: string;
  startedAt: number;
  endedAt: number | null;
  cases: number;
  phases: PhaseRecord[];
  /** Who attended, as confirmed; `[]` until confirmed, and always for an ordinary group. */
  attendance: AttendanceEntry[];
  /** True once the facilitator confirmed the attendance (`PUT …/attendance`). */
  confirmed: boolean;
  /** The names members joined with during the sitting, and who presented: the proposal. */
  proposed: AttendanceEntry[];
}

export interface SittingsResponse {
  standing: boolean;
  /** Oldest first. */
  sittings: SittingSummary[];
  /** Names the group used before (confirmed attendance), so nobody types a name twice. */
  roster: string[];
}

export interface AttendanceRequest {
  attendance: AttendanceEntry[];
}

export interface StandingRequest {
  standing: true;
}

/** A sitting's id: its start, in epoch ms, as a string. */
export function sittingIdOf(record: Pick<SittingRecord, 'startedAt'>): string {
  return String(record.startedAt);
}

/**
 * The sitting a command closed, going from `before` to `after` (`end`, or `reset` after a
 * start): the same sitting, open before and closed after; null for any other command.
 */
export function sittingClosedBy(
  before: SittingRecord | null,
  after: SittingRecord | null,
): SittingRecord | null {
  if (!before || !after || before.endedAt !== null || after.endedAt === null) return null;
  return before.startedAt === after.startedAt ? after : null;
}

/** The sitting running in this record, or null if there is none (never started, or closed). */
export function openSitting(record: SittingRecord | null): SittingRecord | null {
  return record && record.endedAt === null ? record : null;
}

export const SITTING_ID_PATTERN = /^\d{1,16}$/;

// Control characters (tabs, line breaks, …) have no place in a name in a register.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is exactly what it finds.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The name as the register keeps it (trimmed, NFC), or null if it cannot be one. */
export function attendeeName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const name = raw.trim().normalize('NFC');
  if (name.length < 1 || name.length > ATTENDEE_NAME_MAX || CONTROL.test(name)) return null;
  return name;
}

/** The form names are compared in: two spellings that differ only in case are one person. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('und');
}

/** One person's totals across the register. */
export interface PersonTotals {
  name: string;
  /** Sittings attended (confirmed). */
  sessions: number;
  /** Sittings at which this person presented a case. */
  presented: number;
  firstAt: number;
  lastAt: number;
  /** The sittings attended, oldest first. */
  sittings: Array<{ id: string; startedAt: number; endedAt: number | null; presented: boolean }>;
}

/** Everybody in the confirmed attendance, with their totals, by name. */
export function peopleOf(sittings: readonly SittingSummary[]): PersonTotals[] {
  const people = new Map<string, PersonTotals>();
  const ordered = [...sittings].sort((a, b) => a.startedAt - b.startedAt);
  for (const sitting of ordered) {
    for (const entry of sitting.attendance) {
      const key = nameKey(entry.name);
      let person = people.get(key);
      if (!person) {
        person = {
          name: entry.name,
          sessions: 0,
          presented: 0,
          firstAt: sitting.startedAt,
          lastAt: sitting.startedAt,
          sittings: [],
        };
        people.set(key, person);
      }
      person.sessions += 1;
      if (entry.presented) person.presented += 1;
      person.lastAt = sitting.startedAt;
      person.sittings.push({
        id: sitting.id,
        startedAt: sitting.startedAt,
        endedAt: sitting.endedAt,
        presented: entry.presented,
      });
    }
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The roster: every name in the confirmed attendance, once, sorted. */
export function rosterOf(sittings: readonly Pick<SittingSummary, 'attendance'>[]): string[] {
  const names = new Map<string, string>();
  for (const sitting of sittings) {
    for (const { name } of sitting.attendance) {
      if (!names.has(nameKey(name))) names.set(nameKey(name), name);
    }
  }
  return [...names.values()].sort((a, b) => a.localeCompare(b));
}
