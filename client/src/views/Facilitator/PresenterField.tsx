import { canSend, PRESENTER_NAME_MAX, type SessionView } from '@balint/shared';
import { useState } from 'preact/hooks';
import { useConsoleWords } from '../../i18n/console/words.ts';
import type { ConsoleModel } from './consoleModel.ts';

interface Props {
  view: SessionView;
  console: ConsoleModel;
  live: boolean;
}

/** The presenter's first name or initials; never case details. */
export function PresenterField({ view, console: model, live }: Props) {
  const all = useConsoleWords();
  const words = all.presenterField;
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? view.presenter ?? '';
  const editable = live && canSend(view, 'setPresenter');
  return (
    <form
      class="panel presenter"
      aria-labelledby="presenter-title"
      onSubmit={(event) => {
        event.preventDefault();
        // Saved: the keyboard goes back to the page, so → and Space work again at once.
        const focused = event.currentTarget.querySelector<HTMLElement>(':focus');
        focused?.blur();
        void model.run({ type: 'setPresenter', name: value.trim() }).then((ack) => {
          if (ack?.ok) setDraft(null);
        });
      }}
    >
      <h2 id="presenter-title">{all.presenter}</h2>
      <div class="presenter__row">
        <label for="presenter-name" class="visually-hidden">
          {words.label}
        </label>
        <input
          id="presenter-name"
          type="text"
          autocomplete="off"
          maxLength={PRESENTER_NAME_MAX}
          value={value}
          disabled={!editable}
          aria-describedby="presenter-hint"
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit" class="button" disabled={!editable || draft === null}>
          {words.save}
        </button>
      </div>
      <p id="presenter-hint" class="hint">
        {words.hint}
      </p>
    </form>
  );
}
