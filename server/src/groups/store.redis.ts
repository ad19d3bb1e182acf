import { connectOrGiveUp, newRedisClient, REDIS_CONNECT_TIMEOUT_MS } from '../redis.ts';
import { redisPresence, type Timed } from './store.redis.presence.ts';
import { redisRegister } from './store.redis.register.ts';
import {
  COMPARE_AND_SET,
  CREATE,
  DELETE,
  keys,
  MAKE_STANDING,
  runScript,
  TOUCH,
} from './store.redis.scripts.ts';
import type { GroupStore, StoredGroup } from './store.ts';

export interface RedisStoreOptions {
  /** Every key starts with this (`bt:`). */
  keyPrefix?: string;
  /** How long the first connection may take (10 s); then `openRedisStore` rejects. */
  connectTimeoutMs?: number;
  /** How long any operation may wait for Redis (2 s); then it rejects. */
  operationTimeoutMs?: number;
  /** Told about connection errors (the client reconnects by itself meanwhile). */
  onError?(error: Error): void;
  /** Told when the connection is ready, at first and after each reconnection. */
  onReady?(): void;
}

const FIELDS = [
  'name',
  'keyHash',
  'createdAt',
  'lastActivityAt',
  'revision',
  'session',
  'standingSince',
] as const;

/**
 * The store on Redis (scale-out): every process shares it. Create, compare-and-set, touch and
 * delete are Lua scripts, atomic on the server. While Redis is unreachable every operation
 * rejects at once (no offline queue), or after `operationTimeoutMs` if Redis hangs; the client
 * reconnects by itself with a backoff, so the store works again as soon as Redis is back.
 */
export async function openRedisStore(
  url: string,
  options: RedisStoreOptions = {},
): Promise<GroupStore> {
  const prefix = options.keyPrefix ?? 'bt:';
  const operationTimeoutMs = options.operationTimeoutMs ?? 2000;
  const client = newRedisClient(url, {
    failFast: true,
    onError: options.onError ?? (() => undefined),
  });
  if (options.onReady) client.on('ready', options.onReady);
  await connectOrGiveUp(client, options.connectTimeoutMs ?? REDIS_CONNECT_TIMEOUT_MS);
  const key = keys(prefix);

  const timed: Timed = async (operation) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not answer within ${operationTimeoutMs} ms`)),
        operationTimeoutMs,
      );
    });
    try {
      return await Promise.race([operation(), late]);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    create: (group) =>
      timed(
        async () =>
          (await runScript(
            client,
            CREATE,
            [key.group(group.code), key.idle],
            [
              group.code,
              group.name,
              group.keyHash,
              String(group.createdAt),
              String(group.lastActivityAt),
              String(group.revision),
              group.session,
              group.standingSince === null ? '' : String(group.standingSince),
            ],
          )) === 1,
      ),
    get: (code) =>
      timed(async () => {
        const [name, keyHash, createdAt, lastActivityAt, revision, session, standingSince] =
          await client.hmGet(key.group(code), [...FIELDS]);
        if (
          name == null ||
          keyHash == null ||
          createdAt == null ||
          lastActivityAt == null ||
          revision == null ||
          session == null
        ) {
          return null;
        }
        const group: StoredGroup = {
          code,
          name,
          keyHash,
          createdAt: Number(createdAt),
          lastActivityAt: Number(lastActivityAt),
          revision: Number(revision),
          session,
          standingSince: standingSince == null ? null : Number(standingSince),
        };
        return group;
      }),
    revisions: (codes) =>
      timed(async () => {
        // Commands sent in one tick go out together (node-redis pipelines them): one round trip.
        const replies = await Promise.all(
          codes.map((code) => client.hGet(key.group(code), 'revision')),
        );
        const found = new Map<string, number>();
        codes.forEach((code, index) => {
          const revision = replies[index];
          if (revision != null) found.set(code, Number(revision));
        });
        return found;
      }),
    compareAndSet: (code, expectedRevision, next) =>
      timed(
        async () =>
          (await runScript(
            client,
            COMPARE_AND_SET,
            [key.group(code), key.idle, key.sittings(code), key.noted(code)],
            [
              code,
              String(expectedRevision),
              String(next.revision),
              next.session,
              next.lastActivityAt === undefined ? '' : String(next.lastActivityAt),
              next.closedSitting ? String(next.closedSitting.startedAt) : '',
              next.closedSitting ? JSON.stringify(next.closedSitting) : '',
            ],
          )) === 1,
      ),
    touch: (code, at) =>
      timed(async () => {
        await runScript(client, TOUCH, [key.group(code), key.idle], [code, String(at)]);
      }),
    idleSince: (before) => timed(() => client.zRangeByScore(key.idle, '-inf', `(${before}`)),
    delete: (code) =>
      timed(
        async () =>
          (await runScript(
            client,
            DELETE,
            [
              key.group(code),
              key.idle,
              key.presence(code),
              key.sittings(code),
              key.attendance(code),
              key.noted(code),
            ],
            [code, prefix],
          )) === 1,
      ),
    makeStanding: (code, at) =>
      timed(
        async () => (await runScript(client, MAKE_STANDING, [key.group(code)], [String(at)])) === 1,
      ),
    presence: redisPresence(client, prefix, timed),
    register: redisRegister(client, prefix, timed),
    close: async () => {
      if (!client.isOpen) return;
      if (!client.isReady) {
        client.destroy();
        return;
      }
      // Waits for the replies still due, then closes; a Redis that hangs is not waited for.
      await timed(() => client.close()).catch(() => client.destroy());
    },
  };
}
