import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, openScreen, shown } from './browser.ts';
import { eventually } from './server.ts';
import { PHONE, remoteConsole, useStage } from './stage.ts';

/** Lighthouse's "good" is ≤ 0.1; a phone that follows a session should not move at all. */
const CLS_BUDGET = 0.05;
/** How long the server's words take to reach the phone: a slow room Wi-Fi. */
const NETWORK_DELAY_MS = 400;

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
          return `${element?.className || node.nodeName}${text}`;
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

/** The page's socket, with everything the server says arriving `NETWORK_DELAY_MS` late. */
async function slowServer(page: Page): Promise<void> {
  await page.routeWebSocket(/\/socket\.io\//, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      setTimeout(() => socket.send(message), NETWORK_DELAY_MS);
    });
  });
}

describe.skipIf(!enabled)('the member page does not move as it loads', () => {
  const stage = useStage();

  it(`[CLS] keeps its layout shift at most ${CLS_BUDGET} at 390×844, in the lobby and in a phase`, async () => {
    const { server, browser, watch } = stage;
    const group = await server.createGroup('Tuesday group');
    const facilitator = await remoteConsole(server.url, group.code, group.facilitatorKey);
    const measured: Record<string, number> = {};
    const details: string[] = [];
    for (const state of ['lobby', 'opening'] as const) {
      if (state === 'opening') expect((await facilitator.send({ type: 'start' })).ok).toBe(true);
      const phone = await openScreen(browser, watch, `phone ${state}`, `${server.url}/`, PHONE);
      await slowServer(phone.page);
      await phone.page.goto(`${server.url}/m/${group.code}`);
      await eventually(async () => {
        const now = await shown(phone.page);
        expect(now.status).toBe('live');
        expect(now.phase).toBe(state);
      });
      // Whatever the first view brings in has been laid out and painted.
      await phone.page.waitForTimeout(500);
      const { total, shifts } = await layoutShiftTotal(phone.page);
      measured[state] = total;
      details.push(`${state}: ${shifts.join('; ') || 'none'}`);
      await phone.context.close();
    }
    facilitator.close();
    console.info('e2e: member page layout shift at 390×844', measured, details);
    for (const total of Object.values(measured)) {
      expect(total, details.join('\n')).toBeLessThanOrEqual(CLS_BUDGET);
    }
    expect(watch.consoleErrors.join('\n')).toBe('');
  });
});
