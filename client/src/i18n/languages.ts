import { DEFAULT_LANGUAGE, isLanguage, type Language } from '@balint/shared';

/** Each language by its own name, as its speakers look for it in a list. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  de: 'Deutsch',
  hu: 'Magyar',
};

/** The first of the browser's languages the screens speak ("de-AT" → de), else English. */
export function browserLanguage(locales: readonly string[] = navigator.languages): Language {
  return (
    locales.map((locale) => locale.toLowerCase().split('-')[0]).find(isLanguage) ?? DEFAULT_LANGUAGE
  );
}
