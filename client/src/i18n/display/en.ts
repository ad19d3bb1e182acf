/** The projector's own words in English; their shape is every language's. */
export const en = {
  page: 'Projector',
  heading: (group: string) => `${group}: projector`,
  group: 'Balint group',
  groundRules: 'Our ground rules',
  soon: 'The session will begin soon.',
  thanks: 'Thank you.',
  until: (time: string) => `until ${time}`,
  join: 'Join on your phone',
  qr: 'QR code to follow on your phone',
  follow: 'Follow on your phone',
  fullScreen: 'Full screen',
  awake: 'Keep the screen awake',
  awakeAndFill: 'Keep the screen awake and go full screen',
  awakeWhy: 'Otherwise this screen may go dark mid-session. One click or key press here is enough.',
};

export type DisplayWords = typeof en;
