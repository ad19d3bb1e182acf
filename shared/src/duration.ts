// Apart from time.ts, which every screen loads: only the console and the register write durations,
// and a module of its own keeps this out of the phone's bundle.

/** How `locale` writes a count of one unit, short: "12 min", "12 Min.", "12 p". */
function unitText(locale: string, unit: 'minute' | 'second', count: number): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(count);
}

/**
 * A duration in ms to whole seconds, as `locale` writes it: "12 min 30 sec", "12 Min. 30 Sek.",
 * "12 p 30 mp"; only the minutes when the seconds are none, only the seconds under a minute.
 */
export function formatDuration(ms: number, locale: string): string {
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  if (minutes === 0) return unitText(locale, 'second', seconds);
  if (seconds === 0) return unitText(locale, 'minute', minutes);
  return `${unitText(locale, 'minute', minutes)} ${unitText(locale, 'second', seconds)}`;
}
