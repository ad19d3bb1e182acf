import { type Command, canSend, MINUTE_MS, type SessionView } from '@balint/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Icon, type IconName } from '../../components/Icon.tsx';
import type { ConsoleModel } from './consoleModel.ts';
import { SHORTCUTS, type ShortcutAction, shortcutFor } from './shortcuts.ts';

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
    <section class="controls" aria-label="Session controls">
      <div class="controls__row">
        {view.phase === 'lobby' ? (
          <ActionButton
            icon="play"
            label="Start session"
            variant="primary"
            disabled={!can('start')}
            onClick={() => run({ type: 'start' })}
          />
        ) : ended ? (
          <ActionButton
            icon="reset"
            label="Reset to lobby…"
            variant="primary"
            disabled={!can('reset')}
            onClick={() => setConfirming('reset')}
          />
        ) : view.running ? (
          <ActionButton
            icon="pause"
            label="Pause"
            variant="primary"
            shortcut="Space"
            disabled={!can('pause')}
            onClick={toggle}
          />
        ) : (
          <ActionButton
            icon="play"
            label="Resume"
            variant="primary"
            shortcut="Space"
            disabled={!can('resume')}
            onClick={toggle}
          />
        )}
        <ActionButton
          icon="back"
          label="Back"
          shortcut="ArrowLeft"
          disabled={!can('back')}
          onClick={() => run({ type: 'back' })}
        />
        {inReflection ? (
          <ActionButton
            icon="next"
            label="Next case"
            disabled={!can('nextCase')}
            onClick={() => run({ type: 'nextCase' })}
          />
        ) : (
          <ActionButton
            icon="next"
            label="Next phase"
            shortcut="ArrowRight"
            disabled={!can('next')}
            onClick={() => run({ type: 'next' })}
          />
        )}
      </div>
      <div class="controls__row">
        <ActionButton
          icon="plus"
          label="1 min"
          shortcut="+"
          disabled={!can('extend')}
          onClick={() => run({ type: 'extend', ms: MINUTE_MS })}
        />
        <ActionButton
          icon="plus"
          label="5 min"
          disabled={!can('extend')}
          onClick={() => run({ type: 'extend', ms: 5 * MINUTE_MS })}
        />
        <ActionButton
          icon="stop"
          label={inReflection ? 'End session…' : 'End…'}
          variant="danger"
          // The machine would end a session never started; the console does not offer it.
          disabled={view.phase === 'lobby' || !can('end')}
          onClick={() => setConfirming('end')}
        />
      </div>
      <p class="controls__keys">
        <span class="visually-hidden">Keyboard shortcuts: </span>
        {SHORTCUTS.map((shortcut) => (
          <span key={shortcut.keys} class="controls__key">
            <kbd>{shortcut.keys}</kbd> {shortcut.action}
          </span>
        ))}
      </p>
      <ConfirmDialog
        open={confirming === 'end'}
        title="End the session?"
        body="Every screen will show that the session has ended. The presenter's name is cleared. You can reset to the lobby afterwards."
        confirmLabel="End session"
        onConfirm={() => run({ type: 'end' })}
        onClose={() => setConfirming(null)}
      />
      <ConfirmDialog
        open={confirming === 'reset'}
        title="Reset to the lobby?"
        body="The session goes back to the lobby with the same plan, ready to start again from case 1."
        confirmLabel="Reset"
        onConfirm={() => run({ type: 'reset' })}
        onClose={() => setConfirming(null)}
      />
    </section>
  );
}
