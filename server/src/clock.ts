/** Opaque handle of a scheduled callback. */
export type TimerHandle = ReturnType<typeof setTimeout>;

/**
 * Server time and timers, injected so tests can move time. XState's actors use the same
 * `setTimeout`/`clearTimeout` for their delayed transitions.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Node fires longer timeouts at once (TimeoutOverflowWarning); this caps them instead. */
export const MAX_TIMER_MS = 2_147_483_647;

/** The wall clock and Node's timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, Math.min(ms, MAX_TIMER_MS)),
  clearTimeout: (handle) => clearTimeout(handle),
};
