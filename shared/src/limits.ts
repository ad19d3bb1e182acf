/** Limits on what a group may hold, shared by every layer's checks. */

export const MINUTE_MS = 60_000;

/** Budgets and extensions are whole milliseconds in this range (1 s to 3 h). */
export const MIN_DURATION_MS = 1_000;
export const MAX_DURATION_MS = 10_800_000;

export const PRESENTER_NAME_MAX = 40;
export const GROUP_NAME_MAX = 80;
export const PROMPT_MAX = 500;
export const MEMBER_NAME_MAX = 40;

/** True for a whole number of milliseconds within the allowed budget range. */
export function isValidDurationMs(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MIN_DURATION_MS &&
    value <= MAX_DURATION_MS
  );
}
