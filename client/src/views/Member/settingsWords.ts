import type { Language } from '@balint/shared';

/** The phone's settings in each language: loaded with the settings panel, only when opened. */
const en = {
  name: 'Name shown to the facilitator (optional)',
  save: 'Save',
  vibrate: 'Vibrate when the phase changes',
  vibrateHint: 'Keep this page open. Vibration does not work on iPhones.',
  cannotVibrate: 'This phone cannot vibrate from a web page (iPhones never do).',
  language: 'Language on this phone',
  groupLanguage: (name: string) => `The group’s: ${name}`,
  languageHint: 'Phase names and prompts stay in the group’s language.',
};

type SettingsWords = typeof en;

export const SETTINGS_WORDS: Readonly<Record<Language, SettingsWords>> = {
  en,
  de: {
    name: 'Name, den die Leitung sieht (freiwillig)',
    save: 'Speichern',
    vibrate: 'Vibrieren, wenn die Phase wechselt',
    vibrateHint: 'Lassen Sie diese Seite offen. Auf iPhones gibt es keine Vibration.',
    cannotVibrate: 'Dieses Telefon kann von einer Webseite aus nicht vibrieren (iPhones nie).',
    language: 'Sprache auf diesem Telefon',
    groupLanguage: (name: string) => `Wie die Gruppe: ${name}`,
    languageHint: 'Phasennamen und Hinweise bleiben in der Sprache der Gruppe.',
  },
  hu: {
    name: 'Név, amelyet a csoportvezető lát (nem kötelező)',
    save: 'Mentés',
    vibrate: 'Rezgés szakaszváltáskor',
    vibrateHint: 'Hagyja nyitva ezt az oldalt. iPhone-on nincs rezgés.',
    cannotVibrate: 'Ez a telefon weboldalról nem tud rezegni (iPhone soha).',
    language: 'Nyelv ezen a telefonon',
    groupLanguage: (name: string) => `A csoport nyelve: ${name}`,
    languageHint: 'A szakaszok neve és a teendők a csoport nyelvén maradnak.',
  },
};
