import { fitToEnd, formatDuration, type SessionView } from '@balint/shared';
import type { BrowserContext, Page, ViewportSize } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clockMinutesBetween, differenceText } from '../../client/src/models/projection.ts';
import {
  axeViolations,
  browserAvailable,
  openScreen,
  overflowing,
  type Screen,
  screenshotPath,
} from './browser.ts';
import { eventually } from './server.ts';
import { LAPTOP, openConsole, PHONE, PROJECTOR, remoteConsole, useStage } from './stage.ts';

const enabled = browserAvailable();
const MINUTE = 60_000;

/** Counts, in the page, every oscillator started and every media element played. */
async function countSounds(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const sounds = { oscillators: 0, plays: 0 };
    (window as unknown as { sounds: typeof sounds }).sounds = sounds;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function countedStart(...args) {
      sounds.oscillators += 1;
      return start.apply(this, args);
    };
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function countedPlay() {
      sounds.plays += 1;
      return play.call(this);
    };
  });
}

/** A console whose sounds are counted from the start. */
const COUNTING = { prepare: (page: Page) => countSounds(page.context()) };

async function sounds(page: Page): Promise<{ oscillators: number; plays: number }> {
  return page.evaluate(
    () => (window as unknown as { sounds: { oscillators: number; plays: number } }).sounds,
  );
}

/** The field value and epoch ms of a time of day `aheadMs` from now, to the minute, in the page's zone. */
async function timeAhead(page: Page, aheadMs: number): Promise<{ field: string; at: number }> {
  return page.evaluate((ahead) => {
    const date = new Date(Date.now() + ahead);
    date.setSeconds(0, 0);
    const pad = (value: number) => String(value).padStart(2, '0');
    return { field: `${pad(date.getHours())}:${pad(date.getMinutes())}`, at: date.getTime() };
  }, aheadMs);
}

async function shortTime(page: Page, at: number): Promise<string> {
  return page.evaluate(
    (epoch) => new Date(epoch).toLocaleTimeString(undefined, { timeStyle: 'short' }),
    at,
  );
}

/** Screenshots at each size; on a phone also with the sitting panel scrolled into view. */
async function shootAt(screen: Screen, state: string, sizes: ViewportSize[]): Promise<void> {
  const { page } = screen;
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.waitForTimeout(80);
    await page.screenshot({ path: screenshotPath(`${screen.name}-${state}-${size.width}`) });
    expect(await overflowing(page), `${state} at ${size.width}`).toEqual([]);
    if (size.width < 600) {
      await page.locator('.sitting').scrollIntoViewIfNeeded();
      await page.screenshot({
        path: screenshotPath(`${screen.name}-${state}-panel-${size.width}`),
      });
      await page.evaluate(() => window.scrollTo(0, 0));
    }
  }
  await page.setViewportSize(LAPTOP);
}

function budgetOf(view: SessionView, phase: string): number | undefined {
  return view.plan.find((entry) => entry.phase === phase)?.budgetMs;
}

describe.skipIf(!enabled)('the sitting: a planned end that holds, and cues for a co-leader', () => {
  const stage = useStage();

  it('[E2][E3] shows the end and the pace, offers Fit to the end when over, and applying it changes the budgets', async () => {
    const group = await stage.server.createGroup('Tuesday GP group', { cases: 2 });
    const screen = await openConsole(stage, group, 'facilitator-sitting', COUNTING);
    const { page } = screen;
    const other = await remoteConsole(stage.server.url, group.code, group.facilitatorKey);
    expect((await other.send({ type: 'start' })).ok).toBe(true);
    expect((await other.send({ type: 'next' })).ok).toBe(true);
    expect((await other.send({ type: 'setPresenter', name: 'A.B.' })).ok).toBe(true);
    await page.locator('[data-phase="presentation"]').waitFor();

    // 10 + 5 + 25 + 10 min of this case and 50 of the next: 100 min; the room has 85 or so.
    const end = await timeAhead(page, 86 * MINUTE);
    await page.fill('#sitting-end', end.field);
    await page.getByRole('button', { name: 'Set', exact: true }).click();
    await eventually(async () => expect((await stage.server.view(group.code)).endsAt).toBe(end.at));
    const shownEnd = await shortTime(page, end.at);
    // Running within its budget, the projection stands still: the console's figures are these.
    const before = await stage.server.view(group.code);
    const over = differenceText(clockMinutesBetween(before.projectedEndAt ?? 0, end.at));
    expect(over).toMatch(/^1[345] min over$/);
    await eventually(async () => {
      const facts = await page.locator('.now__facts').textContent();
      expect(facts).toContain(`Sitting ends${shownEnd} · ${over}`);
    });
    expect(await page.locator('.sitting__pace').textContent()).toBe(
      `At this pace: ${await shortTime(page, before.projectedEndAt ?? 0)}, ${over}`,
    );
    expect(await page.inputValue('#sitting-end')).toBe(end.field);
    expect(await axeViolations(page)).toEqual([]);
    await shootAt(screen, 'over', [LAPTOP, PHONE]);

    await page.getByRole('button', { name: 'Fit to the end…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Fit the sitting to its end?' });
    await dialog.waitFor();
    const fit = fitToEnd(before, Date.now(), end.at);
    const rows = await dialog.locator('.fit__change').allTextContents();
    // The running presentation keeps its time: it comes again in case 2, but is not cut now.
    const order = (phase: string) => before.plan.findIndex((entry) => entry.phase === phase);
    expect(rows).toEqual(
      [...fit.changes]
        .sort((a, b) => order(a.phase) - order(b.phase))
        .map(
          (change) =>
            `${before.plan.find((entry) => entry.phase === change.phase)?.title}${formatDuration(change.fromMs, 'en')} → ${formatDuration(change.toMs, 'en')} · twice to come`,
        ),
    );
    expect(rows[0]).toBe('Clarifying questions5 min → 3 min · twice to come');
    expect(fit.changes.map((change) => change.phase)).not.toContain('presentation');
    expect(await dialog.locator('.fit__rest').textContent()).toMatch(/ends by|within a minute/);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('facilitator-sitting-fit-dialog-1366') });
    await dialog.getByRole('button', { name: /^Apply/ }).click();
    await eventually(async () => {
      const view = await stage.server.view(group.code);
      for (const change of fit.changes) expect(budgetOf(view, change.phase)).toBe(change.toMs);
      expect(budgetOf(view, 'presentation'), 'the running phase is not cut').toBe(10 * MINUTE);
      expect(view.phaseBudgetMs).toBe(10 * MINUTE);
      expect(view.projectedEndAt).toBeLessThanOrEqual(end.at);
    });
    await eventually(async () =>
      expect(await page.locator('.sitting__pace').textContent()).toMatch(/on time|to spare/),
    );
    expect(await page.inputValue('#budget-questions')).toBe('3');
    await shootAt(screen, 'on-plan', [LAPTOP, PHONE]);

    // The projector shows the end quietly; a phone shows nothing of it.
    const display = await openScreen(
      stage.browser,
      stage.watch,
      'display-sitting',
      `${stage.server.url}/d/${group.code}`,
      PROJECTOR,
    );
    await display.page.locator('[data-status="live"]').waitFor();
    expect(await display.page.locator('.display__until').textContent()).toBe(`until ${shownEnd}`);
    await display.page.screenshot({ path: screenshotPath('display-sitting-until-1920') });
    const member = await openScreen(
      stage.browser,
      stage.watch,
      'member-sitting',
      `${stage.server.url}/m/${group.code}`,
      PHONE,
    );
    await member.page.locator('[data-status="live"]').waitFor();
    expect(await member.page.locator('main').textContent()).not.toContain(shownEnd);

    // Cleared, the console says so and the projector drops it.
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await eventually(async () =>
      expect(await page.locator('.now__facts').textContent()).toContain('Sitting endsnot set'),
    );
    await display.page.locator('.display__until').waitFor({ state: 'detached' });
    other.close();
    expect(stage.watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    for (const opened of [screen, display, member]) await opened.context.close();
  });

  it('plans the cases of the sitting when the group is created on the start page', async () => {
    const home = await openScreen(
      stage.browser,
      stage.watch,
      'home-cases',
      `${stage.server.url}/`,
      LAPTOP,
    );
    const { page } = home;
    await page.fill('#group-name', 'Two cases on Thursdays');
    expect(await page.inputValue('#create-cases')).toBe('1');
    expect(await page.locator('#create-cases-hint').textContent()).toBe(
      'About 55 min in all, with these lengths.',
    );
    await page.selectOption('#create-cases', '2');
    expect(await page.locator('#create-cases-hint').textContent()).toBe(
      'About 1 h 45 min in all, with these lengths.',
    );
    await page.locator('#create-cases').scrollIntoViewIfNeeded();
    await page.locator('.home__create').screenshot({ path: screenshotPath('home-cases-1366') });
    await page.getByRole('button', { name: 'Create group and open the console' }).click();
    await page.locator('.console[data-status="live"]').waitFor();
    expect(await page.locator('.sitting__cases').textContent()).toBe('2 cases planned');
    const code = new URL(page.url()).pathname.split('/')[2] ?? '';
    expect((await stage.server.view(code)).casesPlanned).toBe(2);
    expect(stage.watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    await home.context.close();
  });

  it('[C1][C2][C3] with cues on, the console chimes and pulses before the phase ends and at time-up, once each; the projector without opt-in plays nothing', async () => {
    // A 2 min lead in a 124 s opening: the lead cue comes 4 s in.
    const group = await stage.server.createGroup('Co-leader keeps time', {
      budgets: { opening: 124_000 },
    });
    const screen = await openConsole(stage, group, 'facilitator-cues', COUNTING);
    const { page } = screen;
    const display = await openScreen(
      stage.browser,
      stage.watch,
      'display-cues',
      `${stage.server.url}/healthz`,
      PROJECTOR,
    );
    await countSounds(display.context);
    await display.page.goto(`${stage.server.url}/d/${group.code}`);
    await display.page.locator('[data-status="live"]').waitFor();

    // Off by default; one tap turns the chime on and unlocks the page's audio.
    const chime = page.getByRole('checkbox', { name: 'Soft chime' });
    expect(await chime.isChecked()).toBe(false);
    await chime.check();
    await page.getByRole('checkbox', { name: 'Pulse on this screen' }).check();
    await page.getByText('Chime ready.').waitFor();
    expect(await sounds(page)).toEqual({ oscillators: 0, plays: 0 });
    await page.selectOption('.cues select', '3');
    await page.selectOption('.cues select', '2');
    // Clicked, the controls give the keyboard back: Space is the console's again.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
    await page.keyboard.press('Space');
    expect(await chime.isChecked()).toBe(true);
    await page.locator('.cues').screenshot({ path: screenshotPath('facilitator-cues-1366') });

    await page.getByRole('button', { name: 'Start session', exact: true }).click();
    await eventually(async () => expect((await sounds(page)).oscillators).toBe(1), 10_000, 20);
    const atLead = await stage.server.view(group.code);
    const leftAtLead = atLead.phaseBudgetMs - atLead.phaseElapsedMs;
    expect(leftAtLead, 'cued as 2:00 shows').toBeLessThanOrEqual(120_000);
    expect(leftAtLead).toBeGreaterThan(118_000);
    await page.locator('.now.now--cue').waitFor();
    await page.screenshot({ path: screenshotPath('facilitator-cue-pulse-1366') });
    await page.waitForTimeout(2_000);
    expect((await sounds(page)).oscillators, 'the lead cue once').toBe(1);

    // The budget cut to 3 s from now: time-up then comes, cued once (two notes), never again.
    const other = await remoteConsole(stage.server.url, group.code, group.facilitatorKey);
    const now = await stage.server.view(group.code);
    const elapsed = now.phaseElapsedMs + (Date.now() - now.serverTime);
    const ms = Math.ceil((elapsed + 3_000) / 1000) * 1000;
    expect((await other.send({ type: 'setBudget', phase: 'opening', ms })).ok).toBe(true);
    await eventually(async () => expect((await sounds(page)).oscillators).toBe(3), 8_000, 20);
    await page.waitForTimeout(2_500);
    expect((await sounds(page)).oscillators, 'nothing more in overtime').toBe(3);
    expect(await page.locator('.digits--overtime').count()).toBe(1);

    // The projector heard the same session and stayed silent; its own control says off.
    expect(await sounds(display.page)).toEqual({ oscillators: 0, plays: 0 });
    await display.page.mouse.move(600, 400);
    await display.page.getByText('Cues', { exact: true }).click();
    expect(await display.page.getByRole('checkbox', { name: 'Soft chime' }).isChecked()).toBe(
      false,
    );
    expect(await display.page.getByRole('checkbox', { name: 'Pulse on this screen' }).count()).toBe(
      0,
    );
    await display.page.screenshot({ path: screenshotPath('display-cues-1920') });
    expect(await axeViolations(display.page)).toEqual([]);

    // Remembered on this device: a reload keeps the chime on, waiting for a tap to unlock.
    await page.reload();
    await page.locator('[data-status="live"]').waitFor();
    expect(await page.getByRole('checkbox', { name: 'Soft chime' }).isChecked()).toBe(true);
    await page.getByText(/Sound needs one tap/).waitFor();
    await page.locator('.now__title').click();
    await page.getByText('Chime ready.').waitFor();
    other.close();
    expect(stage.watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    await screen.context.close();
    await display.context.close();
  });

  it('[E4] tells a member who joins late where the group is and how to come in quietly', async () => {
    const group = await stage.server.createGroup('Late on a Tuesday');
    const other = await remoteConsole(stage.server.url, group.code, group.facilitatorKey);
    const early = await openScreen(
      stage.browser,
      stage.watch,
      'member-early',
      `${stage.server.url}/m/${group.code}`,
      PHONE,
    );
    await early.page.locator('[data-status="live"]').waitFor();
    expect((await other.send({ type: 'start' })).ok).toBe(true);
    for (let step = 0; step < 3; step++) expect((await other.send({ type: 'next' })).ok).toBe(true);
    await early.page.locator('[data-phase="discussion"]').waitFor();

    const late = await openScreen(
      stage.browser,
      stage.watch,
      'member-late',
      `${stage.server.url}/m/${group.code}`,
      PHONE,
    );
    const notice = late.page.getByText(
      'The group is in the discussion: come in quietly; the presenter is listening.',
    );
    await notice.waitFor();
    expect(await early.page.locator('.late').count(), 'not for who was there').toBe(0);
    expect(await axeViolations(late.page)).toEqual([]);
    expect(await overflowing(late.page)).toEqual([]);
    await late.page.screenshot({ path: screenshotPath('member-late-390') });
    await late.page.getByRole('button', { name: 'OK', exact: true }).click();
    await notice.waitFor({ state: 'detached' });

    // Another latecomer's notice goes when the phase moves on.
    const later = await openScreen(
      stage.browser,
      stage.watch,
      'member-later',
      `${stage.server.url}/m/${group.code}`,
      PHONE,
    );
    await later.page.locator('.late').waitFor();
    expect((await other.send({ type: 'next' })).ok).toBe(true);
    await later.page.locator('[data-phase="reflection"]').waitFor();
    expect(await later.page.locator('.late').count()).toBe(0);
    other.close();
    expect(stage.watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    for (const opened of [early, late, later]) await opened.context.close();
  });
});
