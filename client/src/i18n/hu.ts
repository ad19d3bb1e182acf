import type { Dictionary } from './en.ts';

// As Hungarian Bálint groups speak (esetbemutatás, esetbemutató, csoportvezető, szakasz), formal
// "Ön"; the phase names and prompts themselves are shared/src/phaseTexts.ts's.
export const hu: Dictionary = {
  locale: 'hu',
  connection: {
    connecting: 'Kapcsolódás…',
    reconnecting: 'Újrakapcsolódás…',
    rateLimited: 'Túl sok próbálkozás: hamarosan újra…',
    live: 'Kapcsolódva',
  },
  cancel: 'Mégse',
  groundRules: {
    title: 'Alapszabályok',
  },
  session: {
    waiting: 'A kezdésre várunk',
    ended: 'Az ülés véget ért',
    paused: 'Szünetel',
    step: (n, total) => `${n} / ${total}`,
    next: (what) => `Következik: ${what}`,
    caseOrEnd: (n) => `${n}. eset vagy az ülés vége`,
    case: (n) => `${n}. eset`,
    announceCase: (n) => `${n}. eset`,
    announcePaused: 'szünetel',
  },
  clock: {
    // Hungarian nouns stay singular after a numeral: 1 perc, 3 perc.
    minutes: { one: '# perc', other: '# perc' },
    seconds: { one: '# másodperc', other: '# másodperc' },
    left: (time) => `még ${time}`,
    over: (time) => `Időtúllépés: ${time}`,
  },
  member: {
    page: 'Csoporttag',
    group: (code) => `${code} csoport`,
    step: (n, total) => `${n}. szakasz az ${total}-ből`,
    offline: 'Újrakapcsolódás… lehet, hogy a kijelzett idő nem pontos.',
    whatNow: 'Mi a teendő most',
    presenting: 'Ön mutatja be az esetet',
    lobby: 'Az ülés még nem kezdődött el. Foglaljon helyet, és érkezzen meg nyugodtan.',
    ended: 'Az ülés véget ért. Köszönjük, hogy részt vett.',
    offer: 'Hoznék egy esetet',
    settings: 'Név, nyelv és rezgés',
    foot: 'Bizalmas: a csoportban elhangzottakat itt nem írjuk be és nem tároljuk.',
  },
};
