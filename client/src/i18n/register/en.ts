import type { Plural } from '../plural.ts';

/** A sitting's attendance, as the console's review and the register edit it. */
export const attendance = {
  tooLong: (max: number) => `A name is 1–${max} characters.`,
  confirmed: {
    one: 'Attendance confirmed: # person.',
    other: 'Attendance confirmed: # people.',
  } as Plural,
  asConfirmed: 'As confirmed. Change it and save again if something is wrong.',
  proposed:
    'Proposed from the names members joined with. Add or remove people, mark who presented, then confirm.',
  empty: 'Nobody on the list yet.',
  list: 'Who attended',
  presented: 'presented',
  presentedWho: (name: string) => ` a case: ${name}`,
  remove: 'Remove',
  addSomeone: 'Add someone',
  add: 'Add',
  usedBefore: 'Names used before:',
  save: 'Save attendance',
  confirm: 'Confirm attendance',
};

/** A sitting's planned and actual times. */
export const chart = {
  case: (n: number) => `Case ${n}`,
  ofPlanned: (planned: string) => ` of ${planned} planned`,
  inAll: 'In all: ',
  ran: ' time it ran ',
  plan: ' its plan',
};

/** The register page's own words in English; their shape is every language's. */
export const en = {
  attendance,
  chart,
  page: 'Register',
  noKeyTitle: 'This browser cannot open the register',
  noKeyBody:
    'The register needs the facilitator’s key, kept by the browser that opened the console. Open the console link first, then the register from there.',
  failed: 'The register could not be opened',
  gone: 'The group has expired or was deleted.',
  downloaded: 'The register was downloaded as CSV.',
  forgotten: (name: string) => `${name} is forgotten: gone from every sitting.`,
  brand: 'Balint Timer · Register',
  untitled: 'Untitled group',
  code: (code: string) => `Code ${code}`,
  back: 'Back to the console',
  ordinary:
    'This is not a standing group: it keeps its sittings’ timings until it expires, and no names. Keep it for next week from the console to have a register.',
  sittings: { one: '# sitting', other: '# sittings' } as Plural,
  people: { one: '# person', other: '# people' } as Plural,
  span: (from: string, to: string) => `from ${from} to ${to}`,
  onDay: (date: string) => `on ${date}`,
  toConfirm: (n: number) => `${n} to confirm`,
  peopleTitle: 'People',
  nobody: 'Nobody yet: confirm a sitting’s attendance first.',
  name: 'Name',
  sessionsAttended: 'Sessions attended',
  casesPresented: 'Cases presented',
  first: 'First',
  last: 'Last',
  actions: 'Actions',
  print: 'Print statement',
  printFor: (name: string) => ` for ${name}`,
  forget: 'Forget',
  facilitatorName: 'Facilitator’s name, for the statements',
  printHint:
    'Printed on each statement; not stored anywhere. In the print dialog, choose “Save as PDF” for a file.',
  download: 'Download register.csv',
  sittingsTitle: 'Sittings',
  noSitting: 'No sitting has ended yet.',
  forgetTitle: (name: string) => `Forget ${name}?`,
  forgetBody:
    'This name leaves every sitting of this group and the list of names used before, at once. Use it when a member asks to be forgotten. It cannot be undone.',
  forgetConfirm: 'Forget this person',
  cases: { one: '# case', other: '# cases' } as Plural,
  members: { one: '# member', other: '# members' } as Plural,
  attendanceToConfirm: 'attendance to confirm',
  presentedName: (name: string) => `${name} (presented)`,
  more: 'Attendance and timings',
  timings: 'Timings',
  statement: {
    asPrinted: (name: string) => `Statement for ${name}, as it prints.`,
    again: 'Print again',
    close: 'Close',
    kicker: 'Balint group attendance',
    title: 'Attendance statement',
    name: 'Name',
    group: 'Balint group',
    facilitator: 'Facilitator',
    period: 'Period',
    sessions: { one: '# session', other: '# sessions' } as Plural,
    cases: { one: '# case', other: '# cases' } as Plural,
    summary: (name: string, sessions: string, cases: string) =>
      `${name} attended ${sessions} of this Balint group and presented ${cases}.`,
    attended: 'Sessions attended',
    presented: ' · presented',
    total: (sessions: string, cases: string) => `Total: ${sessions} attended, ${cases} presented.`,
    signature: 'Signature of the facilitator',
    date: 'Date',
    note: 'Recorded by Balint Timer from the facilitator’s confirmed attendance: names and dates only. Nothing said in the group is recorded.',
  },
};

export type RegisterWords = typeof en;
export type AttendanceWords = typeof attendance;
export type ChartWords = typeof chart;
