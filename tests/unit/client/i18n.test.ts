import { LANGUAGES, type Language } from '@balint/shared';
import { describe, expect, it } from 'vitest';
import { CLOSED_WORDS } from '../../../client/src/components/closedWords.ts';
import { CUE_WORDS } from '../../../client/src/components/cueWords.ts';
import { GROUND_RULES } from '../../../client/src/components/groundRulesText.ts';
import { de as consoleDe } from '../../../client/src/i18n/console/de.ts';
import { en as consoleEn } from '../../../client/src/i18n/console/en.ts';
import { hu as consoleHu } from '../../../client/src/i18n/console/hu.ts';
import { de } from '../../../client/src/i18n/de.ts';
import { de as displayDe } from '../../../client/src/i18n/display/de.ts';
import { en as displayEn } from '../../../client/src/i18n/display/en.ts';
import { hu as displayHu } from '../../../client/src/i18n/display/hu.ts';
import { en } from '../../../client/src/i18n/en.ts';
import { formatLocale } from '../../../client/src/i18n/formatLocale.ts';
import { de as homeDe } from '../../../client/src/i18n/home/de.ts';
import { en as homeEn } from '../../../client/src/i18n/home/en.ts';
import { hu as homeHu } from '../../../client/src/i18n/home/hu.ts';
import { hu } from '../../../client/src/i18n/hu.ts';
import { browserLanguage, LANGUAGE_NAMES } from '../../../client/src/i18n/languages.ts';
import { plural } from '../../../client/src/i18n/plural.ts';
import { de as registerDe } from '../../../client/src/i18n/register/de.ts';
import { en as registerEn } from '../../../client/src/i18n/register/en.ts';
import { hu as registerHu } from '../../../client/src/i18n/register/hu.ts';
import {
  announcement,
  nextText,
  phaseStep,
  phaseTitle,
} from '../../../client/src/models/phaseText.ts';
import { LATE_WORDS } from '../../../client/src/views/Member/lateWords.ts';
import { SETTINGS_WORDS } from '../../../client/src/views/Member/settingsWords.ts';
import { makeView } from './views.ts';

/**
 * Every set of words, per language: the shared ones, each page's own, and the parts a phone loads
 * only when it shows them.
 */
const SETS: Record<string, Readonly<Record<Language, unknown>>> = {
  shared: { en, de, hu },
  display: { en: displayEn, de: displayDe, hu: displayHu },
  home: { en: homeEn, de: homeDe, hu: homeHu },
  console: { en: consoleEn, de: consoleDe, hu: consoleHu },
  register: { en: registerEn, de: registerDe, hu: registerHu },
  closed: CLOSED_WORDS,
  cues: CUE_WORDS,
  groundRules: GROUND_RULES,
  late: LATE_WORDS,
  settings: SETTINGS_WORDS,
};

/** Arguments enough for every word that takes some: a name or code, a count, then more text. */
const SAMPLE_ARGUMENTS = ['K7M2QX', 5, '19:30', '20:00', 'Dr B'] as const;

/** Words that a language writes just as English does. */
const SAME_AS_ENGLISH: Record<Language, readonly string[]> = {
  en: [],
  de: ['Code', 'Name'],
  hu: [],
};

/** Each leaf of a dictionary as [path, text]; a function is called with sample arguments. */
function leaves(words: unknown, path = ''): Array<[string, string]> {
  if (typeof words === 'string') return [[path, words]];
  if (typeof words === 'function') return [[`${path}()`, String(words(...SAMPLE_ARGUMENTS))]];
  if (Array.isArray(words))
    return words.flatMap((item, index) => leaves(item, `${path}[${index}]`));
  return Object.entries(words as object).flatMap(([key, value]) =>
    leaves(value, path ? `${path}.${key}` : key),
  );
}

describe('the dictionaries', () => {
  for (const [name, set] of Object.entries(SETS)) {
    it(`[L5] ${name}: every language has every key of the English, and nothing more`, () => {
      const keys = leaves(set.en).map(([path]) => path);
      for (const language of LANGUAGES) {
        expect(
          leaves(set[language]).map(([path]) => path),
          language,
        ).toEqual(keys);
      }
    });

    it(`[L5] ${name}: no text is empty, undefined or left in English`, () => {
      const english = new Map(leaves(set.en));
      for (const language of LANGUAGES) {
        for (const [path, text] of leaves(set[language])) {
          expect(text.trim(), `${language} ${path}`).not.toBe('');
          expect(text, `${language} ${path}`).not.toMatch(/undefined|NaN|\[object/);
          // Only the English may say it in English (a number or a code alone is the same in all).
          if (
            language !== 'en' &&
            /[a-z]{3}/i.test(text) &&
            path !== 'locale' &&
            !SAME_AS_ENGLISH[language].some((same) => new RegExp(`^${same}\\b`).test(text))
          ) {
            expect(text, `${language} ${path} is still English`).not.toBe(english.get(path));
          }
        }
      }
    });
  }

  it('each knows its own language', () => {
    expect([en.locale, de.locale, hu.locale]).toEqual(['en', 'de', 'hu']);
  });

  it('say the formal "Sie" in German and never the informal "du"', () => {
    const german = Object.values(SETS).flatMap((set) => leaves(set.de).map(([, text]) => text));
    expect(german.join(' ')).not.toMatch(/\b(du|dich|dir|dein\w*)\b/i);
    expect(german.join(' ')).toMatch(/\bSie\b/);
  });

  it('name every language in its own words', () => {
    expect(LANGUAGE_NAMES).toEqual({ en: 'English', de: 'Deutsch', hu: 'Magyar' });
  });
});

describe('plurals through Intl.PluralRules', () => {
  it('count in each language’s own way (Hungarian has no plural after a numeral)', () => {
    const minutes = (words: typeof en, count: number) =>
      plural(words.locale, count, words.clock.minutes);
    expect([minutes(en, 1), minutes(en, 3)]).toEqual(['1 minute', '3 minutes']);
    expect([minutes(de, 1), minutes(de, 3)]).toEqual(['1 Minute', '3 Minuten']);
    expect([minutes(hu, 1), minutes(hu, 3)]).toEqual(['1 perc', '3 perc']);
    expect(plural('de', 0, de.clock.seconds)).toBe('0 Sekunden');
  });

  it('say "n times" in Hungarian with the suffix that the numeral’s sound asks for', () => {
    expect([2, 3, 4, 5, 10, 20, 45].map(consoleHu.fit.times)).toEqual([
      'még kétszer',
      'még 3-szor',
      'még 4-szer',
      'még 5-ször',
      'még 10-szer',
      'még 20-szor',
      'még 45-ször',
    ]);
  });
});

describe('the browser’s language', () => {
  it('[L6] proposes the first the screens speak, else English', () => {
    expect(browserLanguage(['de-AT', 'en-GB'])).toBe('de');
    expect(browserLanguage(['fr-FR', 'HU'])).toBe('hu');
    expect(browserLanguage(['fr-FR', 'it'])).toBe('en');
    expect(browserLanguage([])).toBe('en');
  });

  it('writes times in the browser’s own variant of the language in use', () => {
    expect(formatLocale('en', ['en-GB', 'de'])).toBe('en-GB');
    expect(formatLocale('de', ['en-US', 'de-AT'])).toBe('de-AT');
    expect(formatLocale('hu', ['en-US'])).toBe('hu');
  });
});

describe('phase texts in the group’s language', () => {
  const german = (phase: Parameters<typeof makeView>[0]) =>
    makeView({ language: 'de', ...phase, plan: [] });

  it('say where the session is and what comes next in German', () => {
    expect(phaseTitle(german({ phase: 'lobby' }), de)).toBe('Vor dem Beginn');
    expect(phaseTitle(german({ phase: 'ended' }), de)).toBe('Sitzung beendet');
    expect(nextText(german({ phase: 'reflection', caseNumber: 1 }), de)).toBe(
      'Fall 2 oder Ende der Sitzung',
    );
    expect(phaseStep(german({ phase: 'discussion' }), hu)).toBe('4 / 5');
  });

  it('announce a new case and a pause in Hungarian', () => {
    const view = makeView({ phase: 'questions', running: false, caseNumber: 2 });
    expect(announcement(view, hu)).toBe('Clarifying questions, 2. eset, szünetel');
  });
});
