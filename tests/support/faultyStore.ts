import type { GroupStore, PresenceStore, SessionWrite } from '../../server/src/groups/store.ts';

/** A store whose writes the test can make fail, and whose compare-and-set it can hold up. */
export interface FaultyStore {
  store: GroupStore;
  /** From now on every write throws `fault()` (a full disk, a read-only file) until `heal()`. */
  failWrites(fault: () => Error): void;
  heal(): void;
  /**
   * Runs `hook` instead of each compare-and-set; it may wait, call `write` (the real one) or
   * throw. `null` restores the real one.
   */
  onCompareAndSet(hook: CompareAndSetHook | null): void;
}

export type CompareAndSetHook = (
  write: () => Promise<boolean>,
  code: string,
  expectedRevision: number,
  next: SessionWrite,
) => Promise<boolean>;

export function faultyStore(real: GroupStore): FaultyStore {
  let fault: (() => Error) | null = null;
  let casHook: CompareAndSetHook | null = null;
  const writing = async <T>(write: () => Promise<T>): Promise<T> => {
    if (fault) throw fault();
    return write();
  };
  const presence: PresenceStore = {
    add: (code, entry) => writing(() => real.presence.add(code, entry)),
    remove: (code, processId, socketId) =>
      writing(() => real.presence.remove(code, processId, socketId)),
    list: (code, now) => real.presence.list(code, now),
    heartbeat: (processId, at) => writing(() => real.presence.heartbeat(processId, at)),
    reapProcesses: (before) => writing(() => real.presence.reapProcesses(before)),
    dropProcess: (processId) => writing(() => real.presence.dropProcess(processId)),
    occupiedCodes: (now) => real.presence.occupiedCodes(now),
  };
  const store: GroupStore = {
    create: (group) => writing(() => real.create(group)),
    get: (code) => real.get(code),
    revisions: (codes) => real.revisions(codes),
    compareAndSet: (code, expectedRevision, next) => {
      const write = () => writing(() => real.compareAndSet(code, expectedRevision, next));
      return casHook ? casHook(write, code, expectedRevision, next) : write();
    },
    touch: (code, at) => writing(() => real.touch(code, at)),
    idleSince: (before) => real.idleSince(before),
    delete: (code) => writing(() => real.delete(code)),
    makeStanding: (code, at) => writing(() => real.makeStanding(code, at)),
    presence,
    register: {
      note: (code, sittingId, entries) =>
        writing(() => real.register.note(code, sittingId, entries)),
      list: (code) => real.register.list(code),
      confirm: (code, sittingId, attendance) =>
        writing(() => real.register.confirm(code, sittingId, attendance)),
      forget: (code, name) => writing(() => real.register.forget(code, name)),
    },
    close: () => real.close(),
  };
  return {
    store,
    failWrites: (next) => {
      fault = next;
    },
    heal: () => {
      fault = null;
    },
    onCompareAndSet: (hook) => {
      casHook = hook;
    },
  };
}
