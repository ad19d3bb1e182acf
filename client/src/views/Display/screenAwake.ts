import { signal } from '@preact/signals-core';

type NoSleepLike = { enable(): Promise<unknown>; disable(): void };

/**
 * Keeps a projector's screen on: the Screen Wake Lock API where the page is a secure context,
 * else NoSleep.js's silent video, which browsers only start after one user gesture.
 */
export class ScreenAwake {
  /** True until the one click or tap the fallback needs has happened. */
  readonly needsGesture = signal(false);

  private lock: WakeLockSentinel | null = null;
  private noSleep: NoSleepLike | null = null;
  private disposed = false;

  constructor() {
    if (window.isSecureContext && 'wakeLock' in navigator) {
      void this.acquire();
      document.addEventListener('visibilitychange', this.onVisibility);
    } else {
      this.needsGesture.value = true;
      // Loaded now so that the gesture handler can start the video synchronously.
      void import('nosleep.js').then(({ default: NoSleep }) => {
        if (!this.disposed) this.noSleep = new NoSleep();
      });
      window.addEventListener('pointerdown', this.onGesture);
      window.addEventListener('keydown', this.onGesture);
    }
  }

  dispose(): void {
    this.disposed = true;
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('pointerdown', this.onGesture);
    window.removeEventListener('keydown', this.onGesture);
    void this.lock?.release().catch(() => undefined);
    this.noSleep?.disable();
  }

  private async acquire(): Promise<void> {
    try {
      this.lock = await navigator.wakeLock.request('screen');
    } catch {
      // Refused (battery saver, a hidden tab): tried again when the page is visible again.
      this.lock = null;
    }
  }

  /** The browser drops the lock when the tab is hidden; take it again on return. */
  private readonly onVisibility = (): void => {
    if (document.visibilityState === 'visible' && !this.disposed) void this.acquire();
  };

  private readonly onGesture = (): void => {
    if (!this.noSleep) return;
    this.noSleep.enable().then(
      () => {
        this.needsGesture.value = false;
        window.removeEventListener('pointerdown', this.onGesture);
        window.removeEventListener('keydown', this.onGesture);
      },
      () => undefined,
    );
  };
}
