import type { CommandType } from '@balint/shared';
import type { ConsoleWords } from '../../i18n/console/en.ts';

/** Keys the console answers to, as shown on screen in the console's language. */
export function shortcutsShown(words: ConsoleWords['controls']) {
  return [
    { keys: words.space, action: words.toggleKey },
    { keys: '→', action: words.nextKey },
    { keys: '←', action: words.backKey },
    { keys: '+', action: words.extendKey },
  ];
}

export type ShortcutAction = 'toggle' | Extract<CommandType, 'next' | 'back' | 'extend'>;

interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** A held key repeats: one press is one command, so holding → never skips phases. */
  repeat?: boolean;
  target: EventTarget | null;
}

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
const PRESSABLE = new Set(['BUTTON', 'A', 'SUMMARY']);

/** The console action for a key press, or null (typing, modifiers, a held key, a focused button). */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
  if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return null;
  const target = event.target as (Partial<HTMLElement> & { tagName?: string }) | null;
  const tag = target?.tagName ?? '';
  if (TYPING.has(tag) || target?.isContentEditable) return null;
  if (target && typeof (target as Element).closest === 'function') {
    if ((target as Element).closest('dialog[open]')) return null;
  }
  switch (event.key) {
    case ' ':
    case 'Spacebar':
      // Space on a focused button presses that button; it is not a shortcut there.
      return PRESSABLE.has(tag) ? null : 'toggle';
    case 'ArrowRight':
      return 'next';
    case 'ArrowLeft':
      return 'back';
    case '+':
    case '=':
      return 'extend';
    default:
      return null;
  }
}
