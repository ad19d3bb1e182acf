import { isLanguage, LANGUAGES, type Language } from '@balint/shared';
import { useText } from '../../i18n/dictionary.ts';
import { LANGUAGE_NAMES } from '../../i18n/languages.ts';
import { useValue } from '../../models/useValue.ts';
import type { MemberPrefs } from './memberPrefs.ts';
import { SETTINGS_WORDS } from './settingsWords.ts';

interface Props {
  prefs: MemberPrefs;
  group: Language;
}

/**
 * This phone's own interface language, the group's unless chosen. Each language is named in its
 * own words, so a visitor finds theirs whatever the page speaks now.
 */
export function LanguageChoice({ prefs, group }: Props) {
  const text = SETTINGS_WORDS[useText().locale];
  const own = useValue(prefs.language);
  return (
    <div class="member__language">
      <label for="member-language">{text.language}</label>
      <select
        id="member-language"
        value={own ?? ''}
        aria-describedby="member-language-hint"
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          prefs.setLanguage(isLanguage(chosen) ? chosen : null);
        }}
      >
        <option value="">{text.groupLanguage(LANGUAGE_NAMES[group])}</option>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
      <p id="member-language-hint" class="muted member__hint">
        {text.languageHint}
      </p>
    </div>
  );
}
