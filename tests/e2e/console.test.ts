import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  browserAvailable,
  openScreen,
  overflowing,
  type Screen,
  screenshotPath,
} from './browser.ts';
import { eventually } from './server.ts';
import {
  boxOf,
  holdBroadcasts,
  LAPTOP,
  openConsole,
  PROJECTOR,
  remoteConsole,
  SIZES,
  useStage,
} from './stage.ts';

const enabled = browserAvailable();

async function phaseOf(page: Page): Promise<string> {
  return (await page.locator('[data-phase]').getAttribute('data-phase')) ?? '';
}

async function shoot(screen: Screen, state: string): Promise<void> {
  const original = screen.page.viewportSize();
  for (const size of SIZES) {
    await screen.page.setViewportSize(size);
    await screen.page.waitForTimeout(60);
    await screen.page.screenshot({ path: screenshotPath(`${screen.name}-${state}-${size.width}`) });
    expect(await overflowing(screen.page), `${state} at ${size.width}`).toEqual([]);
  }
  if (original) await screen.page.setViewportSize(original);
}

describe.skipIf(!enabled)('the facilitator’s console through an evening', () => {
  const stage = useStage();

  it('opens the projector window from its first screen and shows the whole display link', async () => {
    const group = await stage.server.createGroup('Projector room');
    // Created on the room's network: the server's links point at the laptop's LAN address.
    const lan = 'http://192.168.100.123:3000';
    const links = {
      member: `${lan}/m/${group.code}`,
      display: `${lan}/d/${group.code}`,
      facilitator: `${lan}/f/${group.code}#key=${group.facilitatorKey}`,
    };
    const screen = await openConsole(stage, group, 'facilitator', { links });
    const { page } = screen;
    const open = page.getByRole('button', { name: 'Open projector window' });
    await open.waitFor();
    const box = await open.boundingBox();
    expect(box?.y ?? Infinity, 'above the fold at 1366×768').toBeLessThan(LAPTOP.height - 44);
    const [projector] = await Promise.all([page.waitForEvent('popup'), open.click()]);
    await projector.waitForURL(new RegExp(`/d/${group.code}$`));
    await projector.locator('.display[data-phase="lobby"]').waitFor();
    // The link field shows all of the link, code included.
    expect(await page.inputValue('#link-display')).toBe(links.display);
    const whole = await page
      .locator('#link-display')
      .evaluate(
        (field) =>
          field.scrollWidth <= field.clientWidth + 1 &&
          field.scrollHeight <= field.clientHeight + 1,
      );
    expect(whole, 'the display link is not cut off').toBe(true);
    await page
      .locator('section:has(#links-title)')
      .screenshot({ path: screenshotPath('facilitator-links-1366') });
    expect(await axeViolations(page)).toEqual([]);
    await shoot(screen, 'projector-button');
    expect(stage.watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    await screen.context.close();
  });

  it('lets a co-facilitator’s “already moved” notice go by itself, never moving the buttons', async () => {
    const group = await stage.server.createGroup('Two at the helm');
    let holding = false;
    const screen = await openConsole(stage, group, 'facilitator-stale', {
      prepare: (page) => holdBroadcasts(page, () => holding),
    });
    const { page } = screen;
    const other = await remoteConsole(stage.server.url, group.code, group.facilitatorKey);
    expect((await other.send({ type: 'start' })).ok).toBe(true);
    await eventually(async () => expect(await phaseOf(page)).toBe('opening'));

    // The other console moves on; this one has not heard yet, and presses → too.
    const staleNotice = async () => {
      holding = true;
      expect((await other.send({ type: 'next' })).ok).toBe(true);
      await page.keyboard.press('ArrowRight');
      await page.getByText(/already moved the session/).waitFor();
      holding = false;
    };
    await staleNotice();
    expect(await phaseOf(page), 'moved once, by the other console').toBe('presentation');
    const during = await boxOf(page, '.controls');
    await page.screenshot({ path: screenshotPath('facilitator-stale-notice-1366') });
    const shownAt = Date.now();
    await page
      .getByText(/already moved the session/)
      .waitFor({ state: 'detached', timeout: 10_000 });
    const shownMs = Date.now() - shownAt;
    expect(shownMs, 'long enough to read').toBeGreaterThan(2_000);
    const after = await boxOf(page, '.controls');
    expect(after.top, 'the notice does not push the controls down').toBe(during.top);

    // Shown again, it also goes as soon as the session moves on.
    await staleNotice();
    expect((await other.send({ type: 'pause' })).ok).toBe(true);
    await page
      .getByText(/already moved the session/)
      .waitFor({ state: 'detached', timeout: 1_500 });
    other.close();
    expect(stage.watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    await screen.context.close();
  });

  it('hands the keyboard back to the page once a field is saved with Enter', async () => {
    const group = await stage.server.createGroup('Keyboard evening');
    const screen = await openConsole(stage, group, 'facilitator-keys');
    const { page } = screen;
    await page.getByRole('button', { name: 'Start session', exact: true }).click();
    await eventually(async () => expect(await phaseOf(page)).toBe('opening'));

    await page.fill('#presenter-name', 'B.');
    await page.locator('#presenter-name').press('Enter');
    await eventually(async () =>
      expect(await page.locator('.now__facts').textContent()).toContain('B.'),
    );
    await page.keyboard.press('ArrowRight');
    await eventually(async () => expect(await phaseOf(page)).toBe('presentation'));

    await page.fill('#budget-reflection', '12');
    await page.locator('#budget-reflection').press('Enter');
    await eventually(async () => {
      const view = await stage.server.view(group.code);
      expect(view.plan.find((entry) => entry.phase === 'reflection')?.budgetMs).toBe(720_000);
    });
    await page.keyboard.press('ArrowRight');
    await eventually(async () => expect(await phaseOf(page)).toBe('questions'));
    expect((await stage.server.view(group.code)).revision, 'each command once').toBe(5);
    expect(stage.watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    await screen.context.close();
  });

  it('keeps the controls still when paused and when a budget is refused', async () => {
    const group = await stage.server.createGroup('Still buttons');
    const screen = await openConsole(stage, group, 'facilitator-still');
    const { page } = screen;
    await page.getByRole('button', { name: 'Start session', exact: true }).click();
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    const running = await boxOf(page, '.controls');
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Resume', exact: true }).waitFor();
    expect((await boxOf(page, '.controls')).top, 'paused: the controls stay put').toBe(running.top);

    const side = async () => ({
      reflection: (await boxOf(page, '#budget-reflection')).top,
      presenter: (await boxOf(page, '#presenter-name')).top,
    });
    const before = await side();
    await page.fill('#budget-questions', '0');
    await page.locator('#budget-questions').blur();
    expect(await page.getAttribute('#budget-questions', 'aria-invalid')).toBe('true');
    const describedBy = await page.getAttribute('#budget-questions', 'aria-describedby');
    expect(await page.locator(`#${describedBy}`).textContent()).toMatch(/180 min/);
    expect(await side(), 'a refused budget moves nothing below it').toEqual(before);
    expect((await boxOf(page, '.controls')).top).toBe(running.top);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('facilitator-refused-budget-1366') });
    expect(stage.watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    await screen.context.close();
  });

  it('offers no End before the start, and says plainly what follows the last phase', async () => {
    const group = await stage.server.createGroup('Two cases');
    const screen = await openConsole(stage, group, 'facilitator-words');
    const { page } = screen;
    const end = page.getByRole('button', { name: /^End/ });
    expect(await end.isDisabled(), 'no End in the lobby').toBe(true);
    const display = await openScreen(
      stage.browser,
      stage.watch,
      'display-words',
      `${stage.server.url}/d/${group.code}`,
      PROJECTOR,
    );
    const other = await remoteConsole(stage.server.url, group.code, group.facilitatorKey);
    expect((await other.send({ type: 'start' })).ok).toBe(true);
    await eventually(async () => expect(await end.isDisabled(), 'End once started').toBe(false));
    for (let step = 0; step < 4; step++) expect((await other.send({ type: 'next' })).ok).toBe(true);
    await eventually(async () => expect(await phaseOf(page)).toBe('reflection'));
    await eventually(async () => expect(await phaseOf(display.page)).toBe('reflection'));
    const consoleNext = await page.locator('.now__facts div').first().textContent();
    const displayNext = await display.page.locator('.display__next').textContent();
    for (const text of [consoleNext, displayNext]) {
      expect(text).not.toMatch(/Next case, or the end/);
      expect(text).toMatch(/Next:? ?Case 2 or the end of the session$/);
    }
    other.close();
    expect(stage.watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    await screen.context.close();
    await display.context.close();
  });
});
