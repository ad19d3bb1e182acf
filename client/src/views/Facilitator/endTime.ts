import { isValidEndTime } from '@balint/shared';

const FIELD = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d+)?)?$/;

/**
 * The epoch ms an `<input type="time">` value ("13:30", always 24-hour whatever the locale
 * shows) stands for: the next such time of day after `now` in this device's time zone, or null
 * if the value is no time or that moment is not a valid planned end (within 24 h).
 */
export function endAtFromField(value: string, now: number): number | null {
  const match = FIELD.exec(value.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  const today = new Date(now);
  const at = (dayOffset: number) =>
    new Date(
      today.getFullYear(),
      today.getMonth(),
      today.getDate() + dayOffset,
      hours,
      minutes,
    ).getTime();
  const candidate = at(0) > now ? at(0) : at(1);
  return isValidEndTime(candidate, now) ? candidate : null;
}

/** The `<input type="time">` value ("HH:MM") of an epoch ms in this device's time zone. */
export function fieldFromEndAt(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
