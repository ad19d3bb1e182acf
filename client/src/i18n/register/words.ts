import { OwnWords, useOwnWords } from '../pageWords.ts';
import type { RegisterWords } from './en.ts';

/** The register page's own words, one chunk per language. */
export const registerWords = new OwnWords<RegisterWords>({
  en: () => import('./en.ts').then((module) => module.en),
  de: () => import('./de.ts').then((module) => module.de),
  hu: () => import('./hu.ts').then((module) => module.hu),
});

/** The register page's own words, once the page has them. */
export function useRegisterWords(): RegisterWords {
  return useOwnWords(registerWords);
}
