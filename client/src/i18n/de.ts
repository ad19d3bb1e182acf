import type { Dictionary } from './en.ts';

// As German Balint groups speak (Fallvorstellung, Fallgeber, Leitung), formal "Sie"; the phase
// names and prompts themselves are shared/src/phaseTexts.ts's.
export const de: Dictionary = {
  locale: 'de',
  connection: {
    connecting: 'Verbinden…',
    reconnecting: 'Neu verbinden…',
    rateLimited: 'Zu viele Versuche: gleich wieder…',
    live: 'Verbunden',
  },
  cancel: 'Abbrechen',
  groundRules: {
    title: 'Grundregeln',
  },
  session: {
    waiting: 'Vor dem Beginn',
    ended: 'Sitzung beendet',
    paused: 'Pausiert',
    step: (n, total) => `${n} von ${total}`,
    next: (what) => `Als Nächstes: ${what}`,
    caseOrEnd: (n) => `Fall ${n} oder Ende der Sitzung`,
    case: (n) => `Fall ${n}`,
    announceCase: (n) => `Fall ${n}`,
    announcePaused: 'pausiert',
  },
  clock: {
    minutes: { one: '# Minute', other: '# Minuten' },
    seconds: { one: '# Sekunde', other: '# Sekunden' },
    left: (time) => `noch ${time}`,
    over: (time) => `${time} über der Zeit`,
  },
  member: {
    page: 'Mitglied',
    group: (code) => `Gruppe ${code}`,
    step: (n, total) => `Phase ${n} von ${total}`,
    offline: 'Neu verbinden… die angezeigte Zeit ist vielleicht nicht aktuell.',
    whatNow: 'Was jetzt zu tun ist',
    presenting: 'Sie stellen den Fall vor',
    lobby: 'Die Sitzung hat noch nicht begonnen. Nehmen Sie Platz und kommen Sie in Ruhe an.',
    ended: 'Die Sitzung ist beendet. Danke für Ihre Teilnahme.',
    offer: 'Ich bringe einen Fall ein',
    settings: 'Name, Sprache und Vibration',
    foot: 'Vertraulich: Nichts, was in der Gruppe gesagt wird, wird hier eingegeben oder gespeichert.',
  },
};
