import type { Language } from '@balint/shared';
import type { Plural } from './plural.ts';

/**
 * The words every screen of a group shares, and the member page's own, in English: all that a
 * member's phone loads. Its shape is every language's `Dictionary`, so the compiler finds a key
 * missing in any of them. The projector and the start page add their own words (display/,
 * home/). Phase titles and default prompts are not here: the server sends them in the group's
 * language (shared/src/phaseTexts.ts).
 */
export const en = {
  locale: 'en' as Language,
  connection: {
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    rateLimited: 'Too many attempts: retrying shortly…',
    live: 'Live',
  },
  cancel: 'Cancel',
  groundRules: {
    title: 'Ground rules',
  },
  session: {
    waiting: 'Waiting to start',
    ended: 'Session ended',
    paused: 'Paused',
    step: (n: number, total: number) => `${n} of ${total}`,
    next: (what: string) => `Next: ${what}`,
    caseOrEnd: (n: number) => `Case ${n} or the end of the session`,
    case: (n: number) => `Case ${n}`,
    /** What a screen reader hears: the phase, then a case number and a pause, if any. */
    announceCase: (n: number) => `case ${n}`,
    announcePaused: 'paused',
  },
  clock: {
    minutes: { one: '# minute', other: '# minutes' } as Plural,
    seconds: { one: '# second', other: '# seconds' } as Plural,
    left: (time: string) => `${time} left`,
    over: (time: string) => `${time} over time`,
  },
  member: {
    page: 'Member',
    group: (code: string) => `Group ${code}`,
    step: (n: number, total: number) => `Phase ${n} of ${total}`,
    offline: 'Reconnecting… the time shown may be out of date.',
    whatNow: 'What to do now',
    presenting: 'You are presenting',
    lobby: 'The session has not started yet. Find a seat and settle in.',
    ended: 'The session has ended. Thank you for taking part.',
    offer: 'I have a case to offer',
    settings: 'Your name, language and vibration',
    foot: 'Confidential: nothing said in the group is typed in here or stored.',
  },
};

export type Dictionary = typeof en;
