import type { SittingSummary } from '@balint/shared';

/** The register's columns, in order. */
export const REGISTER_CSV_HEADER = 'date,started,ended,name,presented';

/**
 * A time as ISO 8601 in `timeZone`, with its offset that day: `2026-03-03T18:30:00+01:00`.
 * `date` is the day part alone.
 */
export function localIso(epochMs: number, timeZone: string): { date: string; dateTime: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  // "GMT+01:00", or "GMT" alone for a zero offset.
  const offset = (parts.timeZoneName ?? 'GMT').replace(/^GMT/, '') || '+00:00';
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, dateTime: `${date}T${parts.hour}:${parts.minute}:${parts.second}${offset}` };
}

/**
 * One field of a CSV row. A name a spreadsheet would run as a formula (it starts with = + - @,
 * or a tab or carriage return) gets a leading apostrophe; quotes, commas and line breaks are
 * quoted as RFC 4180 says.
 */
export function csvField(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

/**
 * The register as CSV: one row per person per confirmed sitting, oldest first, then by name;
 * times in `timeZone`. UTF-8 with a byte-order mark, so that spreadsheets read names such as
 * "Ágnes" right; lines end in CRLF.
 */
export function registerCsv(sittings: readonly SittingSummary[], timeZone: string): string {
  const rows = [REGISTER_CSV_HEADER];
  const ordered = [...sittings].sort((a, b) => a.startedAt - b.startedAt);
  for (const sitting of ordered) {
    const started = localIso(sitting.startedAt, timeZone);
    const ended = sitting.endedAt === null ? '' : localIso(sitting.endedAt, timeZone).dateTime;
    const people = [...sitting.attendance].sort((a, b) => a.name.localeCompare(b.name));
    for (const person of people) {
      rows.push(
        [
          started.date,
          started.dateTime,
          ended,
          csvField(person.name),
          person.presented ? 'yes' : 'no',
        ].join(','),
      );
    }
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
