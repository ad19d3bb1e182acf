import { type Command, canSend, MINUTE_MS, type SessionView } from '@balint/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Icon, type IconName } from '../../components/Icon.tsx';
import { useConsoleWords } from '../../i18n/console/words.ts';
import type { ConsoleModel } from './consoleModel.ts';
import { type ShortcutAction, shortcutFor, shortcutsShown } from './shortcuts.ts';

interface Props {
  view: SessionView;
  console: ConsoleModel;
  live: boolean;
}

type Confirming = 'end' | 'reset' | null;

interface ActionButtonProps {
  icon: IconName;
  label: string;
  disabled: boolean;
  onClick: () => void;
  variant?: 'primary' | 'danger';
  shortcut?: string;
}

function ActionButton({ icon, label, disabled, onClick, variant, shortcut }: ActionButtonProps) {
  return (
    <button
      type="button"
      class={`button ${variant ? `button--${variant}` : ''}`}
      disabled={disabled}
      onClick={(event) => {
        // After a mouse click, give focus back to the page: otherwise the next Space (pause)
        // would press this button again, e.g. a second "Next phase".
        if (event.detail > 0) event.currentTarget.blur();
        onClick();
      }}
      aria-keyshortcuts={shortcut}
    >
      <Icon name={icon} />
      {label}
    </button>
  );
}

/** The facilitator's buttons, enabled only where the session machine would accept them. */
export function Controls({ view, console: model, live }: Props) {
  const words = useConsoleWords().controls;
  const [confirming, setConfirming] = useState<Confirming>(null);
  const can = (type: Command['type']) => live && canSend(view, type);
  const run = (command: Command) => void model.run(command);
  const toggle = () => {
    if (can('pause')) run({ type: 'pause' });
    else if (can('resume')) run({ type: 'resume' });
  };

  // One listener for the page's lifetime, always acting on the latest view.
  const onShortcut = useRef<(action: ShortcutAction) => void>(() => undefined);
  onShortcut.current = (action) => {
    if (confirming) return;
    if (action === 'toggle') toggle();
    else if (action === 'extend') {
      if (can('extend')) run({ type: 'extend', ms: MINUTE_MS });
    } else if (can(action)) run({ type: action });
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      if (!action) return;
      event.preventDefault();
      onShortcut.current(action);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const inReflection = view.phase === 'reflection';
  const ended = view.phase === 'ended';
  return (
    <section class="controls" aria-label={words.label}>
      <div class="controls__row">
        {view.phase === 'lobby' ? (
          <ActionButton
            icon="play"
            label={words.start}
            variant="primary"
            disabled={!can('start')}
            onClick={() => run({ type: 'start' })}
          />
        ) : ended ? (
          <ActionButton
            icon="reset"
            label={words.reset}
            variant="primary"
            disabled={!can('reset')}
            onClick={() => setConfirming('reset')}
          />
        ) : view.running ? (
          <ActionButton
            icon="pause"
            label={words.pause}
            variant="primary"
            shortcut="Space"
            disabled={!can('pause')}
            onClick={toggle}
          />
        ) : (
          <ActionButton
            icon="play"
            label={words.resume}
            variant="primary"
            shortcut="Space"
            disabled={!can('resume')}
            onClick={toggle}
          />
        )}
        <ActionButton
          icon="back"
          label={words.back}
          shortcut="ArrowLeft"
          disabled={!can('back')}
          onClick={() => run({ type: 'back' })}
        />
        {inReflection ? (
          <ActionButton
            icon="next"
            label={words.nextCase}
            disabled={!can('nextCase')}
            onClick={() => run({ type: 'nextCase' })}
          />
        ) : (
          <ActionButton
            icon="next"
            label={words.nextPhase}
            shortcut="ArrowRight"
            disabled={!can('next')}
            onClick={() => run({ type: 'next' })}
          />
        )}
      </div>
      <div class="controls__row">
        <ActionButton
          icon="plus"
          label={words.minutes(1)}
          shortcut="+"
          disabled={!can('extend')}
          onClick={() => run({ type: 'extend', ms: MINUTE_MS })}
        />
        <ActionButton
          icon="plus"
          label={words.minutes(5)}
          disabled={!can('extend')}
          onClick={() => run({ type: 'extend', ms: 5 * MINUTE_MS })}
        />
        <ActionButton
          icon="stop"
          label={inReflection ? words.endSession : words.end}
          variant="danger"
          // The machine would end a session never started; the console does not offer it.
          disabled={view.phase === 'lobby' || !can('end')}
          onClick={() => setConfirming('end')}
        />
      </div>
      <p class="controls__keys">
        <span class="visually-hidden">{words.keys}</span>
        {shortcutsShown(words).map((shortcut) => (
          <span key={shortcut.keys} class="controls__key">
            <kbd>{shortcut.keys}</kbd> {shortcut.action}
          </span>
        ))}
      </p>
      <ConfirmDialog
        open={confirming === 'end'}
        title={words.endTitle}
        body={words.endBody}
        confirmLabel={words.endConfirm}
        onConfirm={() => run({ type: 'end' })}
        onClose={() => setConfirming(null)}
      />
      <ConfirmDialog
        open={confirming === 'reset'}
        title={words.resetTitle}
        body={words.resetBody}
        confirmLabel={words.resetConfirm}
        onConfirm={() => run({ type: 'reset' })}
        onClose={() => setConfirming(null)}
      />
    </section>
  );
}
