import { useConsoleWords } from '../../i18n/console/words.ts';

interface Props {
  text: string | null;
  onDismiss: () => void;
}

/** A refused command, said over the page for a few seconds: nothing below it moves. */
export function RefusalNotice({ text, onDismiss }: Props) {
  const words = useConsoleWords().refused;
  if (!text) return null;
  return (
    <div class="notice" role="alert">
      <p>{text}</p>
      <button type="button" class="button button--quiet" onClick={onDismiss}>
        {words.dismiss}
      </button>
    </div>
  );
}
