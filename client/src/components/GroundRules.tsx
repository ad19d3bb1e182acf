import { useText } from '../i18n/dictionary.ts';
import { GROUND_RULES } from './groundRulesText.ts';

interface Props {
  class?: string;
}

/** The group's ground rules, as a list, in the language of this screen. */
export function GroundRules({ class: className }: Props) {
  const rules = GROUND_RULES[useText().locale];
  return (
    <ul class={`ground-rules ${className ?? ''}`}>
      {rules.map((rule) => (
        <li key={rule}>{rule}</li>
      ))}
    </ul>
  );
}
