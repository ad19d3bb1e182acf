import type { HomeWords } from './en.ts';

export const hu: HomeWords = {
  notFound: {
    title: 'Az oldal nem található',
    body: 'Ez a cím nem a Balint Timer oldala. Ellenőrizze a linket, vagy kezdje újra.',
  },
  lead: 'Nyugodt időmérő Bálint-csoportoknak. A csoportvezető laptopja vezet végig az öt szakaszon, a kivetítő a hátralévő időt mutatja, a tagok pedig a telefonjukon követik.',
  confidentialTitle: 'Bizalmasságra tervezve.',
  confidential:
    'Soha ne írjon ide esettartalmat: se betegadatot, se jegyzetet. Az esetbemutatóról legfeljebb egy keresztnév vagy monogram szerepel, és a csoport lejártakor minden törlődik.',
  joinTitle: 'Csatlakozás tagként',
  joinLead: 'Írja be a kivetítőn látható hatkarakteres kódot.',
  joinCode: 'Csatlakozási kód',
  join: 'Csatlakozás',
  malformed: 'A csatlakozási kód hat betűből és számjegyből áll, például K7M2QX.',
  missing: (code) =>
    `Nincs ${code} kódú csoport. Vesse össze a kivetítőn látható kóddal, és próbálja újra.`,
  limited: 'Túl sok kódot próbált. Várjon egy percet, aztán próbálja újra.',
  unreachable: 'A szerver nem érhető el. Ellenőrizze a kapcsolatot.',
  checkFailed: 'A szerver nem tudta ellenőrizni a kódot. Próbálja újra.',
  continueTitle: 'Folytatás ezen az eszközön',
  unnamed: 'Névtelen csoport',
  standingGroup: 'állandó csoport, minden héten',
  standing: 'Állandó csoport, amely minden héten találkozik',
  standingHint:
    'Hétről hétre ugyanaz a kód, kulcs és link marad, és jelenléti ívet vezet (csak nevek és dátumok, soha semmi az esetről) a képzési portfólióhoz.',
  created: (time) => `létrehozva: ${time}`,
  createTitle: 'Csoport indítása',
  createLead:
    'A csoportvezetőnek: állítsa be a szakaszok hosszát, és nyissa meg a vezérlőpultot, amellyel az ülést vezeti.',
  openCreate: 'Új csoport indítása',
  name: 'A csoport neve (nem kötelező)',
  namePlaceholder: 'pl. keddi háziorvosi csoport',
  language: 'A csoport nyelve',
  languageHint:
    'A csoport minden képernyője ezen a nyelven szól: a kivetítő, a telefonok, a szakaszok neve.',
  lengths: 'A szakaszok hossza percben',
  remembered: 'Ahogy legutóbb ezen az eszközön.',
  cases: 'Esetek ezen az ülésen',
  sittingLength: (length: string) => `Ezekkel a hosszakkal összesen kb. ${length}.`,
  autoAdvance: 'Automatikus továbblépés, amikor egy szakasz ideje lejár',
  autoAdvanceHint:
    'Alapból kikapcsolva: amikor lejár az idő, az óra csendesen tovább számol, és senkit sem szakítunk félbe. A Tovább gombbal lép tovább. Az utolsó szakasz bekapcsolva sem ér véget magától.',
  badLengths: 'Minden szakasz hossza 1 másodperc és 180 perc között legyen.',
  rateLimited: 'Innen túl sok csoport jött létre. Várjon egy kicsit, aztán próbálja újra.',
  createFailed: (status) =>
    `A szerver nem tudta létrehozni a csoportot (${status}). Próbálja újra.`,
  creating: 'Létrehozás…',
  create: 'Csoport létrehozása és a vezérlőpult megnyitása',
};
