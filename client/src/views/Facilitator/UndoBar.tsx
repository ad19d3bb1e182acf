import type { CommandType, SessionView } from '@balint/shared';
import { useEffect, useState } from 'preact/hooks';
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

const DONE: Partial<Record<CommandType, string>> = {
  start: 'Session started.',
  next: 'Moved to the next phase.',
  back: 'Went back a phase.',
  nextCase: 'Next case started.',
  end: 'Session ended.',
  reset: 'Back in the lobby.',
};

/**
 * For a few seconds after each step, a way to take it back. The bar's space is always kept, so
 * the controls below never jump.
 */
export function UndoBar({ view, console: model, live }: Props) {
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
          <span>{DONE[step.command] ?? 'Done.'}</span>
          <button
            type="button"
            class="button button--quiet undo__button"
            onClick={() => void model.run({ type: 'undo' })}
          >
            Undo
          </button>
        </p>
      )}
    </div>
  );
}
