import { isValidDurationMs, MINUTE_MS } from '@balint/shared';

/** Milliseconds as a minutes field shows them: whole where possible, else to 0.01 min. */
export function msToMinutesField(ms: number): string {
  const minutes = ms / MINUTE_MS;
  return Number.isInteger(minutes) ? String(minutes) : String(Math.round(minutes * 100) / 100);
}

/** A typed number of minutes as whole ms, or null if it is not a budget the server accepts. */
export function minutesFieldToMs(text: string): number | null {
  const minutes = Number(text.replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(minutes)) return null;
  const ms = Math.round(minutes * MINUTE_MS);
  return isValidDurationMs(ms) ? ms : null;
}
