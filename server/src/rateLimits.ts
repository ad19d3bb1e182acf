import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Generous for people, tight for guessing (DESIGN: wire protocol). */
export const FAILED_JOINS_PER_MINUTE = 10;
export const GROUPS_PER_HOUR = 60;
/** A token bucket per socket: 20 commands a second sustained, bursts of 40. */
export const COMMANDS_PER_SECOND = 20;
export const COMMAND_BURST = 40;

/** One socket's command allowance. */
export interface CommandAllowance {
  /** Takes one command from the allowance; false if none is left. */
  take(): boolean;
}

/** A limit's answer to an address over it: when to try again (HTTP's Retry-After). */
export interface Refusal {
  retryAfterMs: number;
}

export interface RateLimits {
  /** A refusal once an address has used up its failed joins for the minute, else null. */
  joinBlocked(address: string): Promise<Refusal | null>;
  recordFailedJoin(address: string): Promise<void>;
  /** Takes one group creation from the address's hourly allowance; a refusal if none is left. */
  takeGroupCreation(address: string): Promise<Refusal | null>;
  /** Gives one back: the request it was taken for created no group. */
  refundGroupCreation(address: string): Promise<void>;
  /** A fresh allowance for one socket's commands, refilled by the server's clock. */
  commandAllowance(): CommandAllowance;
}

/** A fixed-window limit: `points` per `duration` seconds per key. */
export interface LimiterOptions {
  /** Names the limit where its counts are kept. */
  keyPrefix: string;
  points: number;
  duration: number;
}

/**
 * Where the per-address limits are counted: this process's memory (one laptop), or Redis, so
 * that every process behind a load balancer counts an address together (scale-out).
 */
export type LimiterStore = (options: LimiterOptions) => RateLimiterAbstract;

export const memoryLimiters: LimiterStore = (options) => new RateLimiterMemory(options);

/** Takes one point; a refusal, with the wait until the window frees one, if none is left. */
async function take(limiter: RateLimiterAbstract, key: string): Promise<Refusal | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return { retryAfterMs: rejection.msBeforeNext };
  }
}

/**
 * A token bucket: full at first, refilled continuously at `perSecond` up to `burst`. A fixed
 * window would refuse a steady 20 a second whenever jitter put a 41st command in one window.
 */
export function tokenBucket(now: () => number, perSecond: number, burst: number): CommandAllowance {
  let tokens = burst;
  let refilledAt = now();
  return {
    take: () => {
      const at = now();
      tokens = Math.min(burst, tokens + (Math.max(0, at - refilledAt) * perSecond) / 1000);
      refilledAt = at;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

const UNLIMITED: CommandAllowance = { take: () => true };

/**
 * Failed joins and group creations counted per address in `store` (this process's memory by
 * default); command allowances per socket, in memory, refilled by the server's clock `now`.
 * `enabled: false` (RATE_LIMIT=off) lets everything through.
 */
export function createRateLimits(
  enabled: boolean,
  now: () => number,
  store: LimiterStore = memoryLimiters,
): RateLimits {
  if (!enabled) {
    return {
      joinBlocked: async () => null,
      recordFailedJoin: async () => undefined,
      takeGroupCreation: async () => null,
      refundGroupCreation: async () => undefined,
      commandAllowance: () => UNLIMITED,
    };
  }
  const failedJoins = store({
    keyPrefix: 'failed-joins',
    points: FAILED_JOINS_PER_MINUTE,
    duration: 60,
  });
  const creations = store({
    keyPrefix: 'group-creations',
    points: GROUPS_PER_HOUR,
    duration: 3600,
  });
  return {
    joinBlocked: async (address) => {
      const used = await failedJoins.get(address);
      if (used === null || used.consumedPoints < FAILED_JOINS_PER_MINUTE) return null;
      return { retryAfterMs: used.msBeforeNext };
    },
    recordFailedJoin: async (address) => {
      await take(failedJoins, address);
    },
    takeGroupCreation: (address) => take(creations, address),
    refundGroupCreation: async (address) => {
      await creations.reward(address, 1);
    },
    commandAllowance: () => tokenBucket(now, COMMANDS_PER_SECOND, COMMAND_BURST),
  };
}
