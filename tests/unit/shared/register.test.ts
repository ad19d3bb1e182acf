import {
  attendeeName,
  nameKey,
  peopleOf,
  rosterOf,
  type SittingSummary,
  sittingClosedBy,
} from '@balint/shared';
import { attendanceBodySchema, timeZoneSchema } from '@balint/shared/schemas';
import { describe, expect, it } from 'vitest';

const DAY = 86_400_000;
const T0 = 1_800_000_000_000;

function sitting(day: number, attendance: Array<[string, boolean]>): SittingSummary {
  const startedAt = T0 + day * DAY;
  return {
    id: String(startedAt),
    startedAt,
    endedAt: startedAt + 90 * 60_000,
    cases: 1,
    phases: [],
    attendance: attendance.map(([name, presented]) => ({ name, presented })),
    confirmed: true,
    proposed: [],
  };
}

describe('names in the register', () => {
  it('[RG3] are trimmed, NFC, 1–40 characters on one line; one person whatever the case', () => {
    expect(attendeeName('  Ann ')).toBe('Ann');
    // "Á" typed as A + combining acute is the same name as the precomposed "Á".
    expect(attendeeName('A\u0301gnes')).toBe('Ágnes');
    expect(attendeeName('x'.repeat(40))).toHaveLength(40);
    for (const bad of ['', '   ', 'x'.repeat(41), 'Ann\nBo', 'Ann\tBo', 'A\u0000', 7, null]) {
      expect(attendeeName(bad), JSON.stringify(bad)).toBeNull();
    }
    expect(nameKey('ÁGNES')).toBe(nameKey('ágnes'));
    expect(nameKey('Ann')).not.toBe(nameKey('Anna'));
  });

  it('[RG4] an attendance body lists each person once, names valid, presented a boolean', () => {
    const good = attendanceBodySchema.safeParse({
      attendance: [
        { name: ' Ann ', presented: true },
        { name: 'Bo', presented: false },
      ],
    });
    expect(good.success && good.data.attendance[0]).toEqual({ name: 'Ann', presented: true });
    const twice = attendanceBodySchema.safeParse({
      attendance: [
        { name: 'Ann', presented: false },
        { name: 'ann ', presented: false },
      ],
    });
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0]?.path).toEqual(['attendance', 1, 'name']);
  });

  it('[RG5] a time zone is an IANA name this runtime knows', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5']) {
      expect(timeZoneSchema.safeParse(zone).success, zone).toBe(true);
    }
    for (const zone of ['Mars/Olympus', '', '../etc/passwd', 'Europe/Berlin\n', 5]) {
      expect(timeZoneSchema.safeParse(zone).success, String(zone)).toBe(false);
    }
  });
});

describe('the register’s totals', () => {
  it('[RG3] count each person’s sittings, cases presented, first and last date; the roster once each', () => {
    const sittings = [
      sitting(7, [
        ['Ann', false],
        ['bo', true],
      ]),
      sitting(0, [
        ['Ann', true],
        ['Bo', false],
      ]),
      sitting(14, [['Cy', false]]),
    ];
    const people = peopleOf(sittings);
    expect(people.map(({ name, sessions, presented }) => [name, sessions, presented])).toEqual([
      ['Ann', 2, 1],
      ['Bo', 2, 1],
      ['Cy', 1, 0],
    ]);
    expect(people[1]).toMatchObject({ firstAt: T0, lastAt: T0 + 7 * DAY });
    expect(people[1]?.sittings.map((entry) => entry.presented)).toEqual([false, true]);
    expect(rosterOf(sittings)).toEqual(['Ann', 'bo', 'Cy']);
  });

  it('[RG2] the sitting a command closes: the same one, open before, closed after', () => {
    const open = { startedAt: T0, endedAt: null, cases: 1, phases: [] };
    const closed = { ...open, endedAt: T0 + 1000 };
    const lastWeek = { ...closed, startedAt: T0 - 7 * DAY };
    expect(sittingClosedBy(open, closed)).toBe(closed);
    expect(sittingClosedBy(open, open)).toBeNull();
    expect(sittingClosedBy(closed, closed)).toBeNull();
    expect(sittingClosedBy(null, closed)).toBeNull();
    // An undone start: back to last week's record, which is not closed again.
    expect(sittingClosedBy(open, lastWeek)).toBeNull();
  });
});
