import type { SessionView } from '@balint/shared';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { browserAvailable, openScreen, type Screen, shown, truthAt } from './browser.ts';
import { eventually } from './server.ts';
import { useStage } from './stage.ts';

const PROJECTOR = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };
const STEP_MS = 5_000;

/**
 * Runs before the page's own scripts: `Date` becomes a wall clock the test can step, as
 * network time or a laptop waking up steps a real one. `performance.now()` is left alone, as a
 * real step leaves it.
 */
function installSteppableDate(): void {
  const RealDate = Date;
  let stepMs = 0;
  class SteppedDate extends RealDate {
    // biome-ignore lint/suspicious/noExplicitAny: Date's constructor overloads, passed through
    constructor(...args: any[]) {
      if (args.length === 0) super(RealDate.now() + stepMs);
      // @ts-expect-error: the overloads of Date's constructor, passed through as given
      else super(...args);
    }
    static override now(): number {
      return RealDate.now() + stepMs;
    }
  }
  Object.assign(window, {
    Date: SteppedDate,
    stepWallClock: (ms: number) => {
      stepMs += ms;
    },
  });
}

/** The page's flips, stamped with the machine's true time (which the test itself never steps). */
async function recordTrueFlips(screen: Screen): Promise<void> {
  await screen.page.evaluate(() => {
    const target = document.querySelector('.digits > span[aria-hidden="true"]');
    const flips: Array<[number, string]> = [];
    Object.assign(window, { trueFlips: flips });
    if (!target) return;
    new MutationObserver(() =>
      flips.push([performance.timeOrigin + performance.now(), target.textContent ?? '']),
    ).observe(target, { characterData: true, childList: true, subtree: true });
  });
}

function secondsOf(text: string): number {
  const [minutes, seconds] = text.split(':').map(Number);
  return (minutes ?? 0) * 60 + (seconds ?? 0);
}

const enabled = browserAvailable();

describe.skipIf(!enabled)('a screen whose wall clock steps', () => {
  const stage = useStage();

  it('keeps showing the server’s time when the projector’s and a phone’s clocks jump 5 s', async () => {
    const { server, browser, watch } = stage;
    const { code, facilitatorKey } = await server.createGroup('Clock step group');
    const facilitator = io(server.url, {
      auth: { code, role: 'facilitator', key: facilitatorKey },
      transports: ['websocket'],
      forceNew: true,
    });
    try {
      const screens: Screen[] = [];
      for (const [name, path, viewport] of [
        ['display', 'd', PROJECTOR],
        ['member', 'm', PHONE],
      ] as const) {
        const screen = await openScreen(browser, watch, name, 'about:blank', viewport);
        await screen.context.addInitScript(installSteppableDate);
        await screen.page.goto(`${server.url}/${path}/${code}`);
        screens.push(screen);
      }
      await new Promise<void>((resolve) => facilitator.once('session', () => resolve()));
      const ack = await facilitator.timeout(5000).emitWithAck('command', { type: 'start' });
      expect(ack.ok).toBe(true);
      const view = (await server.view(code)) as SessionView;
      await eventually(async () => {
        for (const screen of screens) expect((await shown(screen.page)).phase).toBe('opening');
      });
      // Let the first burst of clock pings finish: the screens are synced.
      await new Promise((done) => setTimeout(done, 1_500));

      for (const screen of screens) {
        await recordTrueFlips(screen);
        await screen.page.evaluate((ms) => {
          (window as unknown as { stepWallClock(ms: number): void }).stepWallClock(ms);
        }, STEP_MS);
        expect(
          await screen.page.evaluate(() => Date.now() - performance.timeOrigin - performance.now()),
        ).toBeGreaterThan(STEP_MS - 100);
      }
      await new Promise((done) => setTimeout(done, 4_500));

      for (const screen of screens) {
        const now = await shown(screen.page);
        const truth = truthAt(view, Date.now());
        expect(now.overtime, screen.name).toBe(false);
        expect(
          Math.abs((now.seconds ?? 0) - truth.seconds),
          `${screen.name} shows`,
        ).toBeLessThanOrEqual(1);
        const flips = await screen.page.evaluate(
          () => (window as unknown as { trueFlips: Array<[number, string]> }).trueFlips,
        );
        expect(flips.length, `${screen.name} flipped every second`).toBeGreaterThanOrEqual(4);
        for (const [at, text] of flips) {
          // The moment the server's remaining time crossed into this digit.
          const due =
            view.serverTime + view.phaseBudgetMs - view.phaseElapsedMs - secondsOf(text) * 1000;
          // Loopback round trips are a few ms; the rest is timer and rendering slack.
          expect(Math.abs(at - due), `${screen.name} flipped to ${text}`).toBeLessThan(150);
        }
      }
      expect(watch.consoleErrors).toEqual([]);
      expect(watch.foreignRequests).toEqual([]);
    } finally {
      facilitator.close();
    }
  });
});
