import { attendance, chart } from '../register/hu.ts';
import type { ConsoleWords } from './en.ts';

/**
 * The suffix of "n times" after a numeral, which follows the sound of the number's last word:
 * 3-szor (háromszor), 4-szer (négyszer), 5-ször (ötször), 20-szor (hússzor).
 */
function timesSuffix(times: number): string {
  const ones = ['', 'szer', 'szer', 'szor', 'szer', 'ször', 'szor', 'szer', 'szor', 'szer'];
  const tens = ['szor', 'szer', 'szor', 'szor', 'szer', 'szer', 'szor', 'szer', 'szor', 'szer'];
  return ones[times % 10] || tens[Math.floor(times / 10) % 10] || 'szor';
}

export const hu: ConsoleWords = {
  attendance,
  chart,
  page: 'Vezérlőpult',
  untitled: 'Névtelen csoport',
  code: 'Kód',
  offline:
    'Nincs kapcsolat a szerverrel: újracsatlakozás… A mutatott idő elavult lehet; a vezérlők a kapcsolattal együtt térnek vissza.',
  overTime: 'Lejárt az idő, tovább számol',
  running: 'Fut',
  lastKnown: ' (utolsó ismert)',
  endedIdle: 'Az ülés véget ért. Állítsa vissza, hogy ugyanazzal a tervvel újra használja.',
  lobbyIdle: 'Ossza meg a kódot, és indítson, amikor a csoport készen áll.',
  next: 'Következik',
  case: 'Eset',
  presenter: 'Esetbemutató',
  notSet: 'nincs megadva',
  side: 'Ülés, terv, esetbemutató, jelenlévők, jelzések és linkek',
  language: 'A csoport nyelve',
  noKey: {
    title: 'Ez a böngésző nem vezérelheti az ülést',
    body: 'A vezérlőpulthoz a csoportvezetői link kell a kulcsával, ahogy a csoport létrehozásakor megjelent (vagy ahogy a csoportvezető társvezetői linkként megosztotta).',
    follow: 'Az ülést így is követheti:',
    member: 'Résztvevői nézet megnyitása',
    display: 'Kivetítő nézet megnyitása',
  },
  controls: {
    label: 'Az ülés vezérlése',
    start: 'Ülés indítása',
    reset: 'Vissza a váróba…',
    pause: 'Szünet',
    resume: 'Folytatás',
    back: 'Vissza',
    nextCase: 'Következő eset',
    nextPhase: 'Tovább',
    minutes: (minutes) => `${minutes} perc`,
    endSession: 'Ülés befejezése…',
    end: 'Befejezés…',
    keys: 'Billentyűparancsok: ',
    toggleKey: 'szünet / folytatás',
    nextKey: 'tovább',
    backKey: 'vissza',
    extendKey: 'még egy perc',
    space: 'Szóköz',
    endTitle: 'Befejezi az ülést?',
    endBody:
      'Minden képernyő mutatja, hogy az ülés véget ért. Az esetbemutató neve törlődik. Utána visszaállhat a váróba.',
    endConfirm: 'Ülés befejezése',
    resetTitle: 'Vissza a váróba?',
    resetBody: 'Az ülés ugyanazzal a tervvel visszatér a váróba, és újra indítható az 1. esettől.',
    resetConfirm: 'Visszaállítás',
  },
  undo: {
    start: 'Az ülés elindult.',
    next: 'Továbblépett a következő szakaszra.',
    back: 'Visszalépett egy szakaszt.',
    nextCase: 'Elkezdődött a következő eset.',
    end: 'Az ülés véget ért.',
    reset: 'Újra a váróban.',
    done: 'Kész.',
    undo: 'Visszavonás',
  },
  refused: {
    stale: 'Valaki más már továbbvitte az ülést; ez a képernyő most azt mutatja, hol tart.',
    other: 'A szerver ezt elutasította.',
    dismiss: 'Bezárás',
  },
  cues: 'Jelzések ezen az eszközön',
  plan: {
    title: 'Terv',
    refused: 'Hossz: 1 mp és 180 perc között',
    minutes: 'Percek.',
    auto: 'Az automatikus továbblépés be van kapcsolva: a szakaszok lépnek, ha lejár az idő (az utolsóból soha).',
    manual:
      'Ha lejár az idő, semmi sem lép tovább magától: az óra a túllépést számolja, amíg meg nem nyomja a Tovább gombot.',
    unit: 'perc',
  },
  presenterField: {
    label: 'Az esetbemutató keresztneve vagy monogramja',
    save: 'Mentés',
    hint: 'Csak keresztnév vagy monogram — az eset részletei soha.',
  },
  presence: {
    title: 'Kik vannak itt',
    members: { one: 'résztvevő', other: 'résztvevő' },
    displays: { one: 'kivetítő', other: 'kivetítő' },
    facilitators: { one: 'csoportvezető', other: 'csoportvezető' },
    presents: 'Bemutat',
    presentsWho: (name) => ` esetet: ${name}`,
    hint: 'Aki esetet ajánl fel, itt jelölve van; a „Bemutat” gomb az esetbemutató útmutatását adja annak a telefonnak.',
    presenting: 'esetet mutat be',
    offers: 'esetet ajánl fel',
  },
  sitting: {
    title: 'Az ülés',
    refused: '24 órán belüli időpont',
    planned: { one: '# eset tervezve', other: '# eset tervezve' },
    endsAt: 'Vége',
    set: 'Beállítás',
    clear: 'Törlés',
    fit: 'Igazítás a véghez…',
    shortest: 'A hátralévő szakaszok már a legrövidebbek.',
    setEnd: 'Adjon meg egy véget, hogy lássa, hogyan viszonyul hozzá a tempó.',
    fits: 'A terv belefér a végéig.',
    ended: 'Az ülés véget ért.',
    pace: 'Ebben a tempóban: ',
    ends: 'Az ülés vége',
    onTime: 'időben',
    over: (amount) => `${amount} túllépés`,
    spare: (amount) => `${amount} tartalék`,
    minUnit: 'perc',
    hourUnit: 'óra',
  },
  fit: {
    title: 'Igazítja az ülést a végéhez?',
    body: (projected, difference, end) =>
      `Ebben a tempóban az ülés ${projected}-kor ér véget: ${difference} a ${end}-i véghez képest. A futó szakasz megtartja az idejét; ezek a hátralévő szakaszok rövidebbek lennének:`,
    apply: { one: 'A változás alkalmazása', other: '# változás alkalmazása' },
    times: (times) => (times === 2 ? 'még kétszer' : `még ${times}-${timesSuffix(times)}`),
    still: (difference) => `Még így is: ${difference}. A többiről Ön és a csoport dönt.`,
    onTime: (end) => `Az ülés így ${end}-ig véget ér.`,
  },
  review: {
    title: 'Ez az ülés, ahogy lezajlott',
    attended: 'Kik voltak jelen',
    register: 'A jelenléti napló megnyitása',
    ordinary:
      'Egy alkalmi csoport nem vezet jelenlétet. Tartsa meg ezt a csoportot jövő hétre, hogy legyen jelenléti naplója.',
  },
  group: {
    title: 'Ez a csoport',
    kept: 'Megtartva: jövő héten ugyanaz a kód és ugyanazok a linkek.',
    deleting: 'Törlés…',
    deleted: 'A csoport törölve.',
    standing: 'Állandó csoport: minden héten ugyanaz a kód, kulcs és linkek.',
    register: 'Jelenléti napló',
    keep: 'A csoport megtartása jövő hétre',
    keepHint:
      'Minden héten ugyanaz a kód, kulcs és linkek, és napló arról, ki volt jelen (csak nevek és dátumok).',
    delete: 'A csoport törlése most',
    deleteTitle: 'Most törli a csoportot?',
    deleteStanding:
      'A csoport, az ülései és a jelenléti naplója azonnal törlődik minden képernyőn. Ez nem vonható vissza: ha szüksége van rá, előbb töltse le a naplót.',
    deleteOrdinary:
      'A csoport és minden adata azonnal törlődik minden képernyőn. Ez nem vonható vissza.',
    deleteConfirm: 'A csoport törlése',
  },
  links: {
    title: 'Csatlakozási linkek',
    member: 'A résztvevők telefonjai',
    qr: 'QR-kód telefonokhoz',
    qrOf: (url) => `QR-kód: ${url}`,
    display: 'Kivetítő nézet',
    cofacilitator: 'Társvezetői link',
    cofacilitatorHint:
      'Aki megnyitja ezt a linket, vezérelheti az ülést. Csak társvezetővel ossza meg.',
    console: 'Vezérlőpult-link kulccsal',
    copy: 'Másolás',
    selected: 'Kijelölve: a másoláshoz nyomja meg a Ctrl+C (⌘C) billentyűket',
    copied: 'Kimásolva',
  },
  projector: 'Kivetítő ablak megnyitása',
  who: {
    opening: 'A csoportvezető önkéntes esetbemutatót kér',
    presentation: 'Az esetbemutató elmondja a történetet',
    questions: 'A résztvevők csak tényekre kérdeznek',
    discussion: 'A résztvevők reflektálnak; az esetbemutató hátradől és hallgat',
    reflection: 'Az esetbemutató elmondja, milyen volt hallgatni a csoportot',
  },
};
