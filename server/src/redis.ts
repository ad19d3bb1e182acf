import { createClient } from 'redis';

/** How long a first connection may take before the server gives up starting. */
export const REDIS_CONNECT_TIMEOUT_MS = 10_000;

export interface RedisClientOptions {
  /**
   * True (the store's client): while disconnected every command fails at once instead of
   * waiting in a queue, so a facilitator hears "try again" now, not a minute later. False
   * (the Socket.IO adapter's): its blocking stream read would otherwise spin while Redis is
   * down; its commands wait for the reconnection, for at most `queueTimeoutMs` before written.
   */
  failFast: boolean;
  queueTimeoutMs?: number;
  /** Told about connection errors; the client itself reconnects. */
  onError(error: Error): void;
}

/**
 * Reconnects forever: 50 ms doubling to 1 s, with up to 200 ms of jitter, so the processes are
 * back at most about a second after Redis is.
 */
export function reconnectDelay(retries: number): number {
  return Math.min(50 * 2 ** retries, 1000) + Math.floor(Math.random() * 200);
}

/** A node-redis client that never crashes the process and reconnects by itself; not connected. */
export function newRedisClient(url: string, options: RedisClientOptions) {
  const client = createClient({
    url,
    disableOfflineQueue: options.failFast,
    commandOptions: { timeout: options.queueTimeoutMs ?? 2000 },
    socket: { connectTimeout: 2000, reconnectStrategy: reconnectDelay },
  });
  // An 'error' event without a listener would throw and end the process.
  client.on('error', options.onError);
  return client;
}

export type RedisClient = ReturnType<typeof newRedisClient>;

/** Connects, or rejects (and closes the client) if Redis does not answer within `timeoutMs`. */
export async function connectOrGiveUp(
  client: RedisClient,
  timeoutMs = REDIS_CONNECT_TIMEOUT_MS,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      client.destroy();
      reject(new Error(`Redis did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([client.connect(), gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
