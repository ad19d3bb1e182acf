import { type Language, MEMBER_NAME_MAX } from '@balint/shared';
import { useState } from 'preact/hooks';
import { useText } from '../../i18n/dictionary.ts';
import { useValue } from '../../models/useValue.ts';
import { LanguageChoice } from './LanguageChoice.tsx';
import { canVibrate, type MemberPrefs } from './memberPrefs.ts';
import { SETTINGS_WORDS } from './settingsWords.ts';
import './settings.css';

export interface MemberSettingsProps {
  prefs: MemberPrefs;
  group: Language;
  onNameChange: () => void;
}

/**
 * The phone's own settings: the member's optional display name, the interface language and
 * the vibration opt-in. Loaded when the member opens the panel (see SettingsPanel).
 */
export function MemberSettings({ prefs, group, onNameChange }: MemberSettingsProps) {
  const [draft, setDraft] = useState(prefs.name.peek());
  const vibrate = useValue(prefs.vibrate);
  const vibration = canVibrate();
  const text = SETTINGS_WORDS[useText().locale];
  return (
    <>
      <form
        class="member__name"
        onSubmit={(event) => {
          event.preventDefault();
          prefs.setName(draft);
          setDraft(prefs.name.peek());
          onNameChange();
        }}
      >
        <label for="member-name">{text.name}</label>
        <div class="member__row">
          <input
            id="member-name"
            type="text"
            autocomplete="given-name"
            maxLength={MEMBER_NAME_MAX}
            value={draft}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
          <button type="submit" class="button">
            {text.save}
          </button>
        </div>
      </form>
      <label class="member__check">
        <input
          type="checkbox"
          checked={vibrate}
          disabled={!vibration}
          onChange={(event) => {
            const on = event.currentTarget.checked;
            prefs.setVibrate(on);
            if (on) navigator.vibrate?.(60);
          }}
        />
        {text.vibrate}
      </label>
      <p class="muted member__hint">{vibration ? text.vibrateHint : text.cannotVibrate}</p>
      <LanguageChoice prefs={prefs} group={group} />
    </>
  );
}
