import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, newWatch, openScreen, shown } from './browser.ts';
import { buildClient, eventually, freePort, removeDir, ServerProcess, tempDir } from './server.ts';

const LAPTOP = { width: 1366, height: 768 };

/** A `securitypolicyviolation` event, as the page reported it. */
interface Violation {
  directive: string;
  blocked: string;
}

const enabled = browserAvailable();

describe.skipIf(!enabled)('the Content-Security-Policy in a real Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dataDir: string;
  let code: string;

  beforeAll(async () => {
    buildClient();
    dataDir = tempDir();
    server = new ServerProcess(await freePort(), dataDir);
    await server.start();
    browser = await launchBrowser();
    code = (await server.createGroup('CSP group')).code;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill();
    if (dataDir) removeDir(dataDir);
  });

  it('serves pages with no inline script at all, under a policy that forbids it', async () => {
    for (const path of ['/', `/f/${code}`, `/d/${code}`, `/m/${code}`]) {
      const response = await fetch(`${server.url}${path}`);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy, path).toMatch(/(^|;)\s*script-src 'self'\s*(;|$)/);
      expect(policy, path).toMatch(/default-src 'self'/);
      expect(policy, path).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length, `${path} loads its script`).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        expect(attributes, `${path}: every script is a file`).toMatch(/\ssrc="\/assets\//);
        expect(body?.trim(), `${path}: and has no body`).toBe('');
      }
      expect(html, `${path}: no inline event handlers`).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html, `${path}: no javascript: URLs`).not.toMatch(/javascript:/i);
    }
  });

  it('refuses an injected inline script, handler and string eval, and reports each one', async () => {
    const watch = newWatch();
    const display = await openScreen(browser, watch, 'display', 'about:blank', LAPTOP);
    // Listening from before the page's own scripts, to see that they break no rule either.
    await display.context.addInitScript(() => {
      const violations: Violation[] = [];
      Object.assign(window, { violations });
      document.addEventListener('securitypolicyviolation', (event) => {
        violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
      });
    });
    await display.page.goto(`${server.url}/d/${code}`);
    await eventually(async () => expect((await shown(display.page)).status).toBe('live'));
    const violations = () =>
      display.page.evaluate(() => (window as unknown as { violations: Violation[] }).violations);
    expect(await violations(), 'the page itself').toEqual([]);

    // page.evaluate runs through DevTools, outside the policy; what it adds to the page is not.
    await display.page.evaluate(() => {
      const mark = (how: string) => `window.injected = [...(window.injected ?? []), '${how}'];`;
      const script = document.createElement('script');
      script.textContent = mark('script');
      document.body.append(script);
      const button = document.createElement('button');
      button.setAttribute('onclick', mark('handler'));
      document.body.append(button);
      button.click();
      // A string handed to setTimeout is compiled later, by the page: eval under the policy.
      (setTimeout as unknown as (code: string, ms: number) => void)(mark('timer'), 0);
    });
    const reported = await eventually(async () => {
      const seen = await violations();
      expect(seen).toHaveLength(3);
      return seen;
    });
    expect(reported).toEqual(
      expect.arrayContaining([
        { directive: 'script-src-elem', blocked: 'inline' },
        { directive: 'script-src-attr', blocked: 'inline' },
        { directive: 'script-src', blocked: 'eval' },
      ]),
    );
    expect(await display.page.evaluate(() => 'injected' in window), 'nothing injected ran').toBe(
      false,
    );
    // The page carries on, and its console shows only the refusals provoked here.
    expect((await shown(display.page)).status).toBe('live');
    expect(watch.foreignRequests).toEqual([]);
    for (const error of watch.consoleErrors) expect(error).toMatch(/Content Security Policy/);
    await display.context.close();
  });
});
