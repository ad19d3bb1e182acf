import { GROUND_RULES } from '@balint/shared';

interface Props {
  class?: string;
}

/** The group's ground rules, as a list. */
export function GroundRules({ class: className }: Props) {
  return (
    <ul class={`ground-rules ${className ?? ''}`}>
      {GROUND_RULES.map((rule) => (
        <li key={rule}>{rule}</li>
      ))}
    </ul>
  );
}
