import type { CommandType, SessionView } from '@balint/shared';
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleWords } from '../../i18n/console/en.ts';
import { useConsoleWords } from '../../i18n/console/words.ts';
import type { ConsoleModel } from './consoleModel.ts';

interface Props {
  view: SessionView;
  console: ConsoleModel;
  live: boolean;
}

/** How long the console offers Undo after a step (the server accepts it for 60 s). */
export const UNDO_OFFER_MS = 10_000;

/** The commands that move the session to another phase or case: a slip there costs most. */
const STEPS: ReadonlySet<CommandType> = new Set([
  'start',
  'next',
  'back',
  'nextCase',
  'end',
  'reset',
]);

/**
 * For a few seconds after each step, a way to take it back. The bar's space is always kept, so
 * the controls below never jump.
 */
export function UndoBar({ view, console: model, live }: Props) {
  const words = useConsoleWords().undo;
  const step = view.undoable && STEPS.has(view.undoable.command) ? view.undoable : null;
  const [shownFor, setShownFor] = useState<number | null>(null);
  useEffect(() => {
    if (!step) {
      setShownFor(null);
      return;
    }
    setShownFor(view.revision);
    const hide = setTimeout(() => setShownFor(null), UNDO_OFFER_MS);
    return () => clearTimeout(hide);
  }, [view.revision, step?.command]);
  const shown = step !== null && shownFor === view.revision && live;
  return (
    <div class="undo" aria-live="polite">
      {shown && (
        <p class="undo__bar">
          <span>{doneText(words, step.command)}</span>
          <button
            type="button"
            class="button button--quiet undo__button"
            onClick={() => void model.run({ type: 'undo' })}
          >
            {words.undo}
          </button>
        </p>
      )}
    </div>
  );
}

/** What the bar says was just done. */
function doneText(words: ConsoleWords['undo'], command: CommandType): string {
  switch (command) {
    case 'start':
    case 'next':
    case 'back':
    case 'nextCase':
    case 'end':
    case 'reset':
      return words[command];
    default:
      return words.done;
  }
}
