import type { GroupInfoResponse, SessionView } from '@balint/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllClients, connect } from '../integration/helpers.ts';
import { type Nginx, requireNginx, startNginx } from '../support/nginx.ts';
import { type RedisServer, startRedisServer } from '../support/redisServer.ts';
import { freePort, type ServerProcess, serverProcess } from '../support/scaleOutProcess.ts';
import {
  browserAvailable,
  launchBrowser,
  newWatch,
  openScreen,
  shown,
  truthAt,
  type Watch,
} from './browser.ts';
import { buildClient, eventually } from './server.ts';

const PROJECTOR = { width: 1920, height: 1080 };
const enabled = browserAvailable();

describe.skipIf(!enabled)('deployment: nginx in front of two processes on one Redis', () => {
  let redis: RedisServer;
  let processes: ServerProcess[] = [];
  let nginx: Nginx;
  let browser: Browser;
  const watch: Watch = newWatch();

  beforeAll(async () => {
    requireNginx();
    buildClient();
    redis = await startRedisServer();
    const listenPort = await freePort();
    const ports: [number, number] = [await freePort(), await freePort()];
    processes = ports.map((port) =>
      serverProcess(port, redis.url, {
        publicUrl: `http://127.0.0.1:${listenPort}`,
        trustProxy: '1',
        // Debug logs say which process a screen joined (code and role, never a name).
        logLevel: 'debug',
      }),
    );
    await Promise.all(processes.map((server) => server.start()));
    nginx = await startNginx(listenPort, ports);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    closeAllClients();
    await browser?.close();
    await nginx?.stop();
    for (const server of processes) await server.kill('SIGKILL');
    await redis?.stop();
  });

  async function stored(code: string): Promise<SessionView> {
    const response = await fetch(`${nginx.url}/api/groups/${code}`);
    if (!response.ok) throw new Error(`GET ${code}: ${response.status}`);
    return ((await response.json()) as GroupInfoResponse).view;
  }

  /** The display shows the session live, at the right second (within one, as screens do). */
  async function displayIsRight(page: Parameters<typeof shown>[0], code: string, phase: string) {
    const now = await shown(page);
    expect(now.status).toBe('live');
    expect(now.phase).toBe(phase);
    const truth = truthAt(await stored(code), Date.now());
    expect(now.overtime).toBe(truth.overtime);
    expect(Math.abs((now.seconds ?? Number.NaN) - truth.seconds)).toBeLessThanOrEqual(1);
  }

  const joinedDisplay = (server: ServerProcess, code: string) =>
    server.output
      .split('\n')
      .some(
        (line) =>
          line.includes('"msg":"screen joined"') &&
          line.includes(`"code":"${code}"`) &&
          line.includes('"role":"display"'),
      );

  it('[SO8] the process a display is on is killed: it shows the right time again within 3 s', async () => {
    const created = await fetch(`${nginx.url}/api/groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Deployment' }),
    });
    expect(created.status).toBe(201);
    const { code, facilitatorKey: key, links } = await created.json();
    expect(links.display).toBe(`${nginx.url}/d/${code}`);
    const f = await connect(nginx.url, { code, role: 'facilitator', key }, { reconnection: true });
    expect(await f.command({ type: 'start' })).toMatchObject({ ok: true });

    const display = await openScreen(browser, watch, 'display', links.display, PROJECTOR);
    await eventually(() => displayIsRight(display.page, code, 'opening'), 10_000);
    const holder = await eventually(() => {
      const found = processes.find((server) => joinedDisplay(server, code));
      if (!found) throw new Error('no process says the display joined');
      return found;
    });
    const other = processes.find((server) => server !== holder);
    if (!other) throw new Error('one process only');

    watch.restarting = true;
    const killedAt = Date.now();
    await holder.kill('SIGKILL');
    await eventually(
      async () => {
        if (!joinedDisplay(other, code)) throw new Error('not yet on the other process');
        await displayIsRight(display.page, code, 'opening');
      },
      10_000,
      25,
    );
    const recoveryMs = Date.now() - killedAt;
    console.info(
      `[SO8] display through nginx: the right time again ${recoveryMs} ms after SIGKILL`,
    );
    expect(recoveryMs, 'display live and right again after its process was killed').toBeLessThan(
      3_000,
    );
    watch.restarting = false;

    // The facilitator carries on through the other process; the display follows.
    await eventually(async () => {
      expect(await f.command({ type: 'next' })).toMatchObject({ ok: true });
    }, 5_000);
    await eventually(() => displayIsRight(display.page, code, 'presentation'), 5_000);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    await display.context.close();
  });
});
