interface Props {
  /** Changes only when the phase does, so screen readers hear each phase once. */
  message: string;
}

/** A polite live region for phase changes (never the seconds). */
export function PhaseAnnouncer({ message }: Props) {
  return (
    <div class="visually-hidden" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
