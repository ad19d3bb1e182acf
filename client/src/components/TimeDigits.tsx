import { useText } from '../i18n/dictionary.ts';
import type { Reading } from '../models/countdown.ts';
import { clockText, clockWords } from '../models/phaseText.ts';

interface Props {
  reading: Reading | null;
  /** Not live: the digits are dimmed so a stale time is never taken for the real one. */
  stale: boolean;
  class?: string;
}

/** The big digits of a screen; overtime counts up in a muted warm colour. */
export function TimeDigits({ reading, stale, class: className }: Props) {
  const words = useText();
  if (!reading) return <p class={`digits ${className ?? ''}`}>–:––</p>;
  const text = clockText(reading);
  const classes = ['digits', className ?? ''];
  if (reading.countdown.overtime) classes.push('digits--overtime');
  if (stale) classes.push('digits--stale');
  // Wider texts ("+12:30", "1:05:00", "+1:05:00") get a smaller size, so they never overflow a screen.
  if (text.length >= 6) classes.push('digits--long');
  if (text.length >= 7) classes.push('digits--longer');
  if (text.length >= 8) classes.push('digits--longest');
  return (
    <p class={classes.join(' ')}>
      <span aria-hidden="true">{text}</span>
      <span class="visually-hidden">{clockWords(reading, words)}</span>
    </p>
  );
}
