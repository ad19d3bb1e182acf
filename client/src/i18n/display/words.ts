import { OwnWords, useOwnWords } from '../pageWords.ts';
import type { DisplayWords } from './en.ts';

/** The projector's own words, one chunk per language. */
export const displayWords = new OwnWords<DisplayWords>({
  en: () => import('./en.ts').then((module) => module.en),
  de: () => import('./de.ts').then((module) => module.de),
  hu: () => import('./hu.ts').then((module) => module.hu),
});

/** The projector's own words, once the page has them. */
export function useDisplayWords(): DisplayWords {
  return useOwnWords(displayWords);
}
