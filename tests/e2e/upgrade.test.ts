import type { SessionView } from '@balint/shared';
import type { Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { browserAvailable, openScreen, type Screen, shown } from './browser.ts';
import { eventually } from './server.ts';
import { LAPTOP, PHONE, PROJECTOR, remoteConsole, useStage, withStorage } from './stage.ts';

const enabled = browserAvailable();

/** A screen and the number of times its page has loaded since the test began watching it. */
interface Watched {
  screen: Screen;
  loads: number;
}

function watchLoads(screen: Screen): Watched {
  const watched = { screen, loads: 0 };
  screen.page.on('load', () => {
    watched.loads += 1;
  });
  return watched;
}

/** Marks the page's document: a reload gives a new one, without the mark. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { before: boolean }).before = true;
  });
}

async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { before?: boolean }).before === true);
}

/** Every screen live and in `phase`. */
async function allLive(screens: Watched[], phase: string, timeoutMs = 5_000): Promise<void> {
  await eventually(async () => {
    for (const { screen } of screens) {
      const now = await shown(screen.page);
      expect(now.status, screen.name).toBe('live');
      expect(now.phase, screen.name).toBe(phase);
    }
  }, timeoutMs);
}

/** The members a facilitator sees now, over the real protocol. */
async function membersOf(url: string, code: string, key: string): Promise<SessionView['members']> {
  const socket = io(url, { auth: { code, role: 'facilitator', key }, transports: ['websocket'] });
  try {
    const view = await new Promise<SessionView>((done, fail) => {
      socket.once('session', done);
      socket.once('connect_error', fail);
    });
    return view.members;
  } finally {
    socket.close();
  }
}

describe.skipIf(!enabled)('[UP1] a page open across an upgrade reloads itself', () => {
  const stage = useStage();

  it('console, projector and phone reload once into the new build, in place', async () => {
    const { server, browser, watch } = stage;
    const group = await server.createGroup('Tuesday group');
    const { code, facilitatorKey } = group;
    const remote = await remoteConsole(server.url, code, facilitatorKey);
    expect((await remote.send({ type: 'start' })).ok).toBe(true);
    remote.close();

    // The console opens from its link (the key in the fragment, then only in local storage);
    // the phone has a name and its own device id in local storage.
    const consoleScreen = await openScreen(
      browser,
      watch,
      'console',
      group.links.facilitator,
      LAPTOP,
    );
    const display = await openScreen(browser, watch, 'display', group.links.display, PROJECTOR);
    const phone = await openScreen(browser, watch, 'phone', `${server.url}/`, PHONE);
    await withStorage(phone.page, { 'balint.member.name': 'Ada' }, `/m/${code}`);
    const screens = [consoleScreen, display, phone].map(watchLoads);
    await allLive(screens, 'opening');
    expect(consoleScreen.page.url()).not.toContain('key=');
    const device = await phone.page.evaluate(() => localStorage.getItem('balint.device'));
    expect(device).toBeTruthy();
    for (const { screen } of screens) await markDocument(screen.page);

    // A plain restart (same build): every screen reconnects in place, nothing reloads.
    watch.restarting = true;
    await server.kill();
    await server.start();
    await allLive(screens, 'opening');
    for (const { screen, loads } of screens) {
      expect(loads, screen.name).toBe(0);
      expect(await sameDocument(screen.page), screen.name).toBe(true);
    }

    // An upgrade: the server comes back serving another build. Every page reloads itself at
    // once and is live again on the same group, as the same console and the same phone.
    await server.kill();
    await server.start({ BUILD_ID: 'next-build' });
    const upgradedAt = Date.now();
    await eventually(async () => {
      for (const { screen, loads } of screens) expect(loads, screen.name).toBe(1);
    }, 5_000);
    const reloadMs = Date.now() - upgradedAt;
    await allLive(screens, 'opening');
    for (const { screen } of screens) {
      expect(await sameDocument(screen.page), screen.name).toBe(false);
      expect(screen.page.url(), screen.name).toContain(`/${code}`);
    }
    await consoleScreen.page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    expect(await phone.page.evaluate(() => localStorage.getItem('balint.device'))).toBe(device);
    await eventually(async () => {
      const members = await membersOf(server.url, code, facilitatorKey);
      expect(members).toEqual([expect.objectContaining({ name: 'Ada', device })]);
    });

    // The reloaded pages still carry this test's bundle, not the announced one: each tab
    // reloads once for a build, so they stay, live, instead of reloading for ever.
    await new Promise((done) => setTimeout(done, 1_500));
    for (const { screen, loads } of screens) expect(loads, screen.name).toBe(1);
    await allLive(screens, 'opening');

    // The console still works after its reload: its key came from local storage.
    await consoleScreen.page.getByRole('button', { name: 'Pause', exact: true }).click();
    await eventually(async () => expect((await server.view(code)).running).toBe(false));
    watch.restarting = false;

    expect(watch.foreignRequests.join('\n'), 'requests to other hosts').toBe('');
    expect(watch.consoleErrors.join('\n'), 'browser console errors').toBe('');
    console.info(`e2e: pages reloaded ${reloadMs} ms after the upgraded server was up`);
    for (const { screen } of screens) await screen.context.close();
  });
});
