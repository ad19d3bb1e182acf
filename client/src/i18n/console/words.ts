import { OwnWords, useOwnWords } from '../pageWords.ts';
import type { ConsoleWords } from './en.ts';

/** The console's own words, one chunk per language. */
export const consoleWords = new OwnWords<ConsoleWords>({
  en: () => import('./en.ts').then((module) => module.en),
  de: () => import('./de.ts').then((module) => module.de),
  hu: () => import('./hu.ts').then((module) => module.hu),
});

/** The console's own words, once the page has them. */
export function useConsoleWords(): ConsoleWords {
  return useOwnWords(consoleWords);
}
