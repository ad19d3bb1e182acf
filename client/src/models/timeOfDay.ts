/** "13:30" or "1:30 PM": a time of day as `locale` writes it (by default the browser's). */
export function formatTimeOfDay(epochMs: number, locale?: string): string {
  return new Date(epochMs).toLocaleTimeString(locale, { timeStyle: 'short' });
}
