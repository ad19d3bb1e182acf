import { Icon } from '../../components/Icon.tsx';
import { useDisplayWords } from '../../i18n/display/words.ts';
import { useFullscreen } from './useIdle.ts';

/**
 * On plain HTTP the projector has no Wake Lock: it asks, large and in the middle of the room's
 * view, for the one click the fallback needs. The same click also fills the screen.
 */
export function KeepAwakePrompt() {
  const text = useDisplayWords();
  const fullscreen = useFullscreen();
  const canFill = document.fullscreenEnabled && !fullscreen;
  return (
    <section class="display__awake" aria-label={text.awake}>
      <button
        type="button"
        class="button button--primary display__awake-button"
        // The same click then reaches the window, where ScreenAwake starts its keep-awake video.
        onClick={() => {
          if (canFill) void document.documentElement.requestFullscreen().catch(() => undefined);
        }}
      >
        <Icon name="fullscreen" />
        {canFill ? text.awakeAndFill : text.awake}
      </button>
      <p class="display__awake-why">{text.awakeWhy}</p>
    </section>
  );
}
