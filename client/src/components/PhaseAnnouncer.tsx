interface Props {
  /** Changes only with the phase, a pause or a new case, so screen readers hear each once. */
  message: string;
}

/** A polite live region for phase changes and pauses (never the seconds). */
export function PhaseAnnouncer({ message }: Props) {
  return (
    <div class="visually-hidden" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
