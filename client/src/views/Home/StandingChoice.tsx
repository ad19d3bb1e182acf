interface Props {
  standing: boolean;
  onChange(standing: boolean): void;
}

/** The create form's choice of a standing group: the same code every week, and a register. */
export function StandingChoice({ standing, onChange }: Props) {
  return (
    <>
      <label class="home__check">
        <input
          type="checkbox"
          checked={standing}
          aria-describedby="standing-hint"
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        A standing group that meets every week
      </label>
      <p id="standing-hint" class="home__hint">
        Keeps the same code, key and links week after week, and a register of who attended (names
        and dates only, never anything about a case) for training portfolios.
      </p>
    </>
  );
}
