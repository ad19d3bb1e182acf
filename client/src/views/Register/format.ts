/** "3 Mar 2026", as `locale` writes it (by default the browser's). */
export function formatDate(epochMs: number, locale?: string): string {
  return new Date(epochMs).toLocaleDateString(locale, { dateStyle: 'medium' });
}

/** "18:30" or "6:30 PM", as `locale` writes it (by default the browser's). */
export function formatTime(epochMs: number, locale?: string): string {
  return new Date(epochMs).toLocaleTimeString(locale, { timeStyle: 'short' });
}

/** "18:30–20:00": a sitting's span of time; only its start if it has no end. */
export function formatSpan(startedAt: number, endedAt: number | null, locale?: string): string {
  return endedAt === null
    ? formatTime(startedAt, locale)
    : `${formatTime(startedAt, locale)}–${formatTime(endedAt, locale)}`;
}
