import { type CreateGroupResponse, type Language, PHASE_TEXTS } from '@balint/shared';
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
import { eventually, type ServerProcess } from './server.ts';
import {
  LAPTOP,
  openConsole,
  PHONE,
  PROJECTOR,
  remoteConsole,
  useStage,
  withStorage,
} from './stage.ts';

const enabled = browserAvailable();

/** The browser of every screen here speaks English: the group's language must win anyway. */
const ENGLISH_BROWSER = { locale: 'en-US' };

/**
 * English that must not be left on a German or Hungarian group's screen: the phase titles and the
 * interface's words (whole words, so "Phase" in "Phase 2 von 5" is German, not a leftover).
 */
const ENGLISH = [
  'Opening',
  'Case presentation',
  'Clarifying',
  'Group discussion',
  'Presenter returns',
  'Waiting to start',
  'Session',
  'Next',
  'Paused',
  'of 5',
  'Ground rules',
  'ground rules',
  'Connecting',
  'Reconnecting',
  'Your name',
  'Vibrate',
  'Confidential',
  'I have a case',
  'Follow on your phone',
  'Join',
  'Full screen',
  'Keep the screen',
  'left',
  'seconds',
  'minutes',
  'Thank you',
  'Language on this phone',
  'projector',
  'Member',
  'Projector',
  'QR code',
  // The console's own words.
  'Start session',
  'Back',
  'End',
  'Plan',
  'Presenter',
  'Who is here',
  'Cues',
  'Join links',
  'Copy',
  'Open projector window',
  'This group',
  'The sitting',
  'Keyboard shortcuts',
  'members',
  'member',
  'Undo',
  'Who attended',
  'In all',
  'planned',
  // The register's.
  'Sittings',
  'Attendance',
  'Timings',
  'Register',
];

/** A console on a laptop whose browser speaks English, opened from the key alone. */
const CONSOLE = { browser: ENGLISH_BROWSER, links: null };

/** What each group's screens must show in its language. */
const EXPECTED: Record<'de' | 'hu', { presentation: string; rules: string; next: RegExp }> = {
  de: { presentation: 'Fallvorstellung', rules: 'Unsere Grundregeln', next: /Als Nächstes/ },
  hu: { presentation: 'Esetbemutatás', rules: 'Alapszabályaink', next: /Következik/ },
};

async function createGroup(
  server: ServerProcess,
  name: string,
  language: Language,
): Promise<CreateGroupResponse> {
  const response = await fetch(`${server.url}/api/groups`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, language }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as CreateGroupResponse;
}

/**
 * All a person or a screen reader meets, folded parts included: every text node (one per line, so
 * that words of neighbouring elements never run together), the labels and the tab's title.
 */
async function everyWord(page: Page): Promise<string> {
  return page.evaluate(() => {
    const texts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      texts.push(node.nodeValue ?? '');
    }
    for (const element of document.querySelectorAll('[aria-label]')) {
      texts.push(element.getAttribute('aria-label') ?? '');
    }
    return texts.join('\n');
  });
}

async function leftInEnglish(page: Page): Promise<string[]> {
  const words = await everyWord(page);
  return ENGLISH.filter((english) => new RegExp(`\\b${english}\\b`).test(words));
}

/** A console or register: no English, nothing spilling out and axe clean, at a laptop's width and a phone's. */
async function checkWide(screen: Screen, state: string): Promise<void> {
  expect(await leftInEnglish(screen.page), `${screen.name} ${state}`).toEqual([]);
  expect(await axeViolations(screen.page), `axe on the console ${state}`).toEqual([]);
  for (const size of [LAPTOP, PHONE]) {
    await screen.page.setViewportSize(size);
    await screen.page.waitForTimeout(60);
    await screen.page.screenshot({ path: screenshotPath(`${screen.name}-${state}-${size.width}`) });
    expect(await overflowing(screen.page), `${screen.name} ${state} at ${size.width}`).toEqual([]);
  }
  await screen.page.setViewportSize(LAPTOP);
}

async function htmlLang(page: Page): Promise<string | null> {
  return page.evaluate(() => document.documentElement.getAttribute('lang'));
}

async function shootAndCheck(screen: Screen, name: string): Promise<void> {
  // A phone's page scrolls: the whole of it, so the language choice at the bottom is seen too.
  await screen.page.screenshot({ path: screenshotPath(name), fullPage: true });
  expect(await overflowing(screen.page), `${name}: nothing spills out`).toEqual([]);
}

describe.skipIf(!enabled)('a group in German or Hungarian', () => {
  const stage = useStage();

  for (const language of ['de', 'hu'] as const) {
    it(`[L3] shows the projector and a phone in ${language}, whatever the browser speaks`, async () => {
      const { server, browser, watch } = stage;
      const expected = EXPECTED[language];
      const group = await createGroup(server, `Balint ${language}`, language);
      const facilitator = await remoteConsole(server.url, group.code, group.facilitatorKey);
      const display = await openScreen(
        browser,
        watch,
        `display-${language}`,
        `${server.url}/d/${group.code}`,
        PROJECTOR,
        ENGLISH_BROWSER,
      );
      const phone = await openScreen(
        browser,
        watch,
        `member-${language}`,
        `${server.url}/m/${group.code}`,
        PHONE,
        ENGLISH_BROWSER,
      );
      const screens = [display, phone];

      // The lobby: the join code, the QR code and the ground rules, all in the group's language.
      await display.page.getByText(expected.rules).waitFor();
      await display.page.locator('svg.qr').waitFor();
      for (const screen of screens) {
        await eventually(async () => expect(await htmlLang(screen.page)).toBe(language));
        expect(await leftInEnglish(screen.page), `${screen.name} in the lobby`).toEqual([]);
        expect(await axeViolations(screen.page), `axe on ${screen.name}`).toEqual([]);
      }
      await shootAndCheck(display, `display-lobby-${language}-1920`);

      // A phase running: its title from the server, the rest from the dictionary.
      await facilitator.send({ type: 'start' });
      await facilitator.send({ type: 'next' });
      for (const screen of screens) {
        await screen.page.getByText(expected.presentation, { exact: true }).first().waitFor();
        await screen.page.getByText(expected.next).first().waitFor();
        expect(await leftInEnglish(screen.page), `${screen.name} in the presentation`).toEqual([]);
        expect(await axeViolations(screen.page), `axe on ${screen.name}`).toEqual([]);
      }
      await shootAndCheck(display, `display-running-${language}-1920`);
      await phone.page.locator('.member__details').first().locator('summary').click();
      await shootAndCheck(phone, `member-running-${language}-390`);
      expect(await leftInEnglish(phone.page), 'the ground rules, opened').toEqual([]);

      // Every later phase's title, German ones long, fits a phone and the projector.
      for (const phase of ['questions', 'discussion', 'reflection'] as const) {
        await facilitator.send({ type: 'next' });
        const title = PHASE_TEXTS[language].titles[phase];
        for (const screen of screens) {
          await screen.page.getByText(title, { exact: true }).first().waitFor();
          expect(await overflowing(screen.page), `${screen.name} in ${phase}`).toEqual([]);
          expect(await leftInEnglish(screen.page), `${screen.name} in ${phase}`).toEqual([]);
        }
      }
      await shootAndCheck(phone, `member-reflection-${language}-390`);

      // Paused: the projector says so in the group's language.
      await facilitator.send({ type: 'pause' });
      const paused = language === 'de' ? 'Pausiert' : 'Szünetel';
      await display.page.getByText(paused, { exact: true }).waitFor();
      expect(await leftInEnglish(display.page), 'the projector, paused').toEqual([]);
      // The long German words fit a laptop's browser window too.
      await display.page.setViewportSize(LAPTOP);
      expect(await overflowing(display.page), 'the projector at 1366').toEqual([]);

      facilitator.close();
      for (const screen of screens) await screen.context.close();
      expect(watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
      expect(watch.foreignRequests).toEqual([]);
    });
  }

  it('[L3] runs a German group’s console in German, the sitting’s review included', async () => {
    const group = await createGroup(stage.server, 'Mittwochsgruppe', 'de');
    const screen = await openConsole(stage, group, 'console-de', CONSOLE);
    const { page } = screen;
    await page.getByRole('button', { name: 'Sitzung starten' }).waitFor();
    expect(await htmlLang(page)).toBe('de');
    await checkWide(screen, 'lobby');

    await page.getByRole('button', { name: 'Sitzung starten' }).click();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.locator('#now-title', { hasText: 'Fallvorstellung' }).waitFor();
    await page.getByText('Der Fallgeber erzählt die Geschichte').waitFor();
    await checkWide(screen, 'running');

    await page.getByRole('button', { name: 'Beenden…' }).click();
    await page.getByRole('button', { name: 'Sitzung beenden' }).click();
    await page.getByText('Diese Sitzung, wie sie verlief').waitFor();
    await checkWide(screen, 'ended');

    await screen.context.close();
    expect(stage.watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
  });

  it('[L2] switches a live group’s screens to Hungarian from the console’s lobby', async () => {
    const group = await createGroup(stage.server, 'Csütörtöki csoport', 'de');
    const screen = await openConsole(stage, group, 'console-switch', CONSOLE);
    const phone = await openScreen(
      stage.browser,
      stage.watch,
      'member-switch',
      `${stage.server.url}/m/${group.code}`,
      PHONE,
      ENGLISH_BROWSER,
    );
    await phone.page.getByText('Vor dem Beginn').first().waitFor();
    await screen.page.getByRole('button', { name: 'Sitzung starten' }).waitFor();

    await screen.page.selectOption('#group-language', 'hu');
    await screen.page.getByRole('button', { name: 'Ülés indítása' }).waitFor();
    await phone.page.getByText('A kezdésre várunk').first().waitFor();
    for (const each of [screen, phone]) {
      await eventually(async () => expect(await htmlLang(each.page)).toBe('hu'));
    }
    expect((await stage.server.view(group.code)).language).toBe('hu');
    expect(await leftInEnglish(screen.page), 'the console in Hungarian').toEqual([]);
    await screen.page.screenshot({ path: screenshotPath('console-switch-hu-1366') });

    // Once the session runs, the language is settled: the choice leaves the console.
    await screen.page.getByRole('button', { name: 'Ülés indítása' }).click();
    await screen.page.locator('[data-phase="opening"]').waitFor();
    expect(await screen.page.locator('#group-language').count()).toBe(0);

    await screen.context.close();
    await phone.context.close();
    expect(stage.watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
  });

  it('[L3] shows a German standing group’s register in German', async () => {
    const response = await fetch(`${stage.server.url}/api/groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Dienstagsgruppe', language: 'de', standing: true }),
    });
    const group = (await response.json()) as CreateGroupResponse;
    const facilitator = await remoteConsole(stage.server.url, group.code, group.facilitatorKey);
    for (const type of ['start', 'next', 'end'] as const) await facilitator.send({ type });
    facilitator.close();
    // Two who came, one of whom presented: the facilitator confirms them on the page below.
    const headers = {
      authorization: `Bearer ${group.facilitatorKey}`,
      'content-type': 'application/json',
    };
    const base = `${stage.server.url}/api/groups/${group.code}/sittings`;
    const { sittings } = (await (await fetch(base, { headers })).json()) as {
      sittings: Array<{ id: string }>;
    };
    const attendance = [
      { name: 'Jürgen', presented: true },
      { name: 'Anna', presented: false },
    ];
    const put = await fetch(`${base}/${sittings[0]?.id}/attendance`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ attendance }),
    });
    expect(put.status).toBe(200);
    const screen = await openScreen(
      stage.browser,
      stage.watch,
      'register-de',
      `${stage.server.url}/healthz`,
      LAPTOP,
      ENGLISH_BROWSER,
    );
    const { page } = screen;
    await withStorage(
      page,
      { [`balint.key.${group.code}`]: group.facilitatorKey },
      `/f/${group.code}/register`,
    );
    await page.getByRole('heading', { name: 'Sitzungen' }).waitFor();
    await page.getByRole('button', { name: 'Bescheinigung drucken für Jürgen' }).waitFor();
    expect(await htmlLang(page)).toBe('de');
    await checkWide(screen, 'register');

    // The printed statement in the group's language, its date as Germans write it.
    await page.getByLabel('Name der Leitung, für die Bescheinigungen').fill('Dr. Weber');
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await page.getByRole('button', { name: 'Bescheinigung drucken für Jürgen' }).click();
    const statement = page.locator('.statement__page');
    await statement.waitFor();
    const printed = (await statement.textContent()) ?? '';
    expect(printed).toContain('Teilnahmebescheinigung');
    expect(printed).toMatch(/Jürgen hat an 1 Sitzung dieser Balintgruppe teilgenommen/);
    expect(printed).toMatch(/Zeitraum\d{2}\.\d{2}\.\d{4}/);
    expect(await leftInEnglish(page), 'the statement').toEqual([]);
    await statement.screenshot({ path: screenshotPath('register-statement-de') });
    await screen.context.close();
    expect(stage.watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
  });

  it('[L4] lets a member read their own phone in English while the group’s words stay German', async () => {
    const { server, browser, watch } = stage;
    const group = await createGroup(server, 'Mittwochsgruppe', 'de');
    const facilitator = await remoteConsole(server.url, group.code, group.facilitatorKey);
    await facilitator.send({ type: 'start' });
    await facilitator.send({ type: 'next' });
    const phone = await openScreen(
      browser,
      watch,
      'member-own-language',
      `${server.url}/m/${group.code}`,
      PHONE,
      { locale: 'de-DE' },
    );
    const { page } = phone;
    await page.getByText('Als Nächstes: Informationsfragen').waitFor();

    await page.getByText('Name, Sprache und Vibration').click();
    await page.selectOption('#member-language', 'en');
    await page.getByText('Next: Informationsfragen').waitFor();
    expect(await htmlLang(page)).toBe('en');
    // The same check that finds no English on the German screens finds it here.
    expect(await leftInEnglish(page)).toEqual(expect.arrayContaining(['Next', 'Ground rules']));
    const title = page.locator('#member-phase');
    expect(await title.textContent()).toBe('Fallvorstellung');
    expect(await title.getAttribute('lang')).toBe('de');
    expect(await page.locator('.member__prompt p[lang="de"]').textContent()).toMatch(
      /Hören Sie zu/,
    );
    await page.getByText('Ground rules', { exact: true }).click();
    await page.getByText('Everything said here is confidential.').waitFor();
    expect(await axeViolations(page), 'axe with the phone in English').toEqual([]);
    await page.screenshot({ path: screenshotPath('member-own-english-390'), fullPage: true });
    expect(await overflowing(page)).toEqual([]);

    // Remembered on this phone; and back to the group's language with one choice.
    await page.reload();
    await page.getByText('Next: Informationsfragen').waitFor();
    await page.getByText('Your name, language and vibration').click();
    await page.selectOption('#member-language', '');
    await page.getByText('Als Nächstes: Informationsfragen').waitFor();
    expect(await htmlLang(page)).toBe('de');

    facilitator.close();
    await phone.context.close();
    expect(watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
  });

  it('[L6] proposes the browser’s language on the start page and creates the group in it', async () => {
    const { server, browser, watch } = stage;
    const home = await openScreen(browser, watch, 'home-de', `${server.url}/`, LAPTOP, {
      locale: 'de-DE',
    });
    const { page } = home;
    await page.getByRole('heading', { name: 'Eine Gruppe anlegen' }).waitFor();
    expect(await htmlLang(page)).toBe('de');
    expect(await page.locator('#group-language').inputValue()).toBe('de');
    expect(await page.locator('label[for="create-presentation"]').textContent()).toBe(
      'Fallvorstellung',
    );
    expect(await axeViolations(page), 'axe on the German start page').toEqual([]);
    await page.screenshot({ path: screenshotPath('home-de-1366') });
    expect(await overflowing(page)).toEqual([]);

    // A German facilitator may still run a Hungarian group.
    await page.selectOption('#group-language', 'hu');
    await page.getByRole('button', { name: 'Gruppe anlegen und Konsole öffnen' }).click();
    await page.waitForURL(/\/f\/[A-Z0-9]{6}$/);
    const code = new URL(page.url()).pathname.slice(3);
    expect((await server.view(code)).language).toBe('hu');
    // The console speaks the group's language, not the browser's.
    await page.getByRole('button', { name: 'Ülés indítása' }).waitFor();
    await eventually(async () => expect(await htmlLang(page)).toBe('hu'));
    await home.context.close();
    expect(watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
  });
});
