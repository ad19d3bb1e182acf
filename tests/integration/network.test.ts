import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../client/src/models/connection.ts';
import { SessionModel } from '../../client/src/models/session.ts';
import { connectSocket } from '../../client/src/socket.ts';
import { startProxy, type TcpProxy } from '../support/proxy.ts';
import {
  closeAllClients,
  eventually,
  facilitatorOf,
  sleep,
  startServer,
  type TestServer,
} from './helpers.ts';

let server: TestServer | null = null;
let proxy: TcpProxy | null = null;
let screen: SessionModel | null = null;

afterEach(async () => {
  screen?.dispose();
  closeAllClients();
  await proxy?.close();
  await server?.stop();
  screen = null;
  proxy = null;
  server = null;
});

const DROP_MS = 10_000;
const RECOVERY_MS = 3_000;

describe('[W1] the room network drops for 10 s', () => {
  it('the screen says it is reconnecting, then shows the current state within 3 s', async () => {
    server = await startServer();
    proxy = await startProxy(server.port);
    const { code, f } = await facilitatorOf(server.url);
    // The projector's own socket and model, as the page runs them, behind the room's network.
    screen = new SessionModel(connectSocket(() => ({ code, role: 'display' }), proxy.url));
    const model = screen;
    await eventually(() => model.status.value === 'live' && model.view.value?.revision === 0);
    expect(await f.command({ type: 'start' })).toMatchObject({ ok: true });
    await eventually(() => model.view.value?.revision === 1);

    proxy.drop();
    const droppedAt = Date.now();
    await eventually(() => model.status.value === 'reconnecting', 1000);
    // The facilitator, on the wired network, moves on while the room's Wi-Fi is down.
    for (const command of [{ type: 'next' }, { type: 'extend', ms: 60_000 }, { type: 'pause' }]) {
      expect(await f.command(command)).toMatchObject({ ok: true });
    }
    const seen = new Set<ConnectionStatus>();
    while (Date.now() - droppedAt < DROP_MS) {
      seen.add(model.status.value);
      // The last view stays up, never passed off as live.
      expect(model.view.value?.revision).toBe(1);
      await sleep(250);
    }
    expect([...seen]).toEqual(['reconnecting']);
    expect(proxy.open).toBe(0);

    proxy.restore();
    const restoredAt = Date.now();
    const stored = await server.store.get(code);
    await eventually(
      () => model.status.value === 'live' && model.view.value?.revision === stored?.revision,
      RECOVERY_MS,
    );
    const recoveryMs = Date.now() - restoredAt;
    expect(recoveryMs).toBeLessThan(RECOVERY_MS);
    console.log(
      `network drop: the screen was live again ${recoveryMs} ms after the network came back`,
    );
    expect(model.view.value).toMatchObject({
      revision: 4,
      phase: 'presentation',
      running: false,
      phaseBudgetMs: 660_000,
    });
  }, 30_000);
});
