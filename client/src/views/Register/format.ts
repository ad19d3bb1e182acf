/** "12 min", "12 min 30 s", "45 s": a duration as a person says it. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** "3 Mar 2026", in this browser's own locale. */
export function formatDate(epochMs: number): string {
  return new Date(epochMs).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** "18:30" or "6:30 PM", in this browser's own locale. */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { timeStyle: 'short' });
}

/** "18:30–20:00": a sitting's span of time; only its start if it has no end. */
export function formatSpan(startedAt: number, endedAt: number | null): string {
  return endedAt === null
    ? formatTime(startedAt)
    : `${formatTime(startedAt)}–${formatTime(endedAt)}`;
}
