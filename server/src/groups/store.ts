import type { AttendanceEntry, Role, SittingRecord } from '@balint/shared';

/** A group as stored: who it is, and its latest session (`Session` as JSON). */
export interface StoredGroup {
  code: string;
  name: string;
  /** sha256 of the facilitator key, hex. */
  keyHash: string;
  createdAt: number;
  /** The latest command or creation; expiry counts from here. */
  lastActivityAt: number;
  revision: number;
  /** The session (`@balint/shared` `Session`) as JSON. */
  session: string;
  /** When the group was made standing (kept week after week, with a register); null if not. */
  standingSince: number | null;
}

/** What the command path writes: the next session, if the stored one is still `revision`. */
export interface SessionWrite {
  revision: number;
  session: string;
  /** Set on commands; left as it was for auto-advances. */
  lastActivityAt?: number;
  /**
   * The sitting this write closes (`end`, or `reset` after a start), saved with it atomically,
   * by its id (its `startedAt`): saved again, its timings are replaced and its attendance kept.
   */
  closedSitting?: SittingRecord;
}

/** A closed sitting as the register keeps it. */
export interface StoredSitting {
  /** `startedAt` as a string. */
  id: string;
  record: SittingRecord;
  /** True once the facilitator confirmed the attendance. */
  confirmed: boolean;
  /** The confirmed attendance (names only). */
  attendance: AttendanceEntry[];
  /** The names seen while it ran (members' names, presenters), until it is confirmed. */
  proposed: AttendanceEntry[];
}

/**
 * The register: each group's closed sittings (saved by `compareAndSet`) and, for standing
 * groups, who attended. Names are compared by `nameKey`: one person, whatever the case.
 * Everything here goes with the group when it is deleted.
 */
export interface RegisterStore {
  /**
   * Notes names seen while sitting `sittingId` runs, for the proposal; `presented` only ever
   * turns on. A group that is gone gets nothing.
   */
  note(code: string, sittingId: string, entries: readonly AttendanceEntry[]): Promise<void>;
  /** The group's closed sittings, oldest first. */
  list(code: string): Promise<StoredSitting[]>;
  /**
   * Replaces a sitting's attendance and marks it confirmed (its proposal is dropped then);
   * false if the group has no such sitting.
   */
  confirm(
    code: string,
    sittingId: string,
    attendance: readonly AttendanceEntry[],
  ): Promise<boolean>;
  /** That person (by `nameKey`) leaves every sitting's attendance and proposal. */
  forget(code: string, name: string): Promise<void>;
}

/** One connected screen, as presence keeps it. Names live here and in facilitators' views only. */
export interface Attendee {
  role: Role;
  name?: string;
  device?: string;
  offer: boolean;
}

/** A screen's entry: which process holds its socket, which socket, who it is. */
export interface PresenceEntry extends Attendee {
  processId: string;
  socketId: string;
}

/**
 * Who is connected to a group, across every process sharing the store. Each process says
 * it is alive (`heartbeat`); the screens of a process not heard from for `PROCESS_TIMEOUT_MS`
 * no longer count.
 */
export interface PresenceStore {
  add(code: string, entry: PresenceEntry): Promise<void>;
  remove(code: string, processId: string, socketId: string): Promise<void>;
  /** The group's screens on processes alive at `now`. */
  list(code: string, now: number): Promise<PresenceEntry[]>;
  /** This process is alive at `at`. */
  heartbeat(processId: string, at: number): Promise<void>;
  /**
   * Forgets every process not heard from since `before` and its screens; returns the codes
   * of the groups that lost screens, so their counts can be broadcast.
   */
  reapProcesses(before: number): Promise<string[]>;
  /** Forgets one process and its screens (it is closing); returns the groups they were in. */
  dropProcess(processId: string): Promise<string[]>;
  /** Codes of the groups with at least one screen on a process alive at `now`. */
  occupiedCodes(now: number): Promise<string[]>;
}

/** A process not heard from for this long is dead: its screens leave the counts. */
export const PROCESS_TIMEOUT_MS = 20_000;
/** How often each process says it is alive (well within the timeout). */
export const HEARTBEAT_INTERVAL_MS = 5_000;

/**
 * The truth about every group, shared by every process that serves them: SQLite embedded
 * (one laptop) or Redis (scale-out). The command path reads the latest session, decides,
 * and writes it back only with compare-and-set on the revision.
 */
export interface GroupStore {
  /** Inserts a new group; false if the code is taken. */
  create(group: StoredGroup): Promise<boolean>;
  get(code: string): Promise<StoredGroup | null>;
  /**
   * The stored revision of each of these groups that is there (none for a code that is not), in
   * one read however many codes: how a process finds, cheaply, which groups changed elsewhere.
   */
  revisions(codes: readonly string[]): Promise<Map<string, number>>;
  /** Writes `next` only if the stored revision is still `expectedRevision`: atomic. */
  compareAndSet(code: string, expectedRevision: number, next: SessionWrite): Promise<boolean>;
  touch(code: string, at: number): Promise<void>;
  /** Codes of the groups whose last activity is before `before`. */
  idleSince(before: number): Promise<string[]>;
  /** Removes the group and everything about it at once; false if there was none. */
  delete(code: string): Promise<boolean>;
  /** Makes the group standing from `at` (kept if it already is); false if there is none. */
  makeStanding(code: string, at: number): Promise<boolean>;
  readonly presence: PresenceStore;
  readonly register: RegisterStore;
  close(): Promise<void>;
}
