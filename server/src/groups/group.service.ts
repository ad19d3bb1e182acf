import { randomUUID } from 'node:crypto';
import {
  type CommandAck,
  type Language,
  newSession,
  type PlanInput,
  readSession,
  resolvePlan,
  type Session,
  type SessionView,
} from '@balint/shared';
import type { ParsedCommand } from '@balint/shared/schemas';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { hashKey, keyMatchesHash, newFacilitatorKey, newJoinCode } from './credentials.ts';
import { applyCommand, type CommandDeps, storeCatchUp } from './group.commands.ts';
import { followStore, inTurns } from './group.follow.ts';
import { createLocalGroups } from './group.local.ts';
import { type Audience, type GroupViews, sessionAt, viewsOf } from './group.views.ts';
import { createNotes, notesOfCommand, notesOfPresence } from './sittings.notes.ts';
import { type Attendee, type GroupStore, PROCESS_TIMEOUT_MS, type StoredGroup } from './store.ts';

/** How the groups reach the screens on every process; app.ts implements it with Socket.IO. */
export interface Broadcaster {
  session(code: string, views: GroupViews): void;
  /** Tells every screen of the group it has expired, then disconnects them. */
  expired(code: string): void;
}

export interface GroupsDeps {
  store: GroupStore;
  clock: Clock;
  logger: Logger;
  broadcaster: Broadcaster;
  groupTtlMs: number;
  /** STANDING_TTL_DAYS in ms: a standing group with no sitting for this long expires. */
  standingTtlMs?: number;
  presenceWindowMs?: number;
}

/** STANDING_TTL_DAYS' default: a year of weekly sittings, and the summer break. */
export const STANDING_TTL_MS = 400 * 86_400_000;

/** A group to create, as the validated `POST /api/groups` body gives it. */
export interface NewGroup {
  name: string;
  plan?: PlanInput;
  language?: Language;
  standing?: boolean;
}

export interface CreatedGroup {
  code: string;
  facilitatorKey: string;
}

/**
 * Every group, as this process serves them. The store holds the truth; this process keeps
 * only what its own screens need (see `LocalGroups`), so any number of processes can serve
 * any group.
 */
export interface Groups {
  create(request: NewGroup): Promise<CreatedGroup>;
  find(code: string): Promise<StoredGroup | null>;
  keyMatches(group: StoredGroup, key: string | undefined): boolean;
  /** The audience's view as stored now, or null if the group is gone. */
  view(code: string, audience: Audience): Promise<SessionView | null>;
  command(code: string, command: ParsedCommand): Promise<CommandAck>;
  join(code: string, socketId: string, attendee: Attendee): Promise<void>;
  leave(code: string, socketId: string): Promise<void>;
  /** Deletes the group now, on every process, and tells its screens. */
  remove(code: string): Promise<boolean>;
  /** Makes the group standing (its screens hear of it); false if it is gone. */
  makeStanding(code: string): Promise<boolean>;
  /** Expires every idle group without screens; returns their codes. */
  sweep(): Promise<string[]>;
  /** This process is alive; screens of dead ones leave the counts; timers catch up. */
  heartbeat(): Promise<void>;
  /** Codes of the groups this process holds for its own screens (diagnostics, leak tests). */
  held(): string[];
  close(): Promise<void>;
}

const CREATE_ATTEMPTS = 20;

/**
 * Until when a standing group is kept however idle: STANDING_TTL after it was made standing or
 * after its last sitting, whichever is later.
 */
function standingUntil(group: StoredGroup, standingTtlMs: number): number {
  const sitting = readSession(group.session).context.sitting;
  const lastSitting = sitting ? (sitting.endedAt ?? sitting.startedAt) : 0;
  return Math.max(group.standingSince ?? 0, lastSitting) + standingTtlMs;
}

export function createGroups(deps: GroupsDeps): Groups {
  const { store, clock, logger, broadcaster } = deps;
  const processId = randomUUID();

  /** Sends the views of `session` (the stored revision given, caught up to now) to every screen. */
  const broadcast = (code: string, views: GroupViews, session: Session, storedRevision: number) => {
    broadcaster.session(code, views);
    local.schedule(code, session, storedRevision);
  };
  const publish = (code: string, views: GroupViews, session: Session) =>
    broadcast(code, views, session, session.context.revision);
  const gone = (code: string) => {
    // On a later turn, so the caller's answer goes out before its socket is closed.
    clock.setTimeout(() => {
      local.release(code);
      broadcaster.expired(code);
    }, 0);
  };
  const logFailure = (what: string, code: string) => (error: unknown) =>
    logger.error({ err: error, code }, what);

  // Standing groups' registers note who is here while a sitting runs; best effort, never in
  // the way of a command (the facilitator confirms the names at the end anyway).
  const notes = createNotes(store.register);
  const noteAttendance: CommandDeps['noteAttendance'] = async (group, before, after, entries) => {
    if (group.standingSince === null) return;
    await notes
      .note(group.code, notesOfCommand(before, after, entries))
      .catch(logFailure('attendance not noted', group.code));
  };
  const commandDeps: CommandDeps = { store, clock, publish, gone, noteAttendance };
  const standingTtlMs = deps.standingTtlMs ?? STANDING_TTL_MS;
  /** Standing groups the sweep need not look at again before the time given. */
  const keptUntil = new Map<string, number>();

  // One command at a time per group in this process: they would only race each other's
  // compare-and-set. Other processes' writers are what the compare-and-set is for.
  const turns = new Map<string, Promise<unknown>>();
  const inTurn = <T>(code: string, task: () => Promise<T>): Promise<T> => {
    const result = (turns.get(code) ?? Promise.resolve()).then(task, task);
    const tail = result.catch(() => undefined);
    turns.set(code, tail);
    void tail.then(() => {
      if (turns.get(code) === tail) turns.delete(code);
    });
    return result;
  };

  /** Broadcasts the group's views as stored now (fresh counts); false if it is gone. */
  const refresh = async (code: string): Promise<boolean> => {
    const group = await store.get(code);
    if (!group) {
      gone(code);
      return false;
    }
    const now = clock.now();
    const entries = await store.presence.list(code, now);
    const session = sessionAt(group, now);
    broadcast(code, viewsOf(group, session, entries, now), session, group.revision);
    if (group.standingSince !== null) {
      await notes
        .note(code, notesOfPresence(session, entries))
        .catch(logFailure('attendance not noted', code));
    }
    return true;
  };

  /** Stores the auto-advances due by now (once, whichever process gets there first). */
  const catchUpStored = async (code: string): Promise<void> => {
    const group = await store.get(code);
    if (!group) {
      gone(code);
      return;
    }
    const now = clock.now();
    const session = sessionAt(group, now);
    const entries = await store.presence.list(code, now);
    const stored = await storeCatchUp(commandDeps, group, session, entries, now);
    if (stored === group.revision) local.schedule(code, session, stored);
    if (stored === null) {
      // Another process stored it (or a command came first): follow what is stored.
      const latest = await store.get(code);
      if (latest) local.schedule(code, sessionAt(latest, clock.now()), latest.revision);
    }
  };

  const local = createLocalGroups({
    clock,
    presenceWindowMs: deps.presenceWindowMs ?? 1000,
    presenceChanged: (code) => {
      refresh(code).catch(logFailure('presence not broadcast', code));
    },
    wake: (code) => {
      inTurn(code, () => catchUpStored(code)).catch(logFailure('auto-advance not stored', code));
    },
  });

  // Screens that left while their presence could not be removed (a full disk, a store outage):
  // socket id → group. Each heartbeat tries again, so they never linger in the counts.
  const leftBehind = new Map<string, string>();
  const letGo = async (code: string, socketId: string, last: boolean): Promise<void> => {
    try {
      await store.presence.remove(code, processId, socketId);
    } catch (error) {
      leftBehind.set(socketId, code);
      throw error;
    }
    leftBehind.delete(socketId);
    if (!last) {
      local.presenceChanged(code);
      return;
    }
    // This process lets the group go; screens on other processes still hear the counts.
    await store.touch(code, clock.now());
    await refresh(code);
  };

  const remove = async (code: string): Promise<boolean> => {
    const removed = await store.delete(code);
    local.release(code);
    notes.clear(code);
    keptUntil.delete(code);
    broadcaster.expired(code);
    if (removed) logger.info({ code }, 'group deleted');
    return removed;
  };

  return {
    create: async ({ name, plan, language, standing }) => {
      const at = clock.now();
      const facilitatorKey = newFacilitatorKey();
      const keyHash = hashKey(facilitatorKey);
      const session = JSON.stringify(newSession(resolvePlan(plan), at, language));
      for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt += 1) {
        const code = newJoinCode();
        const created = await store.create({
          code,
          name,
          keyHash,
          createdAt: at,
          lastActivityAt: at,
          revision: 0,
          session,
          standingSince: standing ? at : null,
        });
        if (!created) continue;
        logger.info({ code }, 'group created');
        return { code, facilitatorKey };
      }
      throw new Error('No free join code found');
    },

    find: (code) => store.get(code),

    keyMatches: (group, key) => keyMatchesHash(key, group.keyHash),

    view: async (code, audience) => {
      const group = await store.get(code);
      if (!group) return null;
      const now = clock.now();
      const entries = await store.presence.list(code, now);
      return viewsOf(group, sessionAt(group, now), entries, now)[audience];
    },

    command: (code, command) => inTurn(code, () => applyCommand(commandDeps, code, command)),

    join: async (code, socketId, attendee) => {
      const first = !local.holds(code);
      local.add(code, socketId);
      await store.presence.add(code, { ...attendee, processId, socketId });
      local.presenceChanged(code);
      // Auto-advances missed while no process held the group are stored now.
      if (first) await inTurn(code, () => catchUpStored(code));
    },

    leave: async (code, socketId) => letGo(code, socketId, local.remove(code, socketId)),

    remove,

    makeStanding: async (code) => {
      if (!(await store.makeStanding(code, clock.now()))) return false;
      await refresh(code);
      logger.info({ code }, 'group made standing');
      return true;
    },

    sweep: async () => {
      const now = clock.now();
      // This process is alive as it sweeps: its own screens count, however time has moved.
      await store.presence.heartbeat(processId, now);
      const idleBefore = now - deps.groupTtlMs;
      const occupied = new Set(await store.presence.occupiedCodes(now));
      const expired: string[] = [];
      // Groups with screens are kept at most half a TTL stale, so that a crash and restart
      // (which sweeps before the screens are back) never finds them idle.
      for (const code of await store.idleSince(now - deps.groupTtlMs / 2)) {
        if (occupied.has(code)) {
          await store.touch(code, now);
          continue;
        }
        if ((keptUntil.get(code) ?? 0) > now) continue;
        const group = await store.get(code);
        if (!group || group.lastActivityAt >= idleBefore) continue;
        if (group.standingSince !== null) {
          const until = standingUntil(group, standingTtlMs);
          if (until > now) {
            keptUntil.set(code, until);
            continue;
          }
        }
        // A screen may have joined on any process since the sweep looked.
        if ((await store.presence.list(code, now)).length > 0) continue;
        await remove(code);
        logger.info({ code }, 'group expired');
        expired.push(code);
      }
      return expired;
    },

    heartbeat: async () => {
      const now = clock.now();
      await store.presence.heartbeat(processId, now);
      // A process that died leaves many groups' counts wrong: they are put right a batch a turn.
      const reaped = await store.presence.reapProcesses(now - PROCESS_TIMEOUT_MS);
      await inTurns(reaped, async (batch) => {
        for (const code of batch) await refresh(code);
      });
      for (const [socketId, code] of leftBehind) await letGo(code, socketId, !local.holds(code));
      await followStore({
        store,
        local,
        catchUp: (code) =>
          inTurn(code, () => catchUpStored(code)).catch(logFailure('store not followed', code)),
      });
    },

    held: () => local.codes(),

    close: async () => {
      local.close();
      // Best effort: if the store is down, the other processes reap this one's screens later.
      const codes = await store.presence.dropProcess(processId).catch(() => []);
      for (const code of codes) await refresh(code).catch(() => false);
    },
  };
}
