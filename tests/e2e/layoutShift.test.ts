import type { CreateGroupResponse, Language } from '@balint/shared';
import type { Page, ViewportSize } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, openScreen, screenshotPath, shown } from './browser.ts';
import { eventually } from './server.ts';
import {
  LAPTOP,
  PHONE,
  PROJECTOR,
  remoteConsole,
  type Stage,
  useStage,
  withStorage,
} from './stage.ts';

/** Lighthouse's "good" is ≤ 0.1; a screen that follows a session should not move at all. */
const CLS_BUDGET = 0.05;
/** How long the server's words take to reach the screen: a slow room Wi-Fi. */
const SLOW_MS = 400;
/**
 * A slower one: the first view comes after a page has stopped waiting for its group's language
 * (1.5 s) and drawn itself in the browser's.
 */
const SLOWER_MS = 1000;

const enabled = browserAvailable();

/**
 * Every layout shift of the page's life so far (none after input): the sum, which is at least
 * the CLS (the worst one-second window) that Lighthouse reports.
 */
async function layoutShiftTotal(page: Page): Promise<{ total: number; shifts: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ total: number; shifts: string[] }>((resolve) => {
        interface Shift extends PerformanceEntry {
          value: number;
          hadRecentInput: boolean;
          sources?: Array<{ node?: Node | null }>;
        }
        // What moved, as a person would find it: its class, or the start of its text.
        const describe = (node: Node | null | undefined): string => {
          if (!node) return '?';
          const element = node instanceof Element ? node : node.parentElement;
          const text = node instanceof Element ? '' : ` "${node.textContent?.slice(0, 20)}"`;
          return `${element?.getAttribute('class') || node.nodeName}${text}`;
        };
        const entries: Shift[] = [];
        const observer = new PerformanceObserver((list) => {
          entries.push(...(list.getEntries() as Shift[]));
        });
        // Buffered: the shifts from before this observer existed arrive in its first callback.
        observer.observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => {
          observer.disconnect();
          const counted = entries.filter((entry) => !entry.hadRecentInput);
          resolve({
            total: counted.reduce((sum, entry) => sum + entry.value, 0),
            shifts: counted.map(
              (entry) =>
                `${entry.value.toFixed(4)} at ${Math.round(entry.startTime)} ms: ${(
                  entry.sources ?? []
                )
                  .map((source) => describe(source.node))
                  .join(', ')}`,
            ),
          });
        }, 100);
      }),
  );
}

/** The page's socket, with everything the server says arriving `delayMs` late. */
async function slowServer(page: Page, delayMs: number): Promise<void> {
  await page.routeWebSocket(/\/socket\.io\//, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      setTimeout(() => socket.send(message), delayMs);
    });
  });
}

/** Which screen of the group, at which size. */
interface Screen {
  page: 'member' | 'console' | 'display';
  size: ViewportSize;
}

/** The group measured and how its screens reach it. */
interface Setting {
  /** The group's language; every browser here speaks English. */
  language: Language;
  delaysMs: number[];
}

const ENGLISH_GROUP: Setting = { language: 'en', delaysMs: [SLOW_MS, SLOWER_MS] };

/**
 * Loads each screen afresh over each slow connection, in the lobby and then in the opening phase,
 * and sums its layout shifts once the first view has been laid out: `page language state width
 * delay` → sum.
 */
async function measureLoads(
  stage: Stage,
  screens: Screen[],
  { language, delaysMs }: Setting = ENGLISH_GROUP,
): Promise<{ measured: Record<string, number>; details: string[] }> {
  const { server } = stage;
  const group = await createGroup(server.url, language);
  const facilitator = await remoteConsole(server.url, group.code, group.facilitatorKey);
  const measured: Record<string, number> = {};
  const details: string[] = [];
  for (const state of ['lobby', 'opening'] as const) {
    if (state === 'opening') expect((await facilitator.send({ type: 'start' })).ok).toBe(true);
    for (const screen of screens) {
      for (const delayMs of delaysMs) {
        const name = `${screen.page} ${language} ${state} ${screen.size.width} +${delayMs}ms`;
        const { total, shifts } = await measureLoad(stage, group, screen, state, delayMs, name);
        measured[name] = total;
        details.push(`${name}: ${shifts.join('; ') || 'none'}`);
      }
    }
  }
  facilitator.close();
  return { measured, details };
}

/** One screen loaded over a connection `delayMs` slow: its layout shifts once it shows `state`. */
async function measureLoad(
  stage: Stage,
  group: CreateGroupResponse,
  screen: Screen,
  state: string,
  delayMs: number,
  name: string,
): Promise<{ total: number; shifts: string[] }> {
  const { server, browser, watch } = stage;
  const opened = await openScreen(browser, watch, name, `${server.url}/healthz`, screen.size, {
    locale: 'en-US',
  });
  await slowServer(opened.page, delayMs);
  await load(opened.page, screen.page, group);
  await eventually(async () => {
    const now = await shown(opened.page);
    expect(now.status).toBe('live');
    expect(now.phase).toBe(state);
  });
  // Whatever the first view brings in has been laid out and painted.
  await opened.page.waitForTimeout(500);
  const measured = await layoutShiftTotal(opened.page);
  await opened.page.screenshot({
    path: screenshotPath(`layout-shift-${name.replaceAll(/[ +]/g, '-')}`),
  });
  await opened.context.close();
  return measured;
}

async function createGroup(url: string, language: Language): Promise<CreateGroupResponse> {
  const response = await fetch(`${url}/api/groups`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Tuesday group', language }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as CreateGroupResponse;
}

/** Opens the screen's page; the console with its key in local storage, as a facilitator has it. */
async function load(page: Page, screen: Screen['page'], group: CreateGroupResponse): Promise<void> {
  if (screen === 'console') {
    await withStorage(
      page,
      { [`balint.key.${group.code}`]: group.facilitatorKey },
      `/f/${group.code}`,
    );
    return;
  }
  await page.goto(new URL(`/${screen === 'member' ? 'm' : 'd'}/${group.code}`, page.url()).href);
}

function expectCalm(stage: Stage, measured: Record<string, number>, details: string[]): void {
  for (const total of Object.values(measured)) {
    expect(total, details.join('\n')).toBeLessThanOrEqual(CLS_BUDGET);
  }
  expect(stage.watch.consoleErrors.join('\n')).toBe('');
}

describe.skipIf(!enabled)('a screen does not move as it loads', () => {
  const stage = useStage();

  it(`[CLS] the member page keeps its layout shift at most ${CLS_BUDGET} at 390×844, in the lobby and in a phase`, async () => {
    const { measured, details } = await measureLoads(stage, [{ page: 'member', size: PHONE }]);
    console.info('e2e: member page layout shift', measured, details);
    expectCalm(stage, measured, details);
  });

  it(`[CLS] the console keeps its layout shift at most ${CLS_BUDGET} at 1366×768 and 390×844, in the lobby and in a phase`, async () => {
    const { measured, details } = await measureLoads(stage, [
      { page: 'console', size: LAPTOP },
      { page: 'console', size: PHONE },
    ]);
    console.info('e2e: console layout shift', measured, details);
    expectCalm(stage, measured, details);
  });

  it(`[CLS] the projector keeps its layout shift at most ${CLS_BUDGET} at 1920×1080 and 390×844, in the lobby and in a phase`, async () => {
    const { measured, details } = await measureLoads(stage, [
      { page: 'display', size: PROJECTOR },
      { page: 'display', size: PHONE },
    ]);
    console.info('e2e: projector layout shift', measured, details);
    expectCalm(stage, measured, details);
  });

  it('[CLS] a German group’s console and projector, on English browsers, are drawn once in German: nothing moves as the words change', async () => {
    const { measured, details } = await measureLoads(
      stage,
      [
        { page: 'console', size: LAPTOP },
        { page: 'console', size: PHONE },
        { page: 'display', size: PROJECTOR },
      ],
      { language: 'de', delaysMs: [SLOWER_MS] },
    );
    console.info('e2e: German group layout shift', measured, details);
    expectCalm(stage, measured, details);
  });
});
