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
import { boxOf, LAPTOP, PHONE, SIZES, useStage, withStorage } from './stage.ts';

const enabled = browserAvailable();

/** What the start page keeps about a group created on this device. */
function remembered(groups: Array<{ code: string; name: string; createdAt: number }>) {
  const entries: Record<string, string> = {
    'balint.home.recent': JSON.stringify(groups),
  };
  for (const group of groups) entries[`balint.key.${group.code}`] = 'a-facilitator-key';
  return entries;
}

/** The latest 20:39 before now, local time: a time a 12-hour clock writes with "PM". */
function lastEvening(): number {
  const at = new Date();
  at.setHours(20, 39, 0, 0);
  if (at.getTime() > Date.now()) at.setDate(at.getDate() - 1);
  return at.getTime();
}

async function shoot(screen: Screen, state: string): Promise<void> {
  for (const size of SIZES) {
    await screen.page.setViewportSize(size);
    await screen.page.waitForTimeout(60);
    await screen.page.screenshot({ path: screenshotPath(`${screen.name}-${state}-${size.width}`) });
    expect(await overflowing(screen.page), `${state} at ${size.width}`).toEqual([]);
  }
}

async function isFocused(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => element === document.activeElement);
}

describe.skipIf(!enabled)('the start page', () => {
  const stage = useStage();

  it('on a phone, puts Join first and keeps starting a group one deliberate step away', async () => {
    const { server, browser, watch } = stage;
    const phone = await openScreen(browser, watch, 'home', `${server.url}/`, PHONE);
    const { page } = phone;
    await page.locator('#join-code').waitFor();
    // Visible without scrolling: the field and its button.
    expect((await boxOf(page, '#join-code')).bottom).toBeLessThanOrEqual(PHONE.height);
    const join = page.getByRole('button', { name: 'Join', exact: true });
    expect((await join.boundingBox())?.y ?? Infinity).toBeLessThan(PHONE.height - 44);
    // Join comes before starting a group, in reading order as on screen.
    const joinFirst = await page.evaluate(() => {
      const joinTitle = document.getElementById('join-title');
      const createTitle = document.getElementById('create-title');
      if (!joinTitle || !createTitle) return false;
      return Boolean(
        joinTitle.compareDocumentPosition(createTitle) & Node.DOCUMENT_POSITION_FOLLOWING,
      );
    });
    expect(joinFirst, 'Join before Start').toBe(true);
    // Starting a group is secondary: its form waits behind one deliberate tap.
    const create = page.getByRole('button', { name: 'Create group and open the console' });
    expect(await create.isVisible()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('home-phone-390') });
    await page.getByRole('button', { name: 'Start a new group' }).click();
    await create.waitFor();
    expect(await isFocused(page, '#group-name'), 'the form opens at its first field').toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // On a laptop (the facilitator's), the form is simply there.
    const laptop = await openScreen(browser, watch, 'home-laptop', `${server.url}/`, LAPTOP);
    await laptop.page.locator('#group-name').waitFor();
    expect(await laptop.page.locator('#join-code').isVisible()).toBe(true);
    expect(watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    await phone.context.close();
    await laptop.context.close();
  });

  it('answers a well-formed wrong code on the page itself, keeping what was typed', async () => {
    const { server, browser, watch } = stage;
    const group = await server.createGroup('Right code');
    watch.expectedMissing.push('/api/groups/ZZZZZZ');
    const phone = await openScreen(browser, watch, 'home-wrong-code', `${server.url}/`, PHONE);
    const { page } = phone;
    await page.fill('#join-code', 'zzz-zzz');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page
      .getByRole('alert')
      .getByText(/ZZZZZZ/)
      .waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/no group/i);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.inputValue('#join-code')).toBe('zzz-zzz');
    expect(await isFocused(page, '#join-code'), 'the field has focus, to correct it').toBe(true);
    expect(await page.getAttribute('#join-code', 'aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await shoot({ ...phone, name: 'home' }, 'wrong-code');
    await page.setViewportSize(PHONE);
    // Corrected, it joins.
    await page.fill('#join-code', group.code);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/m/${group.code}`);
    expect(watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    await phone.context.close();
  });

  it('offers to continue only groups that still exist, and forgets the others', async () => {
    const { server, browser, watch } = stage;
    const live = await server.createGroup('Still here');
    // Groups the server no longer has (expired overnight, or deleted): it answers 404 for both.
    const deleted = { code: 'WWWWWW' };
    const neverKnown = 'QQQQQQ';
    watch.expectedMissing.push(`/api/groups/${deleted.code}`, `/api/groups/${neverKnown}`);
    const now = Date.now();
    const laptop = await openScreen(
      browser,
      watch,
      'home-continue',
      `${server.url}/healthz`,
      LAPTOP,
    );
    const { page } = laptop;
    await withStorage(
      page,
      remembered([
        { code: live.code, name: 'Still here', createdAt: now - 60_000 },
        { code: deleted.code, name: 'Deleted since', createdAt: now - 120_000 },
        { code: neverKnown, name: 'Expired overnight', createdAt: now - 180_000 },
      ]),
      '/',
    );
    await page.getByRole('link', { name: new RegExp(live.code) }).waitFor();
    const listed = await page.locator('.home__continue').textContent();
    expect(listed).not.toContain(deleted.code);
    expect(listed).not.toContain(neverKnown);
    await eventually(async () => {
      const kept = await page.evaluate(() => localStorage.getItem('balint.home.recent'));
      expect(kept).toContain(live.code);
      expect(kept).not.toContain(deleted.code);
      expect(kept).not.toContain(neverKnown);
    });
    expect(
      await page.evaluate((code) => localStorage.getItem(`balint.key.${code}`), deleted.code),
    ).toBeNull();
    expect(watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    await laptop.context.close();
  });

  it('writes the time a group was created as the browser’s locale does', async () => {
    const { server, browser, watch } = stage;
    const group = await server.createGroup('Evening group');
    // en-US writes no leading zero ("8:39 PM", as people write it); ICU may use a narrow space.
    // A German browser gets the start page in German.
    const expected = {
      'en-GB': /created 20:39\b/,
      'de-DE': /angelegt 20:39\b/,
      'en-US': /created 8:39\sPM/,
    };
    for (const [locale, time] of Object.entries(expected)) {
      const screen = await openScreen(
        browser,
        watch,
        `home-${locale}`,
        `${server.url}/healthz`,
        LAPTOP,
        { locale },
      );
      await withStorage(
        screen.page,
        remembered([{ code: group.code, name: 'Evening group', createdAt: lastEvening() }]),
        '/',
      );
      const item = screen.page.locator('.home__continue li');
      await item.waitFor();
      const text = (await item.textContent()) ?? '';
      expect(text, locale).toMatch(time);
      if (locale !== 'en-US') expect(text, locale).not.toMatch(/[AP]M/);
      await screen.context.close();
    }
    expect(watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
  });
});
