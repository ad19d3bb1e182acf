import type { Command, CommandAck, CreateGroupResponse, SessionView } from '@balint/shared';
import type { Browser, BrowserContextOptions, Page, ViewportSize } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, newWatch, openScreen, type Screen, type Watch } from './browser.ts';
import { buildClient, freePort, removeDir, ServerProcess, tempDir } from './server.ts';

export const LAPTOP = { width: 1366, height: 768 };
export const PROJECTOR = { width: 1920, height: 1080 };
export const PHONE = { width: 390, height: 844 };
export const SIZES = [PROJECTOR, LAPTOP, PHONE];

/** What a test file's browser tests run against: the built client, the real server, Chromium. */
export interface Stage {
  server: ServerProcess;
  browser: Browser;
  watch: Watch;
}

/** Builds the client, starts a server and a browser before the file's tests; stops them after. */
export function useStage(): Stage {
  const stage = { watch: newWatch() } as Stage;
  let dataDir: string | undefined;
  beforeAll(async () => {
    buildClient();
    dataDir = tempDir();
    stage.server = await startOnFreePort(dataDir);
    stage.browser = await launchBrowser();
  });
  afterAll(async () => {
    await stage.browser?.close();
    await stage.server?.kill();
    if (dataDir) removeDir(dataDir);
  });
  return stage;
}

/** Starts a server on a free port; should another process take the port first, on another. */
export async function startOnFreePort(dataDir: string, attempts = 3): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    const server = new ServerProcess(await freePort(), dataDir);
    try {
      await server.start();
      return server;
    } catch (error) {
      await server.kill();
      if (attempt >= attempts) throw error;
    }
  }
}

/** How a console is opened: its screen's name, size and browser, and what its storage holds. */
export interface ConsoleOptions {
  viewport?: ViewportSize;
  browser?: BrowserContextOptions;
  /** The group's links as the start page keeps them; none, as on a co-facilitator's laptop. */
  links?: CreateGroupResponse['links'] | null;
  /** Runs in the page before the console loads (to stub a browser API, say). */
  prepare?: (page: Page) => Promise<void>;
}

/** Opens a group's console as its facilitator's laptop has it (the key in storage), once live. */
export async function openConsole(
  stage: Stage,
  group: CreateGroupResponse,
  name: string,
  { viewport = LAPTOP, browser, links = group.links, prepare }: ConsoleOptions = {},
): Promise<Screen> {
  const healthz = `${stage.server.url}/healthz`;
  const screen = await openScreen(stage.browser, stage.watch, name, healthz, viewport, browser);
  await prepare?.(screen.page);
  const entries: Record<string, string> = { [`balint.key.${group.code}`]: group.facilitatorKey };
  if (links) entries[`balint.links.${group.code}`] = JSON.stringify(links);
  await withStorage(screen.page, entries, `/f/${group.code}`);
  await screen.page.locator('[data-status="live"]').waitFor();
  return screen;
}

/** Puts entries into the page's local storage, then loads `path` (on the page's origin). */
export async function withStorage(
  page: Page,
  entries: Record<string, string>,
  path: string,
): Promise<void> {
  await page.evaluate((values) => {
    for (const [key, value] of Object.entries(values)) localStorage.setItem(key, value);
  }, entries);
  await page.goto(new URL(path, page.url()).href);
}

/** The element's box in the viewport as the page is now (no scrolling). */
export async function boxOf(
  page: Page,
  selector: string,
): Promise<{ top: number; bottom: number; left: number; right: number }> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const box = element.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom, left: box.left, right: box.right };
    });
}

/** A co-facilitator at another laptop, driven from the test over the real protocol. */
export interface RemoteConsole {
  /** Sends a command pinned to the latest revision this console has seen. */
  send(command: Command): Promise<CommandAck>;
  close(): void;
}

export async function remoteConsole(
  url: string,
  code: string,
  key: string,
): Promise<RemoteConsole> {
  const socket = io(url, { auth: { code, role: 'facilitator', key }, transports: ['websocket'] });
  let latest: SessionView | null = null;
  socket.on('session', (view: SessionView) => {
    if (!latest || view.revision >= latest.revision) latest = view;
  });
  await new Promise<void>((done, fail) => {
    socket.once('session', () => done());
    socket.once('connect_error', fail);
  });
  return {
    async send(command) {
      const ack: CommandAck = await socket.emitWithAck('command', {
        ...command,
        expectedRevision: latest?.revision,
      });
      if (ack.view && (!latest || ack.view.revision >= latest.revision)) latest = ack.view;
      return ack;
    },
    close: () => socket.close(),
  };
}

/**
 * Lets a page's socket through to the server, except that the server's `session` broadcasts are
 * dropped while `holding()` is true: the page then still shows a revision others have moved on.
 */
export async function holdBroadcasts(page: Page, holding: () => boolean): Promise<void> {
  await page.routeWebSocket(/\/socket\.io\//, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (holding() && typeof message === 'string' && message.startsWith('42["session"')) return;
      socket.send(message);
    });
  });
}
