import { type AttendanceEntry, nameKey, type SittingRecord } from '@balint/shared';
import type Database from 'better-sqlite3';
import type { RegisterStore, StoredSitting } from './store.ts';

/**
 * The register's tables. `attendance.kind` is `seen` (the proposal: names noted while the
 * sitting ran) or `confirmed` (what the facilitator confirmed). Rows go with their group
 * (ON DELETE CASCADE), so deleting a group deletes its register in the same statement.
 */
export const REGISTER_SCHEMA = `
  CREATE TABLE IF NOT EXISTS sittings (
    code TEXT NOT NULL REFERENCES groups(code) ON DELETE CASCADE,
    id INTEGER NOT NULL,
    record TEXT NOT NULL,
    confirmed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (code, id)
  );
  CREATE TABLE IF NOT EXISTS attendance (
    code TEXT NOT NULL REFERENCES groups(code) ON DELETE CASCADE,
    sitting_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name_key TEXT NOT NULL,
    name TEXT NOT NULL,
    presented INTEGER NOT NULL,
    PRIMARY KEY (code, sitting_id, kind, name_key)
  );
`;

interface SittingRow {
  id: number;
  record: string;
  confirmed: number;
}

interface AttendanceRow {
  sitting_id: number;
  kind: 'seen' | 'confirmed';
  name: string;
  presented: number;
}

const byName = (a: AttendanceEntry, b: AttendanceEntry) => a.name.localeCompare(b.name);

/** What `compareAndSet` calls, inside its transaction, to save the sitting a command closed. */
export type SaveSitting = (code: string, record: SittingRecord) => void;

export function sqliteRegister(db: Database.Database): {
  register: RegisterStore;
  saveSitting: SaveSitting;
} {
  const upsertSitting = db.prepare(
    `INSERT INTO sittings (code, id, record) VALUES (?, ?, ?)
     ON CONFLICT (code, id) DO UPDATE SET record = excluded.record`,
  );
  // Names noted for a sitting that was never saved (its start undone) are dropped at the next.
  const dropStrayNotes = db.prepare(
    `DELETE FROM attendance WHERE code = ? AND kind = 'seen' AND sitting_id < ?
     AND sitting_id NOT IN (SELECT id FROM sittings WHERE code = ?)`,
  );
  const groupExists = db.prepare<[string], { one: number }>(
    'SELECT 1 AS one FROM groups WHERE code = ?',
  );
  const noteName = db.prepare(
    `INSERT INTO attendance (code, sitting_id, kind, name_key, name, presented)
     VALUES (?, ?, 'seen', ?, ?, ?)
     ON CONFLICT (code, sitting_id, kind, name_key)
     DO UPDATE SET presented = max(presented, excluded.presented)`,
  );
  const selectSittings = db.prepare<[string], SittingRow>(
    'SELECT id, record, confirmed FROM sittings WHERE code = ? ORDER BY id',
  );
  const selectAttendance = db.prepare<[string], AttendanceRow>(
    'SELECT sitting_id, kind, name, presented FROM attendance WHERE code = ?',
  );
  const markConfirmed = db.prepare('UPDATE sittings SET confirmed = 1 WHERE code = ? AND id = ?');
  const clearAttendance = db.prepare('DELETE FROM attendance WHERE code = ? AND sitting_id = ?');
  const insertConfirmed = db.prepare(
    `INSERT OR REPLACE INTO attendance (code, sitting_id, kind, name_key, name, presented)
     VALUES (?, ?, 'confirmed', ?, ?, ?)`,
  );
  const forgetName = db.prepare('DELETE FROM attendance WHERE code = ? AND name_key = ?');

  const saveSitting: SaveSitting = (code, record) => {
    upsertSitting.run(code, record.startedAt, JSON.stringify(record));
    dropStrayNotes.run(code, record.startedAt, code);
  };

  const note = db.transaction(
    (code: string, sittingId: number, entries: readonly AttendanceEntry[]) => {
      if (!groupExists.get(code)) return;
      for (const entry of entries) {
        noteName.run(code, sittingId, nameKey(entry.name), entry.name, entry.presented ? 1 : 0);
      }
    },
  );

  const confirm = db.transaction(
    (code: string, sittingId: number, attendance: readonly AttendanceEntry[]): boolean => {
      if (markConfirmed.run(code, sittingId).changes === 0) return false;
      clearAttendance.run(code, sittingId);
      for (const entry of attendance) {
        insertConfirmed.run(
          code,
          sittingId,
          nameKey(entry.name),
          entry.name,
          entry.presented ? 1 : 0,
        );
      }
      return true;
    },
  );

  const list = db.transaction((code: string): StoredSitting[] => {
    const sittings = new Map<number, StoredSitting>();
    for (const row of selectSittings.all(code)) {
      sittings.set(row.id, {
        id: String(row.id),
        record: JSON.parse(row.record) as SittingRecord,
        confirmed: row.confirmed === 1,
        attendance: [],
        proposed: [],
      });
    }
    for (const row of selectAttendance.all(code)) {
      const sitting = sittings.get(row.sitting_id);
      if (!sitting) continue;
      const entry = { name: row.name, presented: row.presented === 1 };
      (row.kind === 'confirmed' ? sitting.attendance : sitting.proposed).push(entry);
    }
    for (const sitting of sittings.values()) {
      sitting.attendance.sort(byName);
      sitting.proposed.sort(byName);
    }
    return [...sittings.values()];
  });

  const forget = db.transaction((code: string, name: string) => {
    forgetName.run(code, nameKey(name));
  });

  return {
    saveSitting,
    register: {
      note: async (code, sittingId, entries) => note(code, Number(sittingId), entries),
      list: async (code) => list(code),
      confirm: async (code, sittingId, attendance) => confirm(code, Number(sittingId), attendance),
      forget: async (code, name) => {
        forget(code, name);
        // The WAL still holds the pages the name was on: fold it into the (securely deleted)
        // database and empty it. Best effort if another process is reading.
        db.pragma('wal_checkpoint(TRUNCATE)');
      },
    },
  };
}
