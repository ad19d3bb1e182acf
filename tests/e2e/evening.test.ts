import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, browserAvailable, openScreen, type Screen } from './browser.ts';
import { eventually } from './server.ts';
import { openConsole, PHONE, type Stage, useStage, withStorage } from './stage.ts';

const enabled = browserAvailable();

async function openPhone(stage: Stage, code: string, name: string): Promise<Screen> {
  const phone = await openScreen(
    stage.browser,
    stage.watch,
    `evening-${name}`,
    `${stage.server.url}/healthz`,
    PHONE,
  );
  await withStorage(phone.page, { 'balint.member.name': name }, `/m/${code}`);
  await phone.page.locator('[data-status="live"]').waitFor();
  return phone;
}

async function press(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
}

async function promptOf(page: Page): Promise<string> {
  return (await page.locator('.member__prompt').textContent()) ?? '';
}

describe.skipIf(!enabled)('a two-case evening', () => {
  const stage = useStage();

  it('survives a slip of → and ←, takes one back with Undo, and hands the presenter on', async () => {
    const group = await stage.server.createGroup('Thursday evening');
    const { code } = group;
    const console = await openConsole(stage, group, 'evening-console', { links: null });
    const anna = await openPhone(stage, code, 'Anna');
    const ben = await openPhone(stage, code, 'Ben');
    const { page } = console;
    const phase = async () => (await stage.server.view(code)).phase;

    // Anna offers her case; the facilitator picks her from Who is here.
    await press(anna.page, 'I have a case to offer');
    await eventually(async () =>
      expect(await page.locator('.presence__names').textContent()).toMatch(/Anna\s*offers a case/),
    );
    await page.getByRole('button', { name: /Presents the case: Anna/ }).click();
    await eventually(async () => expect((await stage.server.view(code)).presenter).toBe('Anna'));

    await press(page, 'Start session');
    await eventually(async () => {
      expect(await anna.page.locator('.member__role').count()).toBe(1);
      expect(await ben.page.locator('.member__role').count()).toBe(0);
    });
    for (const next of ['presentation', 'questions', 'discussion']) {
      await press(page, 'Next phase');
      await eventually(async () => expect(await phase()).toBe(next));
    }
    expect(await promptOf(anna.page)).toMatch(/Sit back and listen/);
    expect(await promptOf(ben.page)).toMatch(/no advice/);
    await page.waitForTimeout(3_000);

    // A stray → then ←: the discussion keeps its clock.
    await page.keyboard.press('ArrowRight');
    await eventually(async () => expect(await phase()).toBe('reflection'));
    await page.keyboard.press('ArrowLeft');
    await eventually(async () => expect(await phase()).toBe('discussion'));
    const afterBack = await stage.server.view(code);
    expect(afterBack.phaseElapsedMs).toBeGreaterThanOrEqual(3_000);

    // Another slip, taken back with Undo: as if it had never happened, time included.
    await press(page, 'Next phase');
    await eventually(async () => expect(await phase()).toBe('reflection'));
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    await undo.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/facilitator-undo-1366.png' });
    await page.waitForTimeout(1_000);
    await undo.click();
    await eventually(async () => expect(await phase()).toBe('discussion'));
    const undone = await stage.server.view(code);
    expect(undone.phaseElapsedMs).toBeGreaterThanOrEqual(afterBack.phaseElapsedMs + 1_000);
    expect(undone.undoable).toBeUndefined();
    await eventually(async () => expect(await undo.count()).toBe(0));

    // On to the reflection and the second case: nobody presents until the facilitator says.
    await press(page, 'Next phase');
    await eventually(async () => expect(await phase()).toBe('reflection'));
    expect(await promptOf(anna.page)).toMatch(/invited back/);
    await press(page, 'Next case');
    await eventually(async () => {
      const view = await stage.server.view(code);
      expect(view).toMatchObject({ phase: 'presentation', caseNumber: 2 });
      expect(view.presenterDevice).toBeUndefined();
    });
    await eventually(async () => {
      expect(await anna.page.locator('.member__role').count()).toBe(0);
      expect(await promptOf(anna.page)).toMatch(/Listen\. Notice/);
    });
    await page.getByRole('button', { name: /Presents the case: Ben/ }).click();
    await eventually(async () => {
      expect(await ben.page.locator('.member__role').count()).toBe(1);
      expect(await promptOf(ben.page)).toMatch(/Tell the story/);
    });

    await press(page, 'End…');
    await page.getByRole('dialog', { name: 'End the session?' }).waitFor();
    await page.getByRole('button', { name: 'End session', exact: true }).click();
    await eventually(async () => expect(await phase()).toBe('ended'));
    expect(stage.watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    expect(stage.watch.foreignRequests).toEqual([]);
    for (const screen of [console, anna, ben]) await screen.context.close();
  });
});
