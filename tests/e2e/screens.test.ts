import { isPhaseId } from '@balint/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  browserAvailable,
  flipTime,
  openScreen,
  overflowing,
  recordedFlips,
  recordFlips,
  type Screen,
  screenshotPath,
  shown,
  truthAt,
  widthOf,
} from './browser.ts';
import { eventually } from './server.ts';
import { LAPTOP, PHONE, PROJECTOR, useStage } from './stage.ts';

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

const enabled = browserAvailable();

describe.skipIf(!enabled)('the three screens against the real server', () => {
  const stage = useStage();

  /** Each screen in the right phase, live, and within 1 s of the server's truth. */
  async function expectScreens(code: string, screens: Screen[], phase: string): Promise<void> {
    const { server } = stage;
    await eventually(async () => {
      for (const screen of screens) {
        const now = await shown(screen.page);
        expect(now.phase, screen.name).toBe(phase);
        expect(now.status, screen.name).toBe('live');
      }
    }, 5_000);
    if (!isPhaseId(phase)) return;
    const view = await server.view(code);
    for (const screen of screens) {
      const now = await shown(screen.page);
      const truth = truthAt(view, Date.now());
      expect(now.seconds, `${screen.name} shows digits`).not.toBeNull();
      // One scale across the time-up boundary: …2, 1 (counting down), 0, -1 (over time).
      const shownIndex = now.overtime ? -(now.seconds ?? 0) : (now.seconds ?? 0);
      const truthIndex = truth.overtime ? -truth.seconds : truth.seconds;
      expect(
        Math.abs(shownIndex - truthIndex),
        `${screen.name} shows ${JSON.stringify(now)}, truth ${JSON.stringify(truth)}`,
      ).toBeLessThanOrEqual(1);
    }
  }

  async function expectAccessible(screens: Screen[]): Promise<void> {
    for (const screen of screens) {
      expect(await axeViolations(screen.page), `axe on ${screen.name}`).toEqual([]);
    }
  }

  /** Every screen at every size, e.g. display-running-1920.png. */
  async function snap(screens: Screen[], state: string, sizes = SIZES): Promise<void> {
    for (const screen of screens) {
      const original = screen.page.viewportSize();
      for (const size of sizes) {
        await screen.page.setViewportSize(size);
        await screen.page.waitForTimeout(60);
        await screen.page.screenshot({
          path: screenshotPath(`${screen.name}-${state}-${size.width}`),
        });
        expect(
          await overflowing(screen.page),
          `${screen.name} ${state} at ${size.width}: nothing spills out`,
        ).toEqual([]);
      }
      if (original) await screen.page.setViewportSize(original);
    }
  }

  async function click(page: Page, name: string): Promise<void> {
    await page.getByRole('button', { name, exact: true }).click();
  }

  async function confirm(page: Page, name: string): Promise<void> {
    await page.locator('dialog[open]').getByRole('button', { name, exact: true }).click();
  }

  it('runs a whole session on a console, a projector and two phones', async () => {
    const { server, browser, watch } = stage;
    // Home: create a group and land on the console, the key gone from the address bar.
    const facilitator = await openScreen(browser, watch, 'facilitator', `${server.url}/`, LAPTOP);
    const home: Screen = { ...facilitator, name: 'home' };
    // The start page draws its text once its words are in (no English first, no swap).
    await facilitator.page.locator('h1').first().waitFor();
    await expectAccessible([home]);
    await snap([home], 'start');
    await facilitator.page.fill('#group-name', 'Tuesday GP group');
    await facilitator.page.click('text=Create group and open the console');
    await facilitator.page.waitForURL(/\/f\/[A-Z0-9]{6}$/);
    const code = new URL(facilitator.page.url()).pathname.slice(3);
    expect(facilitator.page.url()).not.toContain('key=');
    const stored = await facilitator.page.evaluate(
      (c) => localStorage.getItem(`balint.key.${c}`),
      code,
    );
    expect(stored).toMatch(/^[\w-]{20,}$/);

    const display = await openScreen(
      browser,
      watch,
      'display',
      `${server.url}/d/${code}`,
      PROJECTOR,
    );
    const anna = await openScreen(browser, watch, 'member', `${server.url}/m/${code}`, PHONE);
    const ben = await openScreen(browser, watch, 'member-b', `${server.url}/m/${code}`, PHONE);
    const screens = [facilitator, display, anna, ben];
    await expectScreens(code, screens, 'lobby');

    // Anna names herself and presents; the console sees both members and her name.
    await anna.page.getByText('Your name, language and vibration').click();
    await anna.page.fill('#member-name', 'Anna');
    await click(anna.page, 'Save');
    await click(anna.page, 'I have a case to offer');
    await anna.page.getByText('Your name, language and vibration').click();
    await eventually(async () => {
      expect(await facilitator.page.locator('.presence__names').textContent()).toMatch(
        /Anna\s*offers a case/,
      );
      expect(await facilitator.page.locator('.presence__counts').textContent()).toMatch(
        /2\s*members\s*1\s*display/,
      );
    }, 5_000);
    // The facilitator picks her from Who is here: her phone, and no other, presents.
    await facilitator.page.getByRole('button', { name: /Presents the case: Anna/ }).click();
    await eventually(async () =>
      expect(await facilitator.page.locator('.now__facts').textContent()).toContain('Anna'),
    );
    await expectScreens(code, screens, 'lobby');
    await expectAccessible(screens);
    await snap([facilitator, display, anna], 'lobby');
    // A projector's QR code is scanned from a seat: at 1920×1080, at least ~400 px.
    expect(await widthOf(display.page, '.display__qr'), 'lobby QR').toBeGreaterThanOrEqual(400);

    // Start, then Next with the mouse.
    await click(facilitator.page, 'Start session');
    await expectScreens(code, screens, 'opening');
    await snap([display, anna], 'opening');
    expect(await widthOf(display.page, '.display__qr'), 'opening QR').toBeGreaterThanOrEqual(400);
    await click(facilitator.page, 'Next phase');
    await expectScreens(code, screens, 'presentation');

    // Every screen flips its digits on the server's second boundaries, together.
    for (const screen of screens) await recordFlips(screen.page);
    await facilitator.page.waitForTimeout(2_300);
    const running = await server.view(code);
    const lateness: number[] = [];
    for (const screen of screens) {
      const flips = await recordedFlips(screen.page);
      expect(flips.length, `${screen.name} flipped`).toBeGreaterThanOrEqual(2);
      for (const [at, text] of flips) {
        const [minutes, seconds] = text.split(':').map(Number);
        lateness.push(at - flipTime(running, (minutes ?? 0) * 60 + (seconds ?? 0)));
      }
    }
    console.info(`e2e: digit flips vs the server's second boundaries: ${lateness.join(', ')} ms`);
    // Typically 0–5 ms; the bounds leave room for a loaded CI machine, yet catch a countdown
    // that ticks on its own (up to a second off).
    expect(Math.min(...lateness), 'no screen flips early').toBeGreaterThanOrEqual(-25);
    expect(Math.max(...lateness), 'no screen flips late').toBeLessThanOrEqual(200);
    await expectAccessible(screens);
    await snap([facilitator, display, anna], 'running');

    // Pause with Space, right after a mouse click on Next: the key pauses, it does not press
    // the clicked button again. Every screen stands still on the same second.
    await facilitator.page.keyboard.press('Space');
    await eventually(async () =>
      expect(await facilitator.page.getByRole('button', { name: 'Resume' }).count()).toBe(1),
    );
    await expectScreens(code, screens, 'presentation');
    expect((await server.view(code)).running).toBe(false);
    const paused = await shown(display.page);
    await display.page.waitForTimeout(1_200);
    expect((await shown(display.page)).seconds).toBe(paused.seconds);
    expect(await anna.page.locator('.member__paused').textContent()).toBe('Paused');
    // Paused is seen at a glance: large on the projector, not a footnote; prominent on the console.
    const fontSize = (page: Page, selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
    await display.page.getByText('Paused', { exact: true }).waitFor();
    expect(await fontSize(display.page, '.display__paused')).toBeGreaterThanOrEqual(
      0.75 * (await fontSize(display.page, '.display__phase')),
    );
    await facilitator.page.locator('.now').getByText('Paused', { exact: true }).waitFor();
    expect(await fontSize(facilitator.page, '.now__state')).toBeGreaterThanOrEqual(20);
    await expectAccessible(screens);
    await snap([facilitator, display, anna], 'paused');
    await click(facilitator.page, 'Resume');
    // Commands carry the revision on screen: the next one waits for this one to land.
    await eventually(async () =>
      expect(await facilitator.page.getByRole('button', { name: 'Pause' }).count()).toBe(1),
    );

    // Extend by a minute (the + key) and by five (the button).
    const before = (await server.view(code)).phaseBudgetMs;
    await facilitator.page.keyboard.press('+');
    await eventually(async () =>
      expect((await server.view(code)).phaseBudgetMs).toBe(before + 60_000),
    );
    await eventually(async () =>
      expect(await facilitator.page.locator('.plan__added').textContent()).toBe('+1 min'),
    );
    await click(facilitator.page, '5 min');
    await eventually(async () =>
      expect((await server.view(code)).phaseBudgetMs).toBe(before + 360_000),
    );
    await expectScreens(code, screens, 'presentation');

    // Next phase with →, then a short budget there: over time, counting up in every screen.
    await facilitator.page.keyboard.press('ArrowRight');
    await expectScreens(code, screens, 'questions');
    await facilitator.page.fill('#budget-questions', '0.03');
    await facilitator.page.locator('#budget-questions').press('Enter');
    await eventually(async () => {
      for (const screen of screens)
        expect((await shown(screen.page)).overtime, screen.name).toBe(true);
    }, 6_000);
    await facilitator.page.waitForTimeout(1_100);
    await expectScreens(code, screens, 'questions');
    expect(await display.page.locator('.digits--overtime').count()).toBe(1);
    await expectAccessible(screens);
    await snap([facilitator, display, anna], 'overtime');

    // Discussion: the presenter sits back; the others get the discussion's norms.
    await click(facilitator.page, 'Next phase');
    await expectScreens(code, screens, 'discussion');
    expect(await anna.page.locator('.member__prompt').textContent()).toMatch(
      /sit back and listen/i,
    );
    expect(await ben.page.locator('.member__prompt').textContent()).toMatch(/no advice/i);
    await snap([anna, { ...ben, name: 'member-other' }], 'discussion', [PHONE]);

    // Reflection: Next is refused by design; Next case starts case 2.
    await click(facilitator.page, 'Next phase');
    await expectScreens(code, screens, 'reflection');
    expect(await anna.page.locator('.member__prompt').textContent()).toMatch(/invited back/i);
    expect(await facilitator.page.getByRole('button', { name: 'Next phase' }).count()).toBe(0);
    await click(facilitator.page, 'Next case');
    await expectScreens(code, screens, 'presentation');
    await eventually(async () => {
      const facts = await facilitator.page.locator('.now__facts').textContent();
      expect(facts).toContain('Case2');
      expect(facts).toContain('not set');
    });
    // Case 2 starts with nobody presenting: the first presenter's phone is a member's again.
    await eventually(async () =>
      expect(await anna.page.locator('.member__prompt').textContent()).toMatch(/Listen\. Notice/),
    );

    // A reloaded phone comes straight back, remembering its name.
    await ben.page.reload();
    await expectScreens(code, screens, 'presentation');
    expect(await anna.page.evaluate(() => localStorage.getItem('balint.member.name'))).toBe('Anna');

    // The server is killed and restarted: every screen says so, then recovers within 3 s.
    watch.restarting = true;
    await server.kill();
    await eventually(async () => {
      for (const screen of screens)
        expect((await shown(screen.page)).status, screen.name).not.toBe('live');
    }, 5_000);
    expect(await facilitator.page.locator('.console__offline').count()).toBe(1);
    expect(await display.page.locator('.digits--stale').count()).toBe(1);
    await snap([facilitator, display, anna], 'reconnecting');
    await server.start();
    const restartedAt = Date.now();
    await eventually(
      async () => {
        for (const screen of screens)
          expect((await shown(screen.page)).status, screen.name).toBe('live');
      },
      5_000,
      25,
    );
    const recoveryMs = Date.now() - restartedAt;
    expect(recoveryMs, 'screens live again after the restart').toBeLessThan(3_000);
    await expectScreens(code, screens, 'presentation');
    watch.restarting = false;

    // End (confirmed in a dialog), then reset to the lobby.
    // The confirmation is a modal named by its own title; Escape cancels it and hands focus back.
    await facilitator.page.getByRole('button', { name: 'End…', exact: true }).focus();
    await facilitator.page.keyboard.press('Enter');
    await facilitator.page.getByRole('dialog', { name: 'End the session?' }).waitFor();
    await facilitator.page.keyboard.press('ArrowRight'); // a shortcut must not act behind it
    await facilitator.page.keyboard.press('Escape');
    await facilitator.page.locator('dialog[open]').waitFor({ state: 'detached' });
    expect(await facilitator.page.evaluate(() => document.activeElement?.textContent)).toBe('End…');
    expect((await server.view(code)).phase).toBe('presentation');
    await click(facilitator.page, 'End…');
    await confirm(facilitator.page, 'End session');
    await expectScreens(code, screens, 'ended');
    await expectAccessible(screens);
    await snap([facilitator, display, anna], 'ended');
    await click(facilitator.page, 'Reset to lobby…');
    await facilitator.page.getByRole('dialog', { name: 'Reset to the lobby?' }).waitFor();
    await confirm(facilitator.page, 'Reset');
    await expectScreens(code, screens, 'lobby');

    // Back on the start page, this laptop offers its group's console and remembers the form.
    await facilitator.page.goto(`${server.url}/`);
    const again = facilitator.page.getByRole('link', { name: new RegExp(code) });
    await again.waitFor();
    expect(await facilitator.page.inputValue('#group-name')).toBe('Tuesday GP group');
    await expectAccessible([home]);
    await snap([home], 'continue');
    await again.click();
    await facilitator.page.waitForURL(new RegExp(`/f/${code}$`));
    await expectScreens(code, [facilitator], 'lobby');

    expect(watch.foreignRequests.join('\n'), 'requests to other hosts').toBe('');
    expect(watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    console.info(`e2e: screens recovered ${recoveryMs} ms after the server restarted`);
    for (const screen of screens) await screen.context.close();
  });

  it('hands a working console to a co-facilitator', async () => {
    const { server, browser, watch } = stage;
    const group = await server.createGroup('Two facilitators');
    const link = new URL(group.links.facilitator);
    const first = await openScreen(
      browser,
      watch,
      'facilitator-1',
      `${server.url}${link.pathname}${link.hash}`,
      LAPTOP,
    );
    await first.page.getByText('Co-facilitator link').click();
    const shared = await first.page.locator('#link-cofacilitator').inputValue();
    expect(shared).toMatch(new RegExp(`/f/${group.code}#key=`));
    const coLink = new URL(shared);
    const second = await openScreen(
      browser,
      watch,
      'facilitator-2',
      `${server.url}${coLink.pathname}${coLink.hash}`,
      LAPTOP,
    );
    await expectScreens(group.code, [first, second], 'lobby');
    await click(second.page, 'Start session');
    await expectScreens(group.code, [first, second], 'opening');
    await eventually(async () =>
      expect(await first.page.locator('.presence__counts').textContent()).toMatch(
        /2\s*facilitators/,
      ),
    );
    await expectAccessible([first]);
    expect(watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    for (const screen of [first, second]) await screen.context.close();
  });

  it('joins from the start page with a code typed loosely', async () => {
    const { server, browser, watch } = stage;
    const group = await server.createGroup('Joining');
    const phone = await openScreen(browser, watch, 'joining', `${server.url}/`, PHONE);
    await phone.page.fill('#join-code', 'zzz');
    await click(phone.page, 'Join');
    await phone.page
      .getByRole('alert')
      .getByText(/six letters and digits/)
      .waitFor();
    const loose = `${group.code.slice(0, 3).toLowerCase()}-${group.code.slice(3).toLowerCase()}`;
    await phone.page.fill('#join-code', loose);
    await click(phone.page, 'Join');
    await phone.page.waitForURL(`${server.url}/m/${group.code}`);
    await expectScreens(group.code, [phone], 'lobby');
    expect(watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    await phone.context.close();
  });

  it('says plainly when a group does not exist or the console has no key', async () => {
    const { server, browser, watch } = stage;
    const group = await server.createGroup('Keyless');
    const missing = await openScreen(browser, watch, 'missing', `${server.url}/m/ZZZZZZ`, PHONE);
    await missing.page.getByRole('heading', { name: 'No such group' }).waitFor();
    const keyless = await openScreen(
      browser,
      watch,
      'keyless',
      `${server.url}/f/${group.code}`,
      LAPTOP,
    );
    await keyless.page
      .getByRole('heading', { name: 'This browser cannot control the session' })
      .waitFor();
    const wrongKey = await openScreen(
      browser,
      watch,
      'wrong-key',
      `${server.url}/f/${group.code}#key=not-the-key-at-all`,
      LAPTOP,
    );
    await wrongKey.page
      .getByRole('heading', { name: 'This browser cannot control the session' })
      .waitFor();
    await expectAccessible([missing, keyless]);
    expect(watch.foreignRequests.join('\n'), 'requests to other hosts').toBe('');
    // A refused handshake is an answer, not an error; the browser logs none.
    expect(watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    for (const screen of [missing, keyless, wrongKey]) await screen.context.close();
  });
});
