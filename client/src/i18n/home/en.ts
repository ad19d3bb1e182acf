/** The start page's own words in English; their shape is every language's. */
export const en = {
  notFound: {
    title: 'Page not found',
    body: 'This address is not a Balint Timer page. Check the link, or start again.',
  },
  lead: 'A calm timer for Balint groups. The facilitator’s laptop leads the five phases, a projector shows the time left, and members follow on their phones.',
  confidentialTitle: 'Confidential by design.',
  confidential:
    'Never type case content here: no patient details, no notes. A presenter is at most a first name or initials, and everything is deleted when the group expires.',
  joinTitle: 'Join as a member',
  joinLead: 'Enter the six-character code shown on the projector.',
  joinCode: 'Join code',
  join: 'Join',
  malformed: 'A join code has six letters and digits, like K7M2QX.',
  missing: (code: string) =>
    `No group has the code ${code}. Check it against the projector and try again.`,
  limited: 'Too many codes tried. Wait a minute, then try again.',
  unreachable: 'The server could not be reached. Check the connection.',
  checkFailed: 'The server could not check the code. Try again.',
  continueTitle: 'Continue on this device',
  unnamed: 'Unnamed group',
  standingGroup: 'standing group, every week',
  standing: 'A standing group that meets every week',
  standingHint:
    'Keeps the same code, key and links week after week, and a register of who attended (names and dates only, never anything about a case) for training portfolios.',
  created: (time: string) => `created ${time}`,
  createTitle: 'Start a group',
  createLead:
    'For the facilitator: set the phase lengths and open the console that runs the session.',
  openCreate: 'Start a new group',
  name: 'Group name (optional)',
  namePlaceholder: 'e.g. Tuesday GP group',
  language: 'Language of the group',
  languageHint: 'Every screen of the group speaks it: the projector, the phones, the phase names.',
  lengths: 'Phase lengths, in minutes',
  remembered: 'As last used on this device.',
  cases: 'Cases this sitting',
  sittingLength: (length: string) => `About ${length} in all, with these lengths.`,
  autoAdvance: 'Move on automatically when a phase’s time is up',
  autoAdvanceHint:
    'Off by default: when time is up the clock gently counts over time, and nobody is cut off mid-sentence. You move on with Next. Even when on, the last phase never ends by itself.',
  badLengths: 'Each phase needs a length between 1 second and 180 minutes.',
  rateLimited: 'Too many groups were created from here. Wait a while, then try again.',
  createFailed: (status: number) => `The server could not create the group (${status}). Try again.`,
  creating: 'Creating…',
  create: 'Create group and open the console',
};

export type HomeWords = typeof en;
