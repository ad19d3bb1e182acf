import type { Language } from './languages.ts';
import { DEFAULT_PROMPTS, PHASES, type PhaseId, type RolePrompts } from './phases.ts';

/** What the screens say of the phases in one language: titles and default prompts. */
export interface PhaseTexts {
  readonly titles: Readonly<Record<PhaseId, string>>;
  readonly prompts: Readonly<Record<PhaseId, RolePrompts>>;
}

const english: PhaseTexts = {
  titles: {
    opening: PHASES.opening.title,
    presentation: PHASES.presentation.title,
    questions: PHASES.questions.title,
    discussion: PHASES.discussion.title,
    reflection: PHASES.reflection.title,
  },
  prompts: DEFAULT_PROMPTS,
};

// The method's own words as German groups use them: Fallvorstellung, Fallgeber, zurücklehnen.
const german: PhaseTexts = {
  titles: {
    opening: 'Eröffnung & Fallwahl',
    presentation: 'Fallvorstellung',
    questions: 'Informationsfragen',
    discussion: 'Gruppendiskussion',
    reflection: 'Rückkehr des Fallgebers',
  },
  prompts: {
    opening: {
      member:
        'Wer hat einen Fall? Notizen sind nicht nötig: Die Leitung lädt jemanden ein, einen Fall vorzustellen.',
      presenter:
        'Wenn Ihnen eine Patientin oder ein Patient nachgeht, können Sie den Fall anbieten, wenn die Leitung fragt. Notizen sind nicht nötig.',
    },
    presentation: {
      member:
        'Hören Sie zu. Achten Sie auf Ihre Gefühle, auf Bilder und Reaktionen, die auftauchen. Bitte nicht unterbrechen.',
      presenter:
        'Erzählen Sie aus dem Gedächtnis die Geschichte des Patienten und Ihre eigene Geschichte mit ihm.',
    },
    questions: {
      member: 'Nur Sachfragen. Deutungen und Einfälle bitte für später aufheben.',
      presenter: 'Antworten Sie kurz und sachlich.',
    },
    discussion: {
      member:
        'Was mag der Patient fühlen? Was die Ärztin oder der Arzt? Keine Lösungen, keine Ratschläge.',
      presenter:
        'Lehnen Sie sich zurück und hören Sie zu. Sie werden wieder in die Runde eingeladen.',
    },
    reflection: {
      member: 'Hören Sie dem Fallgeber zu. Das Gesagte muss nicht verteidigt werden.',
      presenter: 'Sie sind wieder eingeladen. Wie war es, der Gruppe zuzuhören?',
    },
  },
};

// Hungarian, as Balint's own country says it: esetbemutatás, esetbemutató, hátradőlni.
const hungarian: PhaseTexts = {
  titles: {
    opening: 'Nyitás és esetválasztás',
    presentation: 'Esetbemutatás',
    questions: 'Tisztázó kérdések',
    discussion: 'Csoportmegbeszélés',
    reflection: 'Az esetbemutató visszatér',
  },
  prompts: {
    opening: {
      member:
        'Kinek van esete? Jegyzet nem szükséges: a csoportvezető felkér valakit az esetbemutatásra.',
      presenter:
        'Ha egy beteg nem megy ki a fejéből, felajánlhatja az esetet, amikor a csoportvezető kérdezi. Jegyzet nem szükséges.',
    },
    presentation: {
      member:
        'Figyeljen. Vegye észre az érzéseit, a felmerülő képeket és reakciókat. Kérjük, ne szakítsa félbe.',
      presenter: 'Mesélje el emlékezetből a beteg történetét, és a saját történetét a beteggel.',
    },
    questions: {
      member: 'Csak tényekre kérdezzen rá. Az értelmezéseket és ötleteket tartsa meg későbbre.',
      presenter: 'Válaszoljon röviden, a tényekre szorítkozva.',
    },
    discussion: {
      member: 'Mit érezhet a beteg? Mit érezhet az orvos? Se megoldás, se tanács.',
      presenter: 'Dőljön hátra és hallgassa a csoportot. Később visszahívjuk a körbe.',
    },
    reflection: {
      member: 'Hallgassa meg az esetbemutatót. Nem kell megvédeni, ami elhangzott.',
      presenter: 'Visszahívjuk a körbe. Milyen volt hallgatni a csoportot?',
    },
  },
};

/** Phase titles and default prompts in every language the screens speak. */
export const PHASE_TEXTS: Readonly<Record<Language, PhaseTexts>> = {
  en: english,
  de: german,
  hu: hungarian,
};

/** A phase's prompts for a group: its own where it set them, else the language's defaults. */
export function promptsFor(
  language: Language,
  own: Partial<Record<PhaseId, Partial<RolePrompts>>>,
  phase: PhaseId,
): RolePrompts {
  const defaults = PHASE_TEXTS[language].prompts[phase];
  return {
    member: own[phase]?.member ?? defaults.member,
    presenter: own[phase]?.presenter ?? defaults.presenter,
  };
}
