import type { RedisClient } from '../redis.ts';
import {
  DROP_PROCESS,
  keys,
  OCCUPIED,
  PRESENCE_ADD,
  PRESENCE_LIST,
  PRESENCE_REMOVE,
  presenceField,
  REAP_PROCESSES,
  runScript,
} from './store.redis.scripts.ts';
import { PROCESS_TIMEOUT_MS, type PresenceEntry, type PresenceStore } from './store.ts';

/** Runs a store operation, rejecting it if Redis has not answered in time. */
export type Timed = <T>(operation: () => Promise<T>) => Promise<T>;

interface OwnScreen {
  code: string;
  json: string;
}

/**
 * Presence on Redis. Each store remembers the screens its own processes added, to repair what
 * an outage left behind at the next heartbeat: a process alive all along but silent for longer
 * than the timeout may have been reaped by another, so it puts its screens back; a screen that
 * left while Redis was unreachable is removed then, so it does not count (nor keep its group
 * from expiring) for as long as the process lives.
 */
export function redisPresence(client: RedisClient, prefix: string, timed: Timed): PresenceStore {
  const key = keys(prefix);
  /** processId → field → the screen, as this store instance added them. */
  const own = new Map<string, Map<string, OwnScreen>>();
  /** Screens that left while their removal could not be stored: field → group. */
  const leftBehind = new Map<string, { code: string; processId: string }>();

  const write = (code: string, processId: string, field: string, json: string) =>
    runScript(
      client,
      PRESENCE_ADD,
      [key.presence(code), key.processGroups(processId)],
      [code, field, json],
    );
  const erase = (code: string, processId: string, field: string) =>
    runScript(
      client,
      PRESENCE_REMOVE,
      [key.presence(code), key.processGroups(processId)],
      [code, field],
    );

  const codesOf = (reply: unknown): string[] => reply as string[];

  return {
    add: (code, entry) =>
      timed(async () => {
        const field = presenceField(entry.processId, entry.socketId);
        const json = JSON.stringify(entry);
        let screens = own.get(entry.processId);
        if (!screens) {
          screens = new Map();
          own.set(entry.processId, screens);
        }
        screens.set(field, { code, json });
        await write(code, entry.processId, field, json);
      }),
    remove: (code, processId, socketId) =>
      timed(async () => {
        const field = presenceField(processId, socketId);
        own.get(processId)?.delete(field);
        try {
          await erase(code, processId, field);
          leftBehind.delete(field);
        } catch (error) {
          leftBehind.set(field, { code, processId });
          throw error;
        }
      }),
    list: (code, now) =>
      timed(async () => {
        const reply = await runScript(
          client,
          PRESENCE_LIST,
          [key.presence(code), key.processes],
          [String(now - PROCESS_TIMEOUT_MS)],
        );
        return (reply as string[]).map((json) => JSON.parse(json) as PresenceEntry);
      }),
    heartbeat: (processId, at) =>
      timed(async () => {
        const added = await client.zAdd(key.processes, { score: at, value: processId });
        for (const [field, screen] of leftBehind) {
          if (screen.processId !== processId) continue;
          await erase(screen.code, processId, field);
          leftBehind.delete(field);
        }
        const screens = own.get(processId);
        if (added === 0 || !screens) return;
        // Not known (first beat, or reaped while silent): put this process's screens back.
        await Promise.all(
          [...screens].map(([field, screen]) => write(screen.code, processId, field, screen.json)),
        );
      }),
    reapProcesses: (before) =>
      timed(async () =>
        codesOf(await runScript(client, REAP_PROCESSES, [key.processes], [String(before), prefix])),
      ),
    dropProcess: (processId) =>
      timed(async () => {
        own.delete(processId);
        for (const [field, screen] of leftBehind) {
          if (screen.processId === processId) leftBehind.delete(field);
        }
        return codesOf(await runScript(client, DROP_PROCESS, [key.processes], [processId, prefix]));
      }),
    occupiedCodes: (now) =>
      timed(async () =>
        codesOf(
          await runScript(
            client,
            OCCUPIED,
            [key.processes],
            [String(now - PROCESS_TIMEOUT_MS), prefix],
          ),
        ),
      ),
  };
}
