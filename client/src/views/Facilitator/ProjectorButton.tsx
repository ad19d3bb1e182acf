import { Icon } from '../../components/Icon.tsx';
import { useConsoleWords } from '../../i18n/console/words.ts';

interface Props {
  code: string;
}

/** Opens the projector display in a window of its own, to drag onto the projector's screen. */
export function ProjectorButton({ code }: Props) {
  const words = useConsoleWords();
  return (
    <button type="button" class="button console__projector" onClick={() => openProjector(code)}>
      <Icon name="screen" />
      {words.projector}
    </button>
  );
}

function openProjector(code: string): void {
  // This laptop's own address, not the LAN link for other devices: a projector driven by this
  // laptop is then a secure context on localhost, and Wake Lock keeps it awake with no click.
  // A named window: pressed again, the button brings the same window back instead of another.
  const url = `${location.origin}/d/${code}`;
  const opened = window.open(url, `balint-projector-${code}`, 'popup,width=1280,height=720');
  opened?.focus();
}
