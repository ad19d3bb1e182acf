import { RateLimiterMemory } from 'rate-limiter-flexible';

/** Generous for people, tight for guessing (DESIGN: wire protocol). */
export const FAILED_JOINS_PER_MINUTE = 10;
export const GROUPS_PER_HOUR = 60;
/** 40 in any 2 s window: 20 a second on average, bursts of 40. */
export const COMMAND_BURST = 40;
export const COMMAND_WINDOW_S = 2;

export interface RateLimits {
  /** True once an address has used up its failed joins for the minute. */
  joinBlocked(address: string): Promise<boolean>;
  recordFailedJoin(address: string): Promise<void>;
  /** Takes one group creation from the address's hourly allowance; false if none is left. */
  allowGroupCreation(address: string): Promise<boolean>;
  /** Takes one command from the socket's allowance; false if none is left. */
  allowCommand(socketId: string): Promise<boolean>;
}

async function take(limiter: RateLimiterMemory, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    return false;
  }
}

/** In-memory limits per process; `enabled: false` (RATE_LIMIT=off) lets everything through. */
export function createRateLimits(enabled: boolean): RateLimits {
  if (!enabled) {
    return {
      joinBlocked: async () => false,
      recordFailedJoin: async () => undefined,
      allowGroupCreation: async () => true,
      allowCommand: async () => true,
    };
  }
  const failedJoins = new RateLimiterMemory({ points: FAILED_JOINS_PER_MINUTE, duration: 60 });
  const creations = new RateLimiterMemory({ points: GROUPS_PER_HOUR, duration: 3600 });
  const commands = new RateLimiterMemory({ points: COMMAND_BURST, duration: COMMAND_WINDOW_S });
  return {
    joinBlocked: async (address) => {
      const used = await failedJoins.get(address);
      return used !== null && used.consumedPoints >= FAILED_JOINS_PER_MINUTE;
    },
    recordFailedJoin: async (address) => {
      await take(failedJoins, address);
    },
    allowGroupCreation: (address) => take(creations, address),
    allowCommand: (socketId) => take(commands, socketId),
  };
}
