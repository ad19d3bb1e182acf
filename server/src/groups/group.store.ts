import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** A group as stored: who it is, and its latest persisted machine snapshot. */
export interface StoredGroup {
  code: string;
  name: string;
  /** sha256 of the facilitator key, hex. */
  keyHash: string;
  createdAt: number;
  /** The latest command, creation or departure of a screen; expiry counts from here. */
  lastActivityAt: number;
  revision: number;
  /** `actor.getPersistedSnapshot()` as JSON. */
  snapshot: string;
}

/** What the command path writes: the next snapshot, if the stored one is still `revision`. */
export interface SnapshotWrite {
  revision: number;
  snapshot: string;
  /** Set on commands; left as it was for auto-advances. */
  lastActivityAt?: number;
}

/**
 * The truth about every live group. Asynchronous so that a shared store (Redis) can stand in
 * for SQLite; the in-memory actors are only a cache of it.
 */
export interface GroupStore {
  /** Inserts a new group; false if the code is taken. */
  create(group: StoredGroup): Promise<boolean>;
  get(code: string): Promise<StoredGroup | null>;
  all(): Promise<StoredGroup[]>;
  /** Writes `next` only if the stored revision is still `expectedRevision`. */
  compareAndSet(code: string, expectedRevision: number, next: SnapshotWrite): Promise<boolean>;
  touch(code: string, at: number): Promise<void>;
  /** Codes of the groups whose last activity is before `before`. */
  idleSince(before: number): Promise<string[]>;
  delete(code: string): Promise<void>;
  close(): void;
}

interface GroupRow {
  code: string;
  name: string;
  key_hash: string;
  created_at: number;
  last_activity_at: number;
  revision: number;
  snapshot: string;
}

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
`;

const SELECT = `SELECT g.code, g.name, g.key_hash, g.created_at, g.last_activity_at,
  s.revision, s.snapshot FROM groups g JOIN snapshots s ON s.code = g.code`;

function fromRow(row: GroupRow): StoredGroup {
  return {
    code: row.code,
    name: row.name,
    keyHash: row.key_hash,
    createdAt: row.created_at,
    lastActivityAt: row.last_activity_at,
    revision: row.revision,
    snapshot: row.snapshot,
  };
}

/**
 * SQLite in `dataDir/balint.db`, WAL mode with synchronous=NORMAL: a write survives the
 * process being killed at any instant. Several processes may share the file. A deleted group
 * leaves nothing behind in the files (secure_delete, and the WAL emptied).
 */
export function openSqliteStore(dataDir: string): GroupStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'balint.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Deleted rows (a group's presenter, its old snapshots) are overwritten, not left in free pages.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const insertGroup = db.prepare(
    'INSERT OR IGNORE INTO groups (code, name, key_hash, created_at, last_activity_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertSnapshot = db.prepare(
    'INSERT INTO snapshots (code, revision, snapshot) VALUES (?, ?, ?)',
  );
  const selectOne = db.prepare<[string], GroupRow>(`${SELECT} WHERE g.code = ?`);
  const selectAll = db.prepare<[], GroupRow>(SELECT);
  const casSnapshot = db.prepare(
    'UPDATE snapshots SET revision = ?, snapshot = ? WHERE code = ? AND revision = ?',
  );
  const setActivity = db.prepare('UPDATE groups SET last_activity_at = ? WHERE code = ?');
  const selectIdle = db.prepare<[number], { code: string }>(
    'SELECT code FROM groups WHERE last_activity_at < ?',
  );
  const deleteGroup = db.prepare('DELETE FROM groups WHERE code = ?');

  const create = db.transaction((group: StoredGroup): boolean => {
    const inserted = insertGroup.run(
      group.code,
      group.name,
      group.keyHash,
      group.createdAt,
      group.lastActivityAt,
    );
    if (inserted.changes === 0) return false;
    insertSnapshot.run(group.code, group.revision, group.snapshot);
    return true;
  });

  const compareAndSet = db.transaction(
    (code: string, expectedRevision: number, next: SnapshotWrite): boolean => {
      const written = casSnapshot.run(next.revision, next.snapshot, code, expectedRevision);
      if (written.changes === 0) return false;
      if (next.lastActivityAt !== undefined) setActivity.run(next.lastActivityAt, code);
      return true;
    },
  );

  return {
    create: async (group) => create(group),
    get: async (code) => {
      const row = selectOne.get(code);
      return row ? fromRow(row) : null;
    },
    all: async () => selectAll.all().map(fromRow),
    compareAndSet: async (code, expectedRevision, next) =>
      compareAndSet(code, expectedRevision, next),
    touch: async (code, at) => {
      setActivity.run(at, code);
    },
    idleSince: async (before) => selectIdle.all(before).map((row) => row.code),
    delete: async (code) => {
      deleteGroup.run(code);
      // The WAL still holds earlier page images with the group in them: fold it into the
      // (securely deleted) database and empty it. Best effort if another process is reading.
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}
