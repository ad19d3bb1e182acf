import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  axeViolations,
  browserAvailable,
  openScreen,
  overflowing,
  SCREENSHOTS,
  screenshotPath,
} from './browser.ts';
import { eventually } from './server.ts';
import { LAPTOP, PHONE, useStage } from './stage.ts';

const enabled = browserAvailable();
const PDFTOPPM = '/usr/bin/pdftoppm';

const members = new Set<Socket>();
afterEach(() => {
  for (const socket of members) socket.close();
  members.clear();
});

/** A member's phone, joined with a name (the member page does the same over the same protocol). */
async function member(url: string, code: string, name: string): Promise<Socket> {
  const socket = io(url, {
    auth: { code, role: 'member', name, device: `device-${name.toLowerCase()}-e2e` },
    transports: ['websocket'],
    forceNew: true,
  });
  members.add(socket);
  await new Promise<void>((done, fail) => {
    socket.once('session', () => done());
    socket.once('connect_error', fail);
  });
  return socket;
}

async function click(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('button', { name, exact: typeof name === 'string' }).click();
}

async function phaseOf(page: Page): Promise<string> {
  return (await page.locator('[data-phase]').getAttribute('data-phase')) ?? '';
}

/** Starts a sitting from the console, runs a little of it and ends it (through the dialog). */
async function runSitting(page: Page, presenter?: string): Promise<void> {
  await click(page, 'Start session');
  await eventually(async () => expect(await phaseOf(page)).toBe('opening'));
  await click(page, 'Next phase');
  if (presenter) await click(page, `Presents the case: ${presenter}`);
  await page.waitForTimeout(300);
  await click(page, 'Next phase');
  await click(page, /^End/);
  await page.getByRole('dialog').getByRole('button', { name: 'End session' }).click();
  await eventually(async () => expect(await phaseOf(page)).toBe('ended'));
  await page.getByRole('heading', { name: 'This sitting, as it ran' }).waitFor();
}

/** The names listed in the attendance editor, and whether each is marked as presenting. */
async function listed(page: Page): Promise<string[]> {
  return page.locator('.attendance__person').evaluateAll((items) =>
    items.map((item) => {
      const name = item.querySelector('.attendance__name')?.textContent ?? '';
      const presented = (item.querySelector('input[type="checkbox"]') as HTMLInputElement).checked;
      return presented ? `${name}*` : name;
    }),
  );
}

describe.skipIf(!enabled)('a standing group across two sittings, and its register', () => {
  const stage = useStage();

  it('[RG1][RG3][RG5][RG6] confirms attendance at each end; the register totals, the CSV, a printed statement', async () => {
    const { server, browser, watch } = stage;
    const laptop = await openScreen(browser, watch, 'register-console', `${server.url}/`, LAPTOP);
    const { page } = laptop;

    // Created standing from the start page: the console opens with its key.
    await page.fill('#group-name', 'Tuesday GP Balint group');
    await page.getByLabel('A standing group that meets every week').check();
    await click(page, 'Create group and open the console');
    await page.waitForURL(/\/f\/[A-Z0-9]{6}$/);
    await page.locator('[data-status="live"]').waitFor();
    const code = new URL(page.url()).pathname.slice(3);
    await page.getByText('A standing group: the same code, key and links every week.').waitFor();

    // Week 1: Ann and Bo are here from the start; Cy joins during the sitting and leaves.
    await member(server.url, code, 'Ann');
    const bo = await member(server.url, code, 'Bo');
    await click(page, 'Start session');
    const cy = await member(server.url, code, 'Cy');
    await page.waitForTimeout(1500);
    cy.close();
    await click(page, 'Next phase');
    await click(page, 'Presents the case: Bo');
    await page.waitForTimeout(300);
    await click(page, /^End/);
    await page.getByRole('dialog').getByRole('button', { name: 'End session' }).click();
    await page.getByRole('heading', { name: 'This sitting, as it ran' }).waitFor();

    // The chart: planned against actual for each phase that ran, no warning colours.
    const rows = page.locator('.chart__row');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toMatch(/Opening & case choice.*of 5 min planned/);
    const colours = await page
      .locator('.chart__actual')
      .evaluateAll((bars) => bars.map((bar) => getComputedStyle(bar).fill));
    expect(new Set(colours)).toEqual(new Set(['rgb(92, 196, 184)']));

    // The proposal: everyone who joined with a name, Bo marked as presenting.
    expect(await listed(page)).toEqual(['Ann', 'Bo*', 'Cy']);
    await click(page, 'Remove Cy');
    await page.getByLabel('Add someone').fill('Dee');
    await page.getByLabel('Add someone').press('Enter');
    expect(await listed(page)).toEqual(['Ann', 'Bo*', 'Dee']);
    await page.getByLabel('Add someone').fill('ann');
    await click(page, 'Add');
    await page.getByText('ann is already on the list.').waitFor();
    await page.getByLabel('Add someone').fill('');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('register-console-review-1366'), fullPage: true });
    await click(page, 'Confirm attendance');
    await page.getByText('Attendance confirmed: 3 people.').waitFor();

    // Week 2: the same console, reset; Ann and Eve come, Bo is offered from the roster.
    bo.close();
    await click(page, 'Reset to lobby…');
    await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
    await eventually(async () => expect(await phaseOf(page)).toBe('lobby'));
    await member(server.url, code, 'Eve');
    await runSitting(page, 'Eve');
    expect(await listed(page)).toEqual(['Ann', 'Eve*']);
    const offered = await page.locator('.attendance__roster button').allTextContents();
    expect(offered).toEqual(['+ Bo', '+ Dee']);
    await click(page, '+ Bo');
    expect(await listed(page)).toEqual(['Ann', 'Bo', 'Eve*']);
    await click(page, 'Confirm attendance');
    await page.getByText('Attendance confirmed: 3 people.').waitFor();

    // The register page: sittings with their counts, people with their totals.
    await page.getByRole('link', { name: 'Open the register' }).click();
    await page.waitForURL(`${server.url}/f/${code}/register`);
    await page.getByRole('heading', { name: 'People' }).waitFor();
    expect(await page.locator('.sitting__count').allTextContents()).toEqual([
      '3 members',
      '3 members',
    ]);
    const people = await page
      .locator('.people tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          [...tr.querySelectorAll('th, td')].slice(0, 3).map((cell) => cell.textContent),
        ),
      );
    expect(people).toEqual([
      ['Ann', '2', '0'],
      ['Bo', '2', '1'],
      ['Dee', '1', '0'],
      ['Eve', '1', '1'],
    ]);
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowing(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('register-page-1366'), fullPage: true });
    await page.setViewportSize(PHONE);
    expect(await overflowing(page), 'the register on a phone').toEqual([]);
    await page.setViewportSize(LAPTOP);

    // register.csv, in the browser's own time zone.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      click(page, 'Download register.csv'),
    ]);
    expect(download.suggestedFilename()).toBe(`register-${code}.csv`);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('date,started,ended,name,presented');
    expect(lines.slice(1).map((line) => line.split(',').slice(3).join(','))).toEqual([
      'Ann,no',
      'Bo,yes',
      'Dee,no',
      'Ann,no',
      'Bo,no',
      'Eve,yes',
    ]);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\d,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d,/);

    // A statement for Bo's portfolio, printed: the print stylesheet shows it alone, on one page.
    await page.getByLabel('Facilitator’s name, for the statements').fill('Dr. Kovács');
    await page.evaluate(() => {
      const counted = window as unknown as { printed: number };
      counted.printed = 0;
      window.print = () => {
        counted.printed += 1;
      };
    });
    await click(page, 'Print statement for Bo');
    const statement = page.locator('.statement__page');
    await statement.waitFor();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    const text = (await statement.textContent()) ?? '';
    expect(text).toContain('Tuesday GP Balint group');
    expect(text).toContain('Dr. Kovács');
    expect(text).toMatch(/Bo attended 2 sessions of this Balint group and presented 1 case\./);
    expect(await page.locator('.statement__sessions li').count()).toBe(2);
    expect(text).toContain('Signature of the facilitator');
    const pdfPath = join(SCREENSHOTS, 'register-statement.pdf');
    const pdf = await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    if (existsSync(PDFTOPPM)) {
      const prefix = join(SCREENSHOTS, 'register-statement');
      execFileSync(PDFTOPPM, ['-png', '-r', '80', '-singlefile', pdfPath, prefix]);
      expect(existsSync(`${prefix}.png`)).toBe(true);
    } else {
      console.warn(`${PDFTOPPM} is missing (apt-get install -y poppler-utils): no PNG of the PDF.`);
    }
    await click(page, 'Close');

    // Forgetting a person, confirmed: gone from the people and from every sitting.
    await click(page, 'Forget Dee');
    await page.getByRole('dialog').getByRole('button', { name: 'Forget this person' }).click();
    await page.getByText('Dee is forgotten: gone from every sitting.').waitFor();
    await eventually(async () =>
      expect(await page.locator('.people tbody th').allTextContents()).toEqual([
        'Ann',
        'Bo',
        'Eve',
      ]),
    );
    expect(await page.locator('.sitting__count').allTextContents()).toEqual([
      '3 members',
      '2 members',
    ]);

    // Back in the console: deleting the group, behind a confirmation, and the console says so.
    await page.goto(`${server.url}/f/${code}`);
    await page.locator('[data-status="live"]').waitFor();
    await click(page, 'Delete this group now');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete the group' }).click();
    await page.getByRole('heading', { name: 'This group has ended' }).waitFor();
    const gone = await fetch(`${server.url}/api/groups/${code}`);
    expect(gone.status).toBe(404);
    expect(await page.evaluate((c) => localStorage.getItem(`balint.key.${c}`), code)).toBeNull();

    expect(watch.foreignRequests).toEqual([]);
    expect(watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    await laptop.context.close();
  });

  it('[RG1] an ordinary group is kept for next week from the console; the start page lists it first', async () => {
    const { server, browser, watch } = stage;
    const ordinary = await server.createGroup('Thursday trainees');
    const other = await server.createGroup('Just today');
    const laptop = await openScreen(
      browser,
      watch,
      'register-keep',
      `${server.url}/healthz`,
      LAPTOP,
    );
    const { page } = laptop;
    const now = Date.now();
    await page.evaluate(
      ({ groups, now }) => {
        for (const group of groups) localStorage.setItem(`balint.key.${group.code}`, group.key);
        localStorage.setItem(
          'balint.home.recent',
          JSON.stringify([
            { code: groups[1]?.code, name: 'Just today', createdAt: now - 1000 },
            { code: groups[0]?.code, name: 'Thursday trainees', createdAt: now - 60_000 },
          ]),
        );
      },
      {
        groups: [
          { code: ordinary.code, key: ordinary.facilitatorKey },
          { code: other.code, key: other.facilitatorKey },
        ],
        now,
      },
    );
    await page.goto(`${server.url}/f/${ordinary.code}`);
    await page.locator('[data-status="live"]').waitFor();
    await click(page, 'Keep this group for next week');
    await page.getByText('A standing group: the same code, key and links every week.').waitFor();
    await page.goto(`${server.url}/`);
    const items = page.locator('.home__continue li');
    await eventually(async () => expect(await items.count()).toBe(2));
    expect(await items.first().textContent()).toMatch(
      new RegExp(`Thursday trainees.*${ordinary.code}.*standing group, every week`),
    );
    expect(await items.nth(1).textContent()).toContain('Just today');
    expect(watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    await laptop.context.close();
  });

  it('[RG5] a year of sittings still prints as one page per person', async () => {
    const { server, browser, watch } = stage;
    const response = await fetch(`${server.url}/api/groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'A year of Tuesdays', standing: true }),
    });
    const { code, facilitatorKey: key } = (await response.json()) as {
      code: string;
      facilitatorKey: string;
    };
    const facilitator = io(server.url, {
      auth: { code, role: 'facilitator', key },
      transports: ['websocket'],
      forceNew: true,
    });
    members.add(facilitator);
    await new Promise((done) => facilitator.once('session', done));
    const send = (type: string) => facilitator.emitWithAck('command', { type });
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    for (let week = 0; week < 44; week++) {
      // Sittings are told apart by their start (ms): a real week apart, here a few ms.
      await new Promise((done) => setTimeout(done, 3));
      expect((await send('start')).ok).toBe(true);
      expect((await send('end')).ok).toBe(true);
      expect((await send('reset')).ok).toBe(true);
    }
    const { sittings } = (await (
      await fetch(`${server.url}/api/groups/${code}/sittings`, { headers })
    ).json()) as { sittings: Array<{ id: string }> };
    expect(sittings).toHaveLength(44);
    for (const [index, sitting] of sittings.entries()) {
      const attendance = [
        { name: 'Ágnes Szabó-Kovács', presented: index % 6 === 0 },
        { name: 'Ben', presented: index % 6 === 3 },
      ];
      await fetch(`${server.url}/api/groups/${code}/sittings/${sitting.id}/attendance`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ attendance }),
      });
    }
    const laptop = await openScreen(
      browser,
      watch,
      'register-year',
      `${server.url}/healthz`,
      LAPTOP,
    );
    const { page } = laptop;
    await page.evaluate(({ code, key }) => localStorage.setItem(`balint.key.${code}`, key), {
      code,
      key,
    });
    await page.goto(`${server.url}/f/${code}/register`);
    await page.getByRole('heading', { name: 'People' }).waitFor();
    await page.getByLabel('Facilitator’s name, for the statements').fill('Dr. Eszter Nagy');
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await click(page, 'Print statement for Ágnes Szabó-Kovács');
    const statement = page.locator('.statement__page');
    await statement.waitFor();
    expect(await statement.textContent()).toMatch(/attended 44 sessions .* presented 8 cases/);
    const pdfPath = join(SCREENSHOTS, 'register-statement-year.pdf');
    const pdf = await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g), 'one page').toHaveLength(1);
    if (existsSync(PDFTOPPM)) {
      const prefix = join(SCREENSHOTS, 'register-statement-year');
      execFileSync(PDFTOPPM, ['-png', '-r', '80', '-singlefile', pdfPath, prefix]);
    }
    expect(watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    await laptop.context.close();
  });
});
