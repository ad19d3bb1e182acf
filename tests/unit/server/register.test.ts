import { newSession, resolvePlan, type Session } from '@balint/shared';
import { describe, expect, it } from 'vitest';
import { csvField, localIso, registerCsv } from '../../../server/src/groups/register.csv.ts';
import { notesOfCommand, notesOfPresence } from '../../../server/src/groups/sittings.notes.ts';
import type { PresenceEntry } from '../../../server/src/groups/store.ts';

describe('register.csv', () => {
  it('[RG5] neutralises formulas and escapes as RFC 4180 says', () => {
    expect(csvField('Ann')).toBe('Ann');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+49 Bo')).toBe("'+49 Bo");
    expect(csvField('-Cy')).toBe("'-Cy");
    expect(csvField('@Dee')).toBe("'@Dee");
    expect(csvField('Smith, Ann')).toBe('"Smith, Ann"');
    expect(csvField('Ann "the GP"')).toBe('"Ann ""the GP"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('[RG5] writes times in the zone asked for, with the offset of that day', () => {
    const winter = Date.UTC(2026, 0, 13, 17, 30);
    const summer = Date.UTC(2026, 6, 14, 16, 30);
    expect(localIso(winter, 'Europe/Berlin')).toEqual({
      date: '2026-01-13',
      dateTime: '2026-01-13T18:30:00+01:00',
    });
    expect(localIso(summer, 'Europe/Berlin').dateTime).toBe('2026-07-14T18:30:00+02:00');
    expect(localIso(winter, 'UTC').dateTime).toBe('2026-01-13T17:30:00+00:00');
    // Late in the evening in UTC is the next day in Tokyo.
    expect(localIso(Date.UTC(2026, 0, 13, 23, 0), 'Asia/Tokyo').date).toBe('2026-01-14');
    expect(localIso(winter, 'America/St_Johns').dateTime).toBe('2026-01-13T14:00:00-03:30');
  });

  it('[RG5] has a row per person per sitting, oldest first, BOM and CRLF', () => {
    const at = Date.UTC(2026, 0, 13, 17, 30);
    const sitting = (startedAt: number, names: string[]) => ({
      id: String(startedAt),
      startedAt,
      endedAt: startedAt + 3_600_000,
      cases: 1,
      phases: [],
      attendance: names.map((name) => ({ name, presented: name === 'Bo' })),
      confirmed: true,
      proposed: [],
    });
    const csv = registerCsv(
      [sitting(at + 7 * 86_400_000, ['Ann']), sitting(at, ['Bo', 'Ann'])],
      'UTC',
    );
    expect(csv).toBe(
      '\uFEFFdate,started,ended,name,presented\r\n' +
        '2026-01-13,2026-01-13T17:30:00+00:00,2026-01-13T18:30:00+00:00,Ann,no\r\n' +
        '2026-01-13,2026-01-13T17:30:00+00:00,2026-01-13T18:30:00+00:00,Bo,yes\r\n' +
        '2026-01-20,2026-01-20T17:30:00+00:00,2026-01-20T18:30:00+00:00,Ann,no\r\n',
    );
  });
});

describe('names noted for the proposal', () => {
  const T = 1_800_000_000_000;
  const lobby = newSession(resolvePlan(undefined), T);
  const running = (presenter: string | null, caseNumber = 1): Session => ({
    ...lobby,
    value: { presentation: 'running' },
    context: {
      ...lobby.context,
      presenter,
      caseNumber,
      sitting: { startedAt: T, endedAt: null, cases: caseNumber, phases: [] },
    },
  });
  const screen = (role: PresenceEntry['role'], name?: string): PresenceEntry => ({
    role,
    offer: false,
    processId: 'p',
    socketId: `${role}-${name}`,
    ...(name === undefined ? {} : { name }),
  });
  const here = [
    screen('member', 'Ann'),
    screen('member', ' ann '),
    screen('member', ''),
    screen('member'),
    screen('member', 'x'.repeat(41)),
    screen('display'),
    screen('facilitator', 'Fac'),
  ];

  it('[RG3] are the named members while a sitting runs, each once; nothing outside a sitting', () => {
    expect(notesOfPresence(running(null), here)).toEqual({
      sittingId: String(T),
      entries: [{ name: 'Ann', presented: false }],
    });
    expect(notesOfPresence(lobby, here)).toBeNull();
    expect(notesOfCommand(lobby, lobby, here)).toBeNull();
  });

  it('[RG3] mark the presenter of a case closed by nextCase or end', () => {
    const ended: Session = {
      ...running(null),
      value: 'ended',
      context: {
        ...running(null).context,
        sitting: { startedAt: T, endedAt: T + 1000, cases: 1, phases: [] },
      },
    };
    expect(notesOfCommand(running('Bo'), ended, here)?.entries).toEqual([
      { name: 'Ann', presented: false },
      { name: 'Bo', presented: true },
    ]);
    expect(notesOfCommand(running('Ann'), running(null, 2), here)?.entries).toEqual([
      { name: 'Ann', presented: true },
    ]);
    // A presenter merely set is not yet "presented".
    expect(notesOfCommand(running(null), running('Bo'), here)?.entries).toEqual([
      { name: 'Ann', presented: false },
    ]);
  });
});
