import type { ComponentChildren } from 'preact';

interface Props {
  id: string;
  checked: boolean;
  onChange(checked: boolean): void;
  label: ComponentChildren;
  hint: ComponentChildren;
}

/** A checkbox of the create form with the sentence that explains it, read with it. */
export function HintedCheck({ id, checked, onChange, label, hint }: Props) {
  const hintId = `${id}-hint`;
  return (
    <>
      <label class="home__check">
        <input
          type="checkbox"
          checked={checked}
          aria-describedby={hintId}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        {label}
      </label>
      <p id={hintId} class="home__hint">
        {hint}
      </p>
    </>
  );
}
