/** Inline icons (no icon font, nothing fetched); decorative, so hidden from screen readers. */
const PATHS = {
  play: 'M8 5v14l11-7z',
  pause: 'M7 5h4v14H7zM13 5h4v14h-4z',
  next: 'M6 6l8.5 6L6 18zM16 6h2v12h-2z',
  back: 'M18 6L9.5 12 18 18zM6 6h2v12H6z',
  plus: 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z',
  stop: 'M6 6h12v12H6z',
  reset: 'M12 5a7 7 0 1 1-6.7 5h2.1A5 5 0 1 0 12 7v3L8 6l4-4z',
  fullscreen: 'M4 4h6v2H6v4H4zM14 4h6v6h-2V6h-4zM4 14h2v4h4v2H4zM18 14h2v6h-6v-2h4z',
  copy: 'M8 8h11v12H8zM5 4h11v2H7v10H5z',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 8a7 7 0 0 1 14 0z',
  screen: 'M3 5h18v11H3zM9 18h6v2H9z',
} as const;

export type IconName = keyof typeof PATHS;

interface Props {
  name: IconName;
}

export function Icon({ name }: Props) {
  return (
    <svg
      class="icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
