import { useText } from '../i18n/dictionary.ts';

interface Props {
  class?: string;
}

/** The group's ground rules, as a list, in the language of this screen. */
export function GroundRules({ class: className }: Props) {
  const text = useText();
  return (
    <ul class={`ground-rules ${className ?? ''}`}>
      {text.groundRules.rules.map((rule) => (
        <li key={rule}>{rule}</li>
      ))}
    </ul>
  );
}
