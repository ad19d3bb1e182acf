import {
  type ApiError,
  type CommandAck,
  type PlanInput,
  resolvePlan,
  type SessionView,
  sessionMachine,
} from '@balint/shared';
import { createActor } from 'xstate';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { hashKey, keyMatchesHash, newFacilitatorKey, newJoinCode } from './credentials.ts';
import {
  type ApplyDeps,
  applyCommand,
  persistIfAdvanced,
  type WireCommandInput,
} from './group.apply.ts';
import {
  type Audience,
  createLiveGroup,
  installActor,
  type LiveGroup,
  persistedJson,
  restoreActor,
  sendQuietly,
  serialize,
  viewOf,
} from './group.live.ts';
import type { GroupStore, StoredGroup } from './group.store.ts';
import { type Attendee, createCoalescer } from './presence.ts';

/** How the host reaches the screens; app.ts implements it with Socket.IO rooms. */
export interface Broadcaster {
  session(code: string, views: Record<Audience, SessionView>): void;
  /** Tells every screen of the group it has expired, then disconnects them. */
  expired(code: string): void;
}

export interface HostDeps {
  store: GroupStore;
  clock: Clock;
  logger: Logger;
  broadcaster: Broadcaster;
  groupTtlMs: number;
  presenceWindowMs?: number;
}

export interface CreatedGroup {
  code: string;
  facilitatorKey: string;
}

/** Owns one actor per live group: creation, restore, commands, presence and expiry. */
export interface GroupHost {
  restoreAll(): Promise<void>;
  create(name: string, plan: PlanInput | undefined): Promise<CreatedGroup>;
  /** The live group, loading it from the store if another process created it. */
  find(code: string): Promise<LiveGroup | null>;
  /** The group if this process holds it (and it has not expired). */
  live(code: string): LiveGroup | undefined;
  keyMatches(group: LiveGroup, key: string | undefined): boolean;
  view(group: LiveGroup, audience: Audience): SessionView;
  command(group: LiveGroup, command: WireCommandInput): Promise<CommandAck>;
  join(group: LiveGroup, socketId: string, attendee: Attendee): void;
  leave(group: LiveGroup, socketId: string): void;
  /** Expires every idle group without screens; returns their codes. */
  sweep(): Promise<string[]>;
  /** Deletes a group now, telling its screens. */
  expire(code: string): Promise<void>;
  /** Waits for queued commands, then lets every group go (the store stays open). */
  close(): Promise<void>;
}

const CREATE_ATTEMPTS = 20;

export function createGroupHost(deps: HostDeps): GroupHost {
  const { store, clock, logger, broadcaster } = deps;
  const windowMs = deps.presenceWindowMs ?? 1000;
  const groups = new Map<string, LiveGroup>();
  const loading = new Map<string, Promise<LiveGroup | null>>();

  const broadcast = (group: LiveGroup): void => {
    if (group.released) return;
    const now = clock.now();
    broadcaster.session(group.code, {
      facilitator: viewOf(group, 'facilitator', now),
      public: viewOf(group, 'public', now),
    });
  };
  const applyDeps: ApplyDeps = {
    store,
    clock,
    broadcast,
    // On a later turn, so the caller's ack goes out before its socket is closed.
    gone: (group) => {
      clock.setTimeout(() => {
        expire(group.code).catch((error: unknown) =>
          logger.error({ err: error, code: group.code }, 'expiry failed'),
        );
      }, 0);
    },
  };

  /** Holds the group in this process, its actor started and watched. */
  const register = (group: LiveGroup): LiveGroup => {
    group.presenceBroadcast = createCoalescer(clock, windowMs, () => broadcast(group));
    group.onOwnRevision = () => {
      serialize(group, () => persistIfAdvanced(group, applyDeps)).catch((error: unknown) =>
        logger.error({ err: error, code: group.code }, 'auto-advance not persisted'),
      );
    };
    group.onActorError = (error) => {
      logger.error({ err: error, code: group.code }, 'session actor failed; will reload');
    };
    installActor(group, group.actor);
    groups.set(group.code, group);
    return group;
  };

  /** Restores a stored group, re-arming its timer and replaying missed auto-advances. */
  const adopt = async (row: StoredGroup): Promise<LiveGroup> => {
    const group = register(createLiveGroup(row, restoreActor(row.snapshot, clock)));
    sendQuietly(group, { type: 'resync', at: clock.now() });
    await serialize(group, () => persistIfAdvanced(group, applyDeps));
    return group;
  };

  const load = async (code: string): Promise<LiveGroup | null> => {
    const row = await store.get(code);
    if (!row) return null;
    const again = groups.get(code);
    return again ?? adopt(row);
  };

  const drop = (group: LiveGroup): void => {
    group.released = true;
    group.presenceBroadcast?.cancel();
    group.actor.stop();
    groups.delete(group.code);
  };

  /** Deletes the group and tells its screens; with `idleBefore`, only if it is still idle. */
  const expire = async (code: string, idleBefore?: number): Promise<boolean> => {
    const group = groups.get(code);
    const remove = async () => {
      if (idleBefore !== undefined) {
        // A screen may have joined, or another process taken a command, since the sweep looked.
        if ((group?.presence.size ?? 0) > 0) return false;
        const row = await store.get(code);
        if (row && row.lastActivityAt >= idleBefore) return false;
      }
      if (group) drop(group);
      broadcaster.expired(code);
      await store.delete(code);
      logger.info({ code }, 'group expired');
      return true;
    };
    return group ? serialize(group, remove) : remove();
  };

  return {
    restoreAll: async () => {
      for (const row of await store.all()) {
        if (groups.has(row.code)) continue;
        try {
          await adopt(row);
        } catch (error) {
          logger.error({ err: error, code: row.code }, 'group not restored');
        }
      }
      logger.info({ groups: groups.size }, 'groups restored');
    },

    create: async (name, planInput) => {
      const at = clock.now();
      const facilitatorKey = newFacilitatorKey();
      const keyHash = hashKey(facilitatorKey);
      const input = { plan: resolvePlan(planInput), at };
      const actor = createActor(sessionMachine, { input, clock });
      for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt += 1) {
        const code = newJoinCode();
        const group = createLiveGroup({ code, name, keyHash, revision: 0 }, actor);
        const stored = await store.create({
          code,
          name,
          keyHash,
          createdAt: at,
          lastActivityAt: at,
          revision: 0,
          snapshot: persistedJson(group),
        });
        if (!stored) continue;
        register(group);
        logger.info({ code }, 'group created');
        return { code, facilitatorKey };
      }
      throw new Error('No free join code found');
    },

    find: async (code) => {
      const live = groups.get(code);
      if (live) return live;
      const pending = loading.get(code);
      if (pending) return pending;
      const loaded = load(code).finally(() => loading.delete(code));
      loading.set(code, loaded);
      return loaded;
    },

    live: (code) => groups.get(code),

    keyMatches: (group, key) => keyMatchesHash(key, group.keyHash),

    view: (group, audience) => viewOf(group, audience, clock.now()),

    command: async (group, command) => {
      if (group.released) return { ok: false, error: goneError() };
      return serialize(group, () => applyCommand(group, command, applyDeps));
    },

    join: (group, socketId, attendee) => {
      group.presence.add(socketId, attendee);
      group.presenceBroadcast?.changed();
    },

    leave: (group, socketId) => {
      group.presence.remove(socketId);
      if (group.released) return;
      group.presenceBroadcast?.changed();
      if (group.presence.size === 0) {
        store
          .touch(group.code, clock.now())
          .catch((error: unknown) => logger.error({ err: error }, 'activity not recorded'));
      }
    },

    sweep: async () => {
      const now = clock.now();
      const idleBefore = now - deps.groupTtlMs;
      const expired: string[] = [];
      // Groups with screens are kept at most half a TTL stale, so that a crash and restart
      // (which sweeps before the screens are back) never finds them idle.
      for (const code of await store.idleSince(now - deps.groupTtlMs / 2)) {
        if ((groups.get(code)?.presence.size ?? 0) > 0) {
          await store.touch(code, now);
        } else if (await expire(code, idleBefore)) {
          expired.push(code);
        }
      }
      return expired;
    },

    expire: async (code) => {
      await expire(code);
    },

    close: async () => {
      // Let commands already being written finish, so what was acked is what was stored.
      await Promise.all([...groups.values()].map((group) => group.queue));
      for (const group of groups.values()) drop(group);
    },
  };
}

function goneError(): ApiError {
  return { code: 'not_found', message: 'This group has expired.' };
}
