import type { Language } from '@balint/shared';

const en = {
  notFound: {
    title: 'No such group',
    body: 'There is no group with this code. It may have expired, or the code may be mistyped.',
  },
  expired: {
    title: 'This group has ended',
    body: 'The group has expired or was closed, and its data has been deleted.',
  },
  invalid: {
    title: 'This link is not valid',
    body: 'The server did not accept this page’s request. Check the link and try again.',
  },
  code: (code: string) => `Group code: ${code}`,
  home: 'Go to the start page',
};

type ClosedWords = typeof en;

/** What a page says when it cannot follow the group, in each language: loaded with the notice. */
export const CLOSED_WORDS: Readonly<Record<Language, ClosedWords>> = {
  en,
  de: {
    notFound: {
      title: 'Diese Gruppe gibt es nicht',
      body: 'Es gibt keine Gruppe mit diesem Code. Vielleicht ist sie abgelaufen, oder der Code ist vertippt.',
    },
    expired: {
      title: 'Diese Gruppe ist beendet',
      body: 'Die Gruppe ist abgelaufen oder wurde geschlossen, und ihre Daten sind gelöscht.',
    },
    invalid: {
      title: 'Dieser Link ist ungültig',
      body: 'Der Server hat die Anfrage dieser Seite nicht angenommen. Prüfen Sie den Link und versuchen Sie es erneut.',
    },
    code: (code) => `Gruppencode: ${code}`,
    home: 'Zur Startseite',
  },
  hu: {
    notFound: {
      title: 'Nincs ilyen csoport',
      body: 'Ezzel a kóddal nincs csoport. Lehet, hogy lejárt, vagy elírta a kódot.',
    },
    expired: {
      title: 'Ez a csoport véget ért',
      body: 'A csoport lejárt vagy bezárták, az adatait töröltük.',
    },
    invalid: {
      title: 'Ez a link nem érvényes',
      body: 'A szerver nem fogadta el az oldal kérését. Ellenőrizze a linket, és próbálja újra.',
    },
    code: (code) => `Csoportkód: ${code}`,
    home: 'Vissza a kezdőlapra',
  },
};
