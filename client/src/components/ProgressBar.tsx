interface Props {
  /** Elapsed share of the phase, 0–1. */
  progress: number;
  overtime: boolean;
  class?: string;
}

const WIDTH = 1000;

/** A thin, quiet bar of the phase's elapsed time (SVG, so no inline style is needed). */
export function ProgressBar({ progress, overtime, class: className }: Props) {
  return (
    <svg
      class={`progress ${overtime ? 'progress--overtime' : ''} ${className ?? ''}`}
      viewBox={`0 0 ${WIDTH} 4`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect class="progress__track" width={WIDTH} height="4" />
      <rect class="progress__fill" width={Math.round(progress * WIDTH)} height="4" />
    </svg>
  );
}
