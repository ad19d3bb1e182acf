import type { Language } from '@balint/shared';

/**
 * The group's ground rules in each language. Only the screens that show them load them: the
 * projector (in the opening) and a phone once the member opens them.
 */
export const GROUND_RULES: Readonly<Record<Language, readonly [string, string, string]>> = {
  en: [
    'Everything said here is confidential.',
    'Everyone is listened to and respected.',
    'We commit to regular attendance.',
  ],
  de: [
    'Alles, was hier gesagt wird, bleibt vertraulich.',
    'Alle werden gehört und respektiert.',
    'Wir verpflichten uns zur regelmäßigen Teilnahme.',
  ],
  hu: [
    'Minden, ami itt elhangzik, bizalmas.',
    'Mindenkit meghallgatunk és tiszteletben tartunk.',
    'Vállaljuk a rendszeres részvételt.',
  ],
};
