import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { useText } from '../i18n/dictionary.ts';

interface Props {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  /** More than a sentence to weigh (a list of changes), shown after the body. */
  children?: ComponentChildren;
}

/** A modal confirmation in the page (<dialog>: focus is trapped, Escape cancels). */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
  children,
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  // Several dialogs live in one page: each is named by its own title.
  const titleId = useId();
  const text = useText();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} class="dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      <p>{body}</p>
      {children}
      <div class="dialog__actions">
        <button type="button" class="button" onClick={onClose} autofocus>
          {text.cancel}
        </button>
        <button
          type="button"
          class="button button--primary"
          onClick={() => {
            onConfirm();
            onClose();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
