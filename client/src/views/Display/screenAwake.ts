import { signal } from '@preact/signals-core';

export interface NoSleepLike {
  enable(): Promise<unknown>;
  disable(): void;
}

/** What ScreenAwake needs from the browser; tests pass a fake. */
export interface AwakeEnvironment {
  /** Wake Lock exists only in secure contexts (HTTPS, localhost). */
  wakeLock: Pick<WakeLock, 'request'> | null;
  /** Where gestures and visibility changes are heard (the window and document). */
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  visible: () => boolean;
  loadNoSleep: () => Promise<NoSleepLike>;
}

function browserEnvironment(): AwakeEnvironment {
  const secure = window.isSecureContext && 'wakeLock' in navigator;
  return {
    wakeLock: secure ? navigator.wakeLock : null,
    events: window,
    visible: () => document.visibilityState === 'visible',
    loadNoSleep: () => import('nosleep.js').then(({ default: NoSleep }) => new NoSleep()),
  };
}

// A click, not a pointerdown: a touch's pointerdown grants no user activation, and a prompt
// that vanished between pointerdown and click would swallow the click meant for full screen.
const GESTURES = ['click', 'keydown'] as const;

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

  constructor(private readonly env: AwakeEnvironment = browserEnvironment()) {
    if (env.wakeLock) {
      void this.acquire();
      // visibilitychange is dispatched on the document and bubbles to the window.
      env.events.addEventListener('visibilitychange', this.onVisibility);
    } else {
      this.needsGesture.value = true;
      // Loaded now so that the gesture handler can start the video synchronously.
      void env.loadNoSleep().then((noSleep) => {
        if (!this.disposed) this.noSleep = noSleep;
      });
      for (const type of GESTURES) env.events.addEventListener(type, this.onGesture);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.env.events.removeEventListener('visibilitychange', this.onVisibility);
    for (const type of GESTURES) this.env.events.removeEventListener(type, this.onGesture);
    void this.lock?.release().catch(() => undefined);
    this.noSleep?.disable();
  }

  private async acquire(): Promise<void> {
    try {
      this.lock = (await this.env.wakeLock?.request('screen')) ?? null;
    } catch {
      // Refused (battery saver, a hidden tab): tried again when the page is visible again.
      this.lock = null;
    }
  }

  /** The browser drops the lock when the tab is hidden; take it again on return. */
  private readonly onVisibility = (): void => {
    if (this.env.visible() && !this.disposed) void this.acquire();
  };

  private readonly onGesture = (): void => {
    if (!this.noSleep) return;
    this.noSleep.enable().then(
      () => {
        this.needsGesture.value = false;
        for (const type of GESTURES) this.env.events.removeEventListener(type, this.onGesture);
      },
      () => undefined,
    );
  };
}
