import { canSend, isLanguage, LANGUAGES, type SessionView } from '@balint/shared';
import { useConsoleWords } from '../../i18n/console/words.ts';
import { LANGUAGE_NAMES } from '../../i18n/languages.ts';
import type { ConsoleModel } from './consoleModel.ts';

interface Props {
  view: SessionView;
  console: ConsoleModel;
  live: boolean;
}

/** The group's language, chosen in the lobby: every screen of the group follows it. */
export function LanguageChoice({ view, console: model, live }: Props) {
  const words = useConsoleWords();
  return (
    <section class="panel language-choice">
      <h2>
        <label for="group-language">{words.language}</label>
      </h2>
      <select
        id="group-language"
        value={view.language}
        disabled={!live || !canSend(view, 'setLanguage')}
        onChange={(event) => {
          const language = event.currentTarget.value;
          if (isLanguage(language) && language !== view.language) {
            void model.run({ type: 'setLanguage', language });
          }
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </section>
  );
}
