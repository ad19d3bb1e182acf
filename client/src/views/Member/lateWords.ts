import type { Language } from '@balint/shared';

/** The late member's notice in each language: loaded with the notice, only when it shows. */
export const LATE_WORDS: Readonly<
  Record<
    Language,
    { presentation: string; questions: string; discussion: string; reflection: string; ok: string }
  >
> = {
  en: {
    presentation: 'A case is being presented: come in quietly and listen.',
    questions: 'The group is asking questions: come in quietly.',
    discussion: 'The group is in the discussion: come in quietly; the presenter is listening.',
    reflection: 'The presenter is responding to the group: come in quietly.',
    ok: 'OK',
  },
  de: {
    presentation: 'Gerade wird ein Fall vorgestellt: Kommen Sie leise dazu und hören Sie zu.',
    questions: 'Die Gruppe stellt Informationsfragen: Kommen Sie leise dazu.',
    discussion: 'Die Gruppe ist in der Diskussion: Kommen Sie leise dazu; der Fallgeber hört zu.',
    reflection: 'Der Fallgeber antwortet der Gruppe: Kommen Sie leise dazu.',
    ok: 'OK',
  },
  hu: {
    presentation: 'Épp esetbemutatás folyik: jöjjön be csendben, és figyeljen.',
    questions: 'A csoport kérdez: jöjjön be csendben.',
    discussion: 'A csoport épp megbeszél: jöjjön be csendben; az esetbemutató hallgat.',
    reflection: 'Az esetbemutató válaszol a csoportnak: jöjjön be csendben.',
    ok: 'Rendben',
  },
};
