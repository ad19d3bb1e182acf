import type { GroupInfoResponse } from '@balint/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeAllClients,
  connect,
  createGroup,
  frozenClock,
  startServer,
  type TestServer,
  tempDir,
} from './helpers.ts';

const servers: TestServer[] = [];

afterEach(async () => {
  closeAllClients();
  for (const server of servers.splice(0)) await server.stop();
});

async function start(options: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

async function stop(server: TestServer): Promise<void> {
  servers.splice(servers.indexOf(server), 1);
  await server.stop();
}

const T0 = 1_800_000_000_000;

describe('[T7][P1][R4] restart: wall-clock time survives the process', () => {
  it('a running phase kept running while the server was down, to the ms', async () => {
    const clock = frozenClock(T0);
    const dataDir = tempDir();
    const first = await start({ dataDir, clock });
    const { code, facilitatorKey: key } = await createGroup(first.url);
    const f = await connect(first.url, { code, role: 'facilitator', key }, { reconnection: true });
    const d = await connect(first.url, { code, role: 'display' }, { reconnection: true });
    expect(await f.command({ type: 'start' })).toMatchObject({ ok: true });
    clock.advance(60_000);
    expect(await f.command({ type: 'next' })).toMatchObject({ ok: true, view: { revision: 2 } });
    clock.advance(42_123);
    const seenBefore = d.views.length;

    await stop(first);
    clock.advance(10_000);
    const second = await start({ dataDir, clock, port: first.port });

    for (const client of [f, d]) {
      const view = await client.waitFor(
        (v) => client.views.indexOf(v) >= seenBefore && v.serverTime === T0 + 112_123,
      );
      expect(view).toMatchObject({
        phase: 'presentation',
        running: true,
        revision: 2,
        phaseElapsedMs: 52_123,
        phaseBudgetMs: 600_000,
      });
    }
    const info = (await (
      await fetch(`${second.url}/api/groups/${code}`)
    ).json()) as GroupInfoResponse;
    expect(info.view).toMatchObject({ phase: 'presentation', phaseElapsedMs: 52_123, revision: 2 });
    expect(await f.command({ type: 'next' })).toMatchObject({ ok: true, view: { revision: 3 } });
  });

  it('a paused phase stays paused at the same elapsed time', async () => {
    const clock = frozenClock(T0);
    const dataDir = tempDir();
    const first = await start({ dataDir, clock });
    const { code, facilitatorKey: key } = await createGroup(first.url);
    const f = await connect(first.url, { code, role: 'facilitator', key }, { reconnection: true });
    await f.command({ type: 'start' });
    clock.advance(5_000);
    await f.command({ type: 'pause' });
    clock.advance(7_000);
    await stop(first);
    clock.advance(3_600_000);
    const second = await start({ dataDir, clock, port: first.port });
    const view = await f.waitFor((v) => v.serverTime === T0 + 3_612_000);
    expect(view).toMatchObject({
      phase: 'opening',
      running: false,
      phaseElapsedMs: 5_000,
      revision: 2,
    });
    clock.advance(1_000);
    const resumed = await f.command({ type: 'resume' });
    expect(resumed).toMatchObject({ ok: true, view: { running: true, phaseElapsedMs: 5_000 } });
    clock.advance(2_500);
    const info = (await (
      await fetch(`${second.url}/api/groups/${code}`)
    ).json()) as GroupInfoResponse;
    expect(info.view.phaseElapsedMs).toBe(7_500);
  });

  it('[S3][S4] replays auto-advances missed while down, each at its deadline', async () => {
    const clock = frozenClock(T0);
    const dataDir = tempDir();
    const first = await start({ dataDir, clock });
    const plan = { autoAdvance: true, budgets: { opening: 60_000, presentation: 120_000 } };
    const { code, facilitatorKey: key } = await createGroup(first.url, { plan });
    const f = await connect(first.url, { code, role: 'facilitator', key }, { reconnection: true });
    await f.command({ type: 'start' });
    clock.advance(10_000);
    await stop(first);
    // Down across both deadlines: opening ends at +60 s, presentation at +180 s.
    clock.advance(200_000);
    const second = await start({ dataDir, clock, port: first.port });

    // Read back from timestamps at once; stored as soon as a screen brings the group back.
    const info = (await (
      await fetch(`${second.url}/api/groups/${code}`)
    ).json()) as GroupInfoResponse;
    expect(info.view).toMatchObject({ revision: 3, phase: 'questions', phaseElapsedMs: 30_000 });
    const view = await f.waitFor((v) => v.revision === 3);
    expect(view).toMatchObject({ phase: 'questions', running: true, phaseElapsedMs: 30_000 });
    expect(view.serverTime - view.phaseElapsedMs).toBe(T0 + 180_000);
    expect((await second.store.get(code))?.revision).toBe(3);
  });

  it('[S3] a command after a missed deadline comes after the auto-advance, timer or not', async () => {
    const clock = frozenClock(T0);
    const server = await start({ clock });
    const plan = { autoAdvance: true, budgets: { opening: 60_000 } };
    const { code, facilitatorKey: key } = await createGroup(server.url, { plan });
    const f = await connect(server.url, { code, role: 'facilitator', key });
    const d = await connect(server.url, { code, role: 'display' });
    await f.command({ type: 'start' });
    // Past the deadline by the server's clock; the actor's real timer is still a minute away.
    clock.advance(61_000);
    const late = await f.command({ type: 'next', expectedRevision: 1 });
    expect(late).toMatchObject({
      ok: false,
      error: { code: 'stale_revision' },
      view: { revision: 2, phase: 'presentation', phaseElapsedMs: 1_000 },
    });
    expect((await d.waitFor((view) => view.revision === 2)).phase).toBe('presentation');
    expect((await server.store.get(code))?.revision).toBe(2);
    const next = await f.command({ type: 'next', expectedRevision: 2 });
    expect(next).toMatchObject({ ok: true, view: { revision: 3, phase: 'questions' } });
  });
});
