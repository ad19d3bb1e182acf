import { OwnWords, useOwnWords } from '../pageWords.ts';
import type { HomeWords } from './en.ts';

/** The start page's own words (and the unknown page's), one chunk per language. */
export const homeWords = new OwnWords<HomeWords>({
  en: () => import('./en.ts').then((module) => module.en),
  de: () => import('./de.ts').then((module) => module.de),
  hu: () => import('./hu.ts').then((module) => module.hu),
});

/** The start page's own words, once the page has them. */
export function useHomeWords(): HomeWords {
  return useOwnWords(homeWords);
}
