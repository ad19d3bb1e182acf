/** "13:30" or "1:30 PM": a time of day as this browser's own locale writes it. */
export function formatTimeOfDay(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { timeStyle: 'short' });
}
