import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, browserAvailable, overflowing, screenshotPath } from './browser.ts';
import { eventually } from './server.ts';
import { PROJECTOR, SIZES, type Stage, useStage } from './stage.ts';

const enabled = browserAvailable();

/** A projector at http://192.168.x.y: not a secure context, so no Wake Lock API there. */
async function plainHttpProjector(stage: Stage, code: string) {
  const context = await stage.browser.newContext({ viewport: PROJECTOR });
  await context.addInitScript(() => {
    Object.defineProperty(window, 'isSecureContext', { value: false });
    Reflect.deleteProperty(Navigator.prototype, 'wakeLock');
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function playAndCount() {
      const counted = window as unknown as { plays?: number };
      counted.plays = (counted.plays ?? 0) + 1;
      return play.call(this);
    };
  });
  const errors: string[] = [];
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${stage.server.url}/d/${code}`);
  await page.locator('.display[data-status="live"]').waitFor();
  await page.waitForTimeout(300); // the fallback loads in the background
  return { context, page, errors };
}

const plays = (page: Page) =>
  page.evaluate(() => (window as unknown as { plays?: number }).plays ?? 0);

describe.skipIf(!enabled)('a projector on plain HTTP', () => {
  const stage = useStage();

  it('asks to keep the screen awake where nobody can miss it; one click keeps it awake and fills the screen', async () => {
    const group = await stage.server.createGroup('Plain HTTP room');
    const { context, page, errors } = await plainHttpProjector(stage, group.code);
    const prompt = page.getByRole('button', { name: /keep the screen awake/i });
    await prompt.waitFor();
    const size = await prompt.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return {
        fontPx: Number.parseFloat(getComputedStyle(element).fontSize),
        top: box.top,
        bottom: box.bottom,
        width: box.width,
      };
    });
    // Readable from the back of the room, and on the screen, not in a corner of it.
    expect(size.fontPx).toBeGreaterThanOrEqual(28);
    expect(size.width).toBeGreaterThanOrEqual(480);
    expect(size.top).toBeGreaterThanOrEqual(0);
    expect(size.bottom).toBeLessThanOrEqual(PROJECTOR.height);
    // It stays when the mouse rests (the full-screen button alone fades away).
    await page.waitForTimeout(3_300);
    expect(await prompt.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    for (const viewport of SIZES) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(60);
      await page.screenshot({ path: screenshotPath(`display-lobby-plain-http-${viewport.width}`) });
      expect(await overflowing(page), `at ${viewport.width}`).toEqual([]);
    }
    await page.setViewportSize(PROJECTOR);
    await prompt.click();
    await prompt.waitFor({ state: 'detached' });
    expect(await plays(page), 'the keep-awake video started').toBe(1);
    await eventually(async () =>
      expect(await page.evaluate(() => document.fullscreenElement !== null)).toBe(true),
    );
    expect(errors.join('\n'), 'browser console errors').toBe('');
    await context.close();
  });

  it('keeps the screen awake after a click anywhere, too', async () => {
    const group = await stage.server.createGroup('Plain HTTP, elsewhere');
    const { context, page, errors } = await plainHttpProjector(stage, group.code);
    const prompt = page.getByRole('button', { name: /keep the screen awake/i });
    await prompt.waitFor();
    await page.mouse.click(400, 400);
    await prompt.waitFor({ state: 'detached' });
    expect(await plays(page)).toBe(1);
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
    expect(errors.join('\n'), 'browser console errors').toBe('');
    await context.close();
  });
});
