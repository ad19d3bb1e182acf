import { MEMBER_NAME_MAX } from '@balint/shared';
import { useState } from 'preact/hooks';
import { useText } from '../../i18n/dictionary.ts';
import { useValue } from '../../models/useValue.ts';
import { canVibrate, type MemberPrefs } from './memberPrefs.ts';

interface Props {
  prefs: MemberPrefs;
  onNameChange: () => void;
}

/** The member's optional display name and vibration opt-in. */
export function MemberSettings({ prefs, onNameChange }: Props) {
  const [draft, setDraft] = useState(prefs.name.peek());
  const vibrate = useValue(prefs.vibrate);
  const vibration = canVibrate();
  const text = useText().member;
  return (
    <details class="member__details">
      <summary>{text.settings}</summary>
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
    </details>
  );
}
