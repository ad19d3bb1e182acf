import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countdownAt, type SessionView } from '@balint/shared';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type ConsoleMessage,
  chromium,
  type Page,
  type ViewportSize,
} from 'playwright-core';
import { repoRoot } from './server.ts';

export const SCREENSHOTS = join(repoRoot, 'test-results/screenshots');
export const CHROMIUM = '/usr/bin/chromium';

/** e2e needs Debian's Chromium; outside CI its absence skips loudly, in CI it fails. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) return true; // let the launch fail: CI must have a browser
  console.warn(
    `\n${'!'.repeat(78)}\n!!! e2e SKIPPED: ${CHROMIUM} does not exist (apt-get install -y chromium).\n!!! In CI (CI set) this fails instead.\n${'!'.repeat(78)}\n`,
  );
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** What every page is checked for: console errors and requests to any other host. */
export interface Watch {
  consoleErrors: string[];
  foreignRequests: string[];
  /** While true, the connection-refused noise of a deliberate server restart is expected. */
  restarting: boolean;
  /**
   * Paths whose 404 is an answer the page expects (a code checked before joining, a remembered
   * group that expired); Chromium logs every 404 it fetches, but these are not errors.
   */
  expectedMissing: string[];
}

export function newWatch(): Watch {
  return { consoleErrors: [], foreignRequests: [], restarting: false, expectedMissing: [] };
}

function isExpectedMissing(watch: Watch, message: ConsoleMessage): boolean {
  if (!message.text().includes('status of 404')) return false;
  const url = message.location().url;
  return watch.expectedMissing.some((path) => url.endsWith(path));
}

const RESTART_NOISE =
  /ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|WebSocket connection to .* failed|ERR_EMPTY_RESPONSE|status of 50[234]/;

export interface Screen {
  name: string;
  context: BrowserContext;
  page: Page;
}

/** A page in its own browser context (its own storage), watched for errors and other hosts. */
export async function openScreen(
  browser: Browser,
  watch: Watch,
  name: string,
  url: string,
  viewport: ViewportSize,
  options: BrowserContextOptions = {},
): Promise<Screen> {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce', ...options });
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === '127.0.0.1' || host === 'localhost') return route.continue();
    watch.foreignRequests.push(`${name}: ${route.request().url()}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (watch.restarting && RESTART_NOISE.test(text)) return;
    if (isExpectedMissing(watch, message)) return;
    watch.consoleErrors.push(`${name}: ${text}`);
  });
  page.on('pageerror', (error) => watch.consoleErrors.push(`${name}: ${error.message}`));
  await page.goto(url);
  return { name, context, page };
}

let axeScript: string | null = null;
function axeSource(): string {
  axeScript ??= readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  return axeScript;
}

/** Runs axe-core in the page; returns the violations, summarised. */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  // Evaluated through DevTools rather than added as a <script>: the page's strict CSP (rightly)
  // refuses inline scripts, and bypassing CSP for the whole context would hide real violations.
  if (!loaded) await page.evaluate(axeSource());
  const violations = await page.evaluate(async () => {
    // axe is injected above; the window type does not know it.
    const axe = (window as unknown as { axe: { run: () => Promise<AxeResult> } }).axe;
    type AxeResult = {
      passes: unknown[];
      violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }>;
    };
    const result = await axe.run();
    // A run that checked nothing would pass silently.
    if (result.passes.length < 10) return [`axe checked only ${result.passes.length} rules`];
    return result.violations.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes
          .map((node) => JSON.stringify(node.target))
          .join(', ')})`,
    );
  });
  return violations;
}

/** What a screen shows now: its phase (data-phase) and its digits in seconds (+ in overtime). */
export interface Shown {
  phase: string;
  status: string;
  seconds: number | null;
  overtime: boolean;
}

export async function shown(page: Page): Promise<Shown> {
  return page.evaluate(() => {
    const root = document.querySelector('[data-phase]');
    const digits = document.querySelector('.digits > span[aria-hidden="true"]');
    const text = digits?.textContent ?? '';
    const match = /^(\+)?(?:(\d+):)?(\d+):(\d{2})$/.exec(text);
    let seconds: number | null = null;
    if (match) {
      seconds = Number(match[2] ?? 0) * 3600 + Number(match[3]) * 60 + Number(match[4]);
    }
    return {
      phase: root?.getAttribute('data-phase') ?? '',
      status: root?.getAttribute('data-status') ?? '',
      seconds,
      overtime: match?.[1] === '+',
    };
  });
}

/** The seconds every screen should show now, from the server's own view. */
export function truthAt(view: SessionView, now: number): { seconds: number; overtime: boolean } {
  const countdown = countdownAt(view, now);
  return { seconds: countdown.seconds, overtime: countdown.overtime };
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

/** Starts recording, in the page, when its digits change: [epoch ms, text]. */
export async function recordFlips(page: Page): Promise<void> {
  await page.evaluate(() => {
    const target = document.querySelector('.digits > span[aria-hidden="true"]');
    const flips: Array<[number, string]> = [];
    (window as unknown as { flips: typeof flips }).flips = flips;
    if (!target) return;
    new MutationObserver(() => flips.push([Date.now(), target.textContent ?? ''])).observe(target, {
      characterData: true,
      childList: true,
      subtree: true,
    });
  });
}

export async function recordedFlips(page: Page): Promise<Array<[number, string]>> {
  return page.evaluate(() => (window as unknown as { flips: Array<[number, string]> }).flips);
}

/** When a running view's display should change to `seconds` (counting down): epoch ms. */
export function flipTime(view: SessionView, seconds: number): number {
  return view.serverTime + view.phaseBudgetMs - view.phaseElapsedMs - seconds * 1000;
}

/**
 * Elements whose box sticks out of the viewport sideways, or whose text spills out of its own box
 * (clipped or overlapping the next thing): what a person sees as a broken layout.
 */
export async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      if (element.closest('.visually-hidden, svg, details:not([open]) > :not(summary)')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const name = `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`;
      if (box.right > width + 1 || box.left < -1) {
        found.push(`${name} spans ${Math.round(box.left)}–${Math.round(box.right)} of ${width}`);
      } else if (element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0) {
        const style = getComputedStyle(element);
        if (style.overflowX === 'visible' && element.tagName !== 'INPUT') {
          found.push(`${name} text ${element.scrollWidth} px in a ${element.clientWidth} px box`);
        }
      }
    }
    return found;
  });
}

/** The rendered width of the first element matching `selector`, in CSS px. */
export async function widthOf(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => element.getBoundingClientRect().width);
}
