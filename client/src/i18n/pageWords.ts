import type { Language } from '@balint/shared';
import { signal } from '@preact/signals-core';
import { useValue } from '../models/useValue.ts';
import { loaded, type PageWords } from './dictionary.ts';

/** One page's own words, one chunk per language, loaded and shown with the shared ones. */
export class OwnWords<Words> implements PageWords {
  readonly words = signal<Words | null>(null);
  private language: Language | null = null;

  constructor(private readonly loaders: Readonly<Record<Language, () => Promise<Words>>>) {}

  shows(language: Language): boolean {
    return this.language === language;
  }

  async load(language: Language): Promise<() => void> {
    const words = await this.loaders[language]();
    return () => {
      this.language = language;
      this.words.value = words;
    };
  }
}

/** A page's own words, for parts it renders once it has them. */
export function useOwnWords<Words>(page: OwnWords<Words>): Words {
  return loaded(useValue(page.words));
}
