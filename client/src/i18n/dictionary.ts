import type { Language } from '@balint/shared';
import { batch, signal } from '@preact/signals-core';
import { useEffect } from 'preact/hooks';
import { useValue } from '../models/useValue.ts';
import type { Dictionary } from './en.ts';

type Loaders<Words> = Readonly<Record<Language, () => Promise<Words>>>;

/** Each language is its own chunk: a phone downloads only the one it speaks. */
const LOADERS: Loaders<Dictionary> = {
  en: () => import('./en.ts').then((module) => module.en),
  de: () => import('./de.ts').then((module) => module.de),
  hu: () => import('./hu.ts').then((module) => module.hu),
};

/** The shared words the page shows: null until the first are in, then the last loaded. */
export const dictionary = signal<Dictionary | null>(null);

let wanted: Language | null = null;

/**
 * A page's own words beside the shared ones (the projector's, the start page's): `load` fetches
 * them and resolves with what shows them, so that both switch in the same moment.
 */
export interface PageWords {
  shows(language: Language): boolean;
  load(language: Language): Promise<() => void>;
}

/**
 * Loads a language (and a page's own words in it) and then shows it, `<html lang>` included.
 * Until it is in, the page keeps the words it has, so nothing is shown in one language and then
 * swapped; the latest call wins.
 */
export function showLanguage(language: Language, page?: PageWords): void {
  wanted = language;
  if (dictionary.peek()?.locale === language && (!page || page.shows(language))) return;
  Promise.all([LOADERS[language](), page?.load(language)]).then(
    ([text, showPage]) => {
      if (wanted !== language) return;
      document.documentElement.lang = language;
      batch(() => {
        dictionary.value = text;
        showPage?.();
      });
    },
    // Offline before the chunk came: the page keeps its words, and the next call tries again.
    () => undefined,
  );
}

/** Speaks `language` (once known) and returns the shared words shown, null until some are in. */
export function useLanguage(language: Language | null, page?: PageWords): Dictionary | null {
  useEffect(() => {
    if (language) showLanguage(language, page);
  }, [language, page]);
  return useValue(dictionary);
}

/** The shared words of the language in use, for parts a page renders once it has them. */
export function useText(): Dictionary {
  return loaded(useValue(dictionary));
}

/** The shared words shown now; for code that runs only once a page has them. */
export function currentText(): Dictionary {
  return loaded(dictionary.peek());
}

export function loaded<Words>(words: Words | null): Words {
  if (!words) throw new Error('Words were asked for before the page had loaded them');
  return words;
}
