import { useHomeWords } from '../../i18n/home/words.ts';

interface Props {
  standing: boolean;
  onChange(standing: boolean): void;
}

/** The create form's choice of a standing group: the same code every week, and a register. */
export function StandingChoice({ standing, onChange }: Props) {
  const text = useHomeWords();
  return (
    <>
      <label class="home__check">
        <input
          type="checkbox"
          checked={standing}
          aria-describedby="standing-hint"
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        {text.standing}
      </label>
      <p id="standing-hint" class="home__hint">
        {text.standingHint}
      </p>
    </>
  );
}
