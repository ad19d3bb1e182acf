import { MEMBER_NAME_MAX } from '@balint/shared';
import { useState } from 'preact/hooks';
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
  return (
    <details class="member__details">
      <summary>Your name and vibration</summary>
      <form
        class="member__name"
        onSubmit={(event) => {
          event.preventDefault();
          prefs.setName(draft);
          setDraft(prefs.name.peek());
          onNameChange();
        }}
      >
        <label for="member-name">Name shown to the facilitator (optional)</label>
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
            Save
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
        Vibrate when the phase changes
      </label>
      <p class="muted member__hint">
        {vibration
          ? 'Keep this page open. Vibration does not work on iPhones.'
          : 'This phone cannot vibrate from a web page (iPhones never do).'}
      </p>
    </details>
  );
}
