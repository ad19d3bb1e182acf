import type { Language } from '@balint/shared';

/**
 * The locale to write times in for a language: the browser's own variant of it where it has one
 * (en-GB writes 20:39, en-US 8:39 PM), else the language itself.
 */
export function formatLocale(
  language: Language,
  locales: readonly string[] = navigator.languages,
): string {
  return locales.find((locale) => locale.toLowerCase().split('-')[0] === language) ?? language;
}
