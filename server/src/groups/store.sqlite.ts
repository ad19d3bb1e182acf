import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REGISTER_SCHEMA, sqliteRegister } from './store.sqlite.register.ts';
import {
  type GroupStore,
  PROCESS_TIMEOUT_MS,
  type PresenceEntry,
  type PresenceStore,
  type SessionWrite,
  type StoredGroup,
} from './store.ts';

interface GroupRow {
  code: string;
  name: string;
  key_hash: string;
  created_at: number;
  last_activity_at: number;
  revision: number;
  snapshot: string;
  standing_since: number | null;
}

interface PresenceRow {
  process_id: string;
  socket_id: string;
  role: PresenceEntry['role'];
  name: string | null;
  device: string | null;
  offer: number;
}

// The session lives in `snapshots.snapshot` (the name it had when it held XState's own
// persisted snapshot; `readSession` still reads those).
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS groups (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_activity_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS snapshots (
    code TEXT PRIMARY KEY REFERENCES groups(code) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    snapshot TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS groups_last_activity ON groups(last_activity_at);
  CREATE TABLE IF NOT EXISTS processes (
    process_id TEXT PRIMARY KEY,
    pid INTEGER NOT NULL,
    seen_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS presence (
    code TEXT NOT NULL,
    process_id TEXT NOT NULL,
    socket_id TEXT NOT NULL,
    role TEXT NOT NULL,
    name TEXT,
    device TEXT,
    offer INTEGER NOT NULL,
    PRIMARY KEY (process_id, socket_id)
  );
  CREATE INDEX IF NOT EXISTS presence_code ON presence(code);
`;

const SELECT = `SELECT g.code, g.name, g.key_hash, g.created_at, g.last_activity_at,
  g.standing_since, s.revision, s.snapshot FROM groups g JOIN snapshots s ON s.code = g.code`;

function fromRow(row: GroupRow): StoredGroup {
  return {
    code: row.code,
    name: row.name,
    keyHash: row.key_hash,
    createdAt: row.created_at,
    lastActivityAt: row.last_activity_at,
    revision: row.revision,
    session: row.snapshot,
    standingSince: row.standing_since,
  };
}

function entryOf(row: PresenceRow): PresenceEntry {
  const entry: PresenceEntry = {
    processId: row.process_id,
    socketId: row.socket_id,
    role: row.role,
    offer: row.offer === 1,
  };
  if (row.name !== null) entry.name = row.name;
  if (row.device !== null) entry.device = row.device;
  return entry;
}

/** True while a process with this pid runs on this machine (SQLite is shared locally only). */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * SQLite in `dataDir/balint.db`, WAL mode with synchronous=NORMAL: a write survives the
 * process being killed at any instant. Several processes on this machine may share the file.
 * A deleted group leaves nothing behind in the files (secure_delete, and the WAL emptied).
 */
export function openSqliteStore(dataDir: string): GroupStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'balint.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Deleted rows (a group's presenter, its old sessions) are overwritten, not left in free pages.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  // SQLite opens a database it cannot write read-only, without a word (a read-only DATA_DIR
  // that a crash left a WAL in): find out now, at start, not at the first command.
  db.pragma(`user_version = ${Number(db.pragma('user_version', { simple: true }))}`);
  // Databases from before standing groups get the column (NULL: ordinary), then the register.
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(groups)').all();
  if (!columns.some((column) => column.name === 'standing_since')) {
    db.exec('ALTER TABLE groups ADD COLUMN standing_since INTEGER');
  }
  db.exec(REGISTER_SCHEMA);
  const { register, saveSitting } = sqliteRegister(db);

  const insertGroup = db.prepare(
    `INSERT OR IGNORE INTO groups (code, name, key_hash, created_at, last_activity_at, standing_since)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertSession = db.prepare(
    'INSERT INTO snapshots (code, revision, snapshot) VALUES (?, ?, ?)',
  );
  const selectOne = db.prepare<[string], GroupRow>(`${SELECT} WHERE g.code = ?`);
  // The codes go in as one JSON array: one statement for any number of them, with no limit on
  // bound parameters to chunk around; each is looked up by the primary key.
  const selectRevisions = db.prepare<[string], { code: string; revision: number }>(
    'SELECT code, revision FROM snapshots WHERE code IN (SELECT value FROM json_each(?))',
  );
  const casSession = db.prepare(
    'UPDATE snapshots SET revision = ?, snapshot = ? WHERE code = ? AND revision = ?',
  );
  const setActivity = db.prepare('UPDATE groups SET last_activity_at = ? WHERE code = ?');
  const selectIdle = db.prepare<[number], { code: string }>(
    'SELECT code FROM groups WHERE last_activity_at < ?',
  );
  const deleteGroup = db.prepare('DELETE FROM groups WHERE code = ?');
  const setStanding = db.prepare(
    'UPDATE groups SET standing_since = coalesce(standing_since, ?) WHERE code = ?',
  );
  const deleteGroupPresence = db.prepare('DELETE FROM presence WHERE code = ?');

  const create = db.transaction((group: StoredGroup): boolean => {
    const inserted = insertGroup.run(
      group.code,
      group.name,
      group.keyHash,
      group.createdAt,
      group.lastActivityAt,
      group.standingSince,
    );
    if (inserted.changes === 0) return false;
    insertSession.run(group.code, group.revision, group.session);
    return true;
  });

  const compareAndSet = db.transaction(
    (code: string, expectedRevision: number, next: SessionWrite): boolean => {
      const written = casSession.run(next.revision, next.session, code, expectedRevision);
      if (written.changes === 0) return false;
      if (next.lastActivityAt !== undefined) setActivity.run(next.lastActivityAt, code);
      if (next.closedSitting) saveSitting(code, next.closedSitting);
      return true;
    },
  );

  const remove = db.transaction((code: string): boolean => {
    deleteGroupPresence.run(code);
    return deleteGroup.run(code).changes > 0;
  });

  return {
    create: async (group) => create(group),
    get: async (code) => {
      const row = selectOne.get(code);
      return row ? fromRow(row) : null;
    },
    revisions: async (codes) =>
      new Map(
        selectRevisions.all(JSON.stringify(codes)).map((row) => [row.code, row.revision] as const),
      ),
    compareAndSet: async (code, expectedRevision, next) =>
      compareAndSet(code, expectedRevision, next),
    touch: async (code, at) => {
      setActivity.run(at, code);
    },
    idleSince: async (before) => selectIdle.all(before).map((row) => row.code),
    delete: async (code) => {
      const removed = remove(code);
      // The WAL still holds earlier page images with the group in them: fold it into the
      // (securely deleted) database and empty it. Best effort if another process is reading.
      db.pragma('wal_checkpoint(TRUNCATE)');
      return removed;
    },
    makeStanding: async (code, at) => setStanding.run(at, code).changes > 0,
    presence: sqlitePresence(db),
    register,
    close: async () => {
      if (db.open) db.close();
    },
  };
}

function sqlitePresence(db: Database.Database): PresenceStore {
  const insert = db.prepare(
    `INSERT OR REPLACE INTO presence (code, process_id, socket_id, role, name, device, offer)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const removeOne = db.prepare('DELETE FROM presence WHERE process_id = ? AND socket_id = ?');
  const listLive = db.prepare<[string, number], PresenceRow>(
    `SELECT p.process_id, p.socket_id, p.role, p.name, p.device, p.offer FROM presence p
     JOIN processes r ON r.process_id = p.process_id WHERE p.code = ? AND r.seen_at >= ?`,
  );
  const beat = db.prepare(
    `INSERT INTO processes (process_id, pid, seen_at) VALUES (?, ?, ?)
     ON CONFLICT (process_id) DO UPDATE SET seen_at = excluded.seen_at`,
  );
  const allProcesses = db.prepare<[], { process_id: string; pid: number; seen_at: number }>(
    'SELECT process_id, pid, seen_at FROM processes',
  );
  const codesOf = db.prepare<[string], { code: string }>(
    'SELECT DISTINCT code FROM presence WHERE process_id = ?',
  );
  const forgetProcess = db.prepare('DELETE FROM processes WHERE process_id = ?');
  const forgetScreens = db.prepare('DELETE FROM presence WHERE process_id = ?');
  const occupied = db.prepare<[number], { code: string }>(
    `SELECT DISTINCT p.code FROM presence p JOIN processes r ON r.process_id = p.process_id
     WHERE r.seen_at >= ?`,
  );

  const drop = (processId: string): string[] => {
    const codes = codesOf.all(processId).map((row) => row.code);
    forgetScreens.run(processId);
    forgetProcess.run(processId);
    return codes;
  };
  const reap = db.transaction((before: number): string[] => {
    const codes = new Set<string>();
    for (const row of allProcesses.all()) {
      // On one machine a dead process is known at once by its pid, not only by its silence.
      if (row.seen_at >= before && pidAlive(row.pid)) continue;
      for (const code of drop(row.process_id)) codes.add(code);
    }
    return [...codes];
  });

  return {
    add: async (code, entry) => {
      insert.run(
        code,
        entry.processId,
        entry.socketId,
        entry.role,
        entry.name ?? null,
        entry.device ?? null,
        entry.offer ? 1 : 0,
      );
    },
    remove: async (_code, processId, socketId) => {
      removeOne.run(processId, socketId);
    },
    list: async (code, now) => listLive.all(code, now - PROCESS_TIMEOUT_MS).map(entryOf),
    heartbeat: async (processId, at) => {
      beat.run(processId, process.pid, at);
    },
    reapProcesses: async (before) => reap(before),
    dropProcess: async (processId) => db.transaction(drop)(processId),
    occupiedCodes: async (now) => occupied.all(now - PROCESS_TIMEOUT_MS).map((row) => row.code),
  };
}
