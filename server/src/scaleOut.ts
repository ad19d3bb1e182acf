import { createAdapter } from '@socket.io/redis-streams-adapter';
import { RateLimiterRedis, RLWrapperTimeouts } from 'rate-limiter-flexible';
import type { ServerOptions } from 'socket.io';
import { openRedisStore } from './groups/store.redis.ts';
import type { GroupStore } from './groups/store.ts';
import type { Logger } from './logger.ts';
import type { LimiterStore } from './rateLimits.ts';
import { connectOrGiveUp, newRedisClient, redactedUrl } from './redis.ts';

/** Everything processes share through Redis: the store, the broadcasts, the address limits. */
export interface ScaleOut {
  store: GroupStore;
  /** Socket.IO's adapter: broadcasts and `disconnectSockets` reach every process. */
  adapter: ServerOptions['adapter'];
  /** Failed joins and group creations counted per address across every process. */
  limiters: LimiterStore;
  /** Closes the connections (after the app, which closes the adapter's own). */
  close(): Promise<void>;
}

export interface ScaleOutOptions {
  logger: Logger;
  /** Every key, stream and channel starts with this (`bt:`). */
  keyPrefix?: string;
  /** How long the first connection may take before opening fails (10 s). */
  connectTimeoutMs?: number;
}

/** A limiter call waits this long for Redis at most, then fails (the caller answers `internal`). */
const LIMITER_TIMEOUT_MS = 2000;
/** The adapter's blocking stream read returns this often (and so notices a close this soon). */
const STREAM_BLOCK_MS = 1000;

/**
 * Logs when Redis becomes unreachable and when it is back, once each; node-redis reports every
 * failed reconnection attempt, a few a second per connection.
 */
function connectionLog(logger: Logger, url: string, purpose: string) {
  let down = false;
  return {
    onError: (error: Error) => {
      if (down) return;
      down = true;
      logger.error({ err: error, redis: redactedUrl(url), purpose }, 'Redis unreachable');
    },
    onReady: () => {
      if (!down) return;
      down = false;
      logger.info({ redis: redactedUrl(url), purpose }, 'Redis reachable again');
    },
  };
}

/** Connects to Redis for scale-out (REDIS_URL); rejects if it cannot be reached in time. */
export async function openScaleOut(url: string, options: ScaleOutOptions): Promise<ScaleOut> {
  const prefix = options.keyPrefix ?? 'bt:';
  const { logger, connectTimeoutMs } = options;
  const store = await openRedisStore(url, {
    keyPrefix: prefix,
    connectTimeoutMs,
    ...connectionLog(logger, url, 'store'),
  });
  const limiterLog = connectionLog(logger, url, 'rate limits');
  const limiterClient = newRedisClient(url, { failFast: true, onError: limiterLog.onError });
  limiterClient.on('ready', limiterLog.onReady);
  const adapterLog = connectionLog(logger, url, 'broadcasts');
  const adapterClient = newRedisClient(url, { failFast: false, onError: adapterLog.onError });
  adapterClient.on('ready', adapterLog.onReady);
  try {
    await connectOrGiveUp(limiterClient, connectTimeoutMs);
    await connectOrGiveUp(adapterClient, connectTimeoutMs);
  } catch (error) {
    await store.close();
    limiterClient.destroy();
    adapterClient.destroy();
    throw error;
  }

  return {
    store,
    adapter: createAdapter(adapterClient, {
      streamName: `${prefix}socket.io`,
      channelPrefix: `${prefix}socket.io`,
      sessionKeyPrefix: `${prefix}sio:session:`,
      blockTimeInMs: STREAM_BLOCK_MS,
    }),
    limiters: (limit) =>
      new RLWrapperTimeouts({
        limiter: new RateLimiterRedis({
          storeClient: limiterClient,
          useRedisPackage: true,
          ...limit,
          keyPrefix: `${prefix}rl:${limit.keyPrefix}`,
        }),
        timeoutMs: LIMITER_TIMEOUT_MS,
      }),
    close: async () => {
      await store.close();
      for (const client of [limiterClient, adapterClient]) {
        if (client.isReady) await client.close().catch(() => client.destroy());
        else if (client.isOpen) client.destroy();
      }
    },
  };
}
