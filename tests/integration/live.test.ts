import { afterEach, describe, expect, it } from 'vitest';
import {
  type Client,
  closeAllClients,
  connect,
  createGroup,
  eventually,
  facilitatorOf,
  frozenClock,
  manualClock,
  refusedJoin,
  startServer,
  T0,
  type TestServer,
  testClock,
} from './helpers.ts';

// What the server does by itself as time passes: auto-advance, presence, expiry. The server's
// clock is the test's: its timers fire only when the test moves time, so nothing is slept.

let server: TestServer | null = null;

afterEach(async () => {
  closeAllClients();
  await server?.stop();
  server = null;
});

/** Facilitator commands wait their turn behind the server's own work on the group: a barrier. */
async function settled(f: Client) {
  const ack = await f.command({ type: 'pause', expectedRevision: 2 ** 31 });
  if (ack.ok || !ack.view) throw new Error('the barrier went through');
  return ack.view;
}

describe('[S3] auto-advance, live', () => {
  it('advances at the deadline, tells every screen, never out of reflection', async () => {
    const clock = manualClock();
    server = await startServer({ clock });
    const plan = { autoAdvance: true, budgets: { opening: 60_000, reflection: 60_000 } };
    const { code, f } = await facilitatorOf(server.url, { plan });
    const d = await connect(server.url, { code, role: 'display' });
    const m = await connect(server.url, { code, role: 'member', name: 'Ana' });
    expect(await f.command({ type: 'start' })).toMatchObject({ ok: true });

    clock.advance(59_999);
    expect(await settled(f)).toMatchObject({ revision: 1, phase: 'opening' });
    clock.advance(1);
    for (const client of [f, d, m]) {
      const view = await client.waitFor((v) => v.revision === 2);
      expect(view).toMatchObject({ phase: 'presentation', running: true });
      expect(view.serverTime - view.phaseElapsedMs).toBe(T0 + 60_000);
    }
    // A presence broadcast due just after the deadline shows the caught-up session (the same
    // revision 2) a moment before a late wake-up stores it; stored it is, once.
    await eventually(async () => (await server?.store.get(code))?.revision === 2);

    for (let i = 0; i < 3; i += 1) {
      expect(await f.command({ type: 'next' })).toMatchObject({ ok: true });
    }
    clock.advance(600_000);
    expect(await settled(f)).toMatchObject({
      revision: 5,
      phase: 'reflection',
      running: true,
      phaseElapsedMs: 600_000,
    });
  });

  it('[S4] catches up every deadline that passed while its timers were not running', async () => {
    const clock = manualClock();
    server = await startServer({ clock });
    const plan = { autoAdvance: true, budgets: { opening: 60_000, presentation: 60_000 } };
    const { code, f } = await facilitatorOf(server.url, { plan });
    const d = await connect(server.url, { code, role: 'display' });
    expect(await f.command({ type: 'start' })).toMatchObject({ ok: true });
    // The laptop sleeps: the wall clock moves 150 s while no timer fires; then the late one does.
    clock.jump(150_000);
    clock.advance(0);
    const moved = await d.waitFor((view) => view.revision >= 2);
    expect(moved).toMatchObject({ phase: 'questions', revision: 3, phaseElapsedMs: 30_000 });
    expect(moved.serverTime).toBe(T0 + 150_000);
  });
});

describe('[R4] presence', () => {
  it('is coalesced to one update a window per group, and never moves the revision', async () => {
    const clock = manualClock();
    server = await startServer({ clock });
    const url = server.url;
    const { code, f } = await facilitatorOf(url);
    const d = await connect(url, { code, role: 'display' });
    // Their own arrival: one update (after the view each got on joining), then a quiet window.
    clock.advance(1000);
    await eventually(() => d.views.length === 2);
    const baseline = d.views.length;
    const updates = () => d.views.length - baseline;

    // Twenty phones arrive at once: one update, when the server's next turn comes.
    const members = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        connect(url, { code, role: 'member', name: `M${String(i).padStart(2, '0')}` }),
      ),
    );
    expect(updates()).toBe(0);
    clock.advance(0);
    await d.waitFor((view) => view.counts.members === 20);
    expect(updates()).toBe(1);
    const roster = await f.waitFor((view) => view.members?.length === 20);
    expect(roster.counts).toEqual({ facilitators: 1, displays: 1, members: 20 });
    expect(roster.members?.[0]).toEqual({ name: 'M00', device: '', offer: false });

    // Within the window nothing more goes out; at its end, one update with everything since.
    for (const member of members.slice(0, 10)) member.close();
    await eventually(
      async () => (await server?.store.presence.list(code, clock.now()))?.length === 12,
    );
    clock.advance(999);
    expect(updates()).toBe(1);
    clock.advance(1);
    await d.waitFor((view) => view.counts.members === 10);
    expect(updates()).toBe(2);
    for (const view of d.views) {
      expect(view).not.toHaveProperty('members');
      expect(view.revision).toBe(0);
    }
  });
});

describe('expiry', () => {
  it('deletes idle groups without screens, never one with a screen; the TTL counts from the last one leaving', async () => {
    const clock = frozenClock();
    // The test sweeps; the server's own sweeper would wait an hour.
    server = await startServer({ clock, groupTtlMs: 60_000, sweepIntervalMs: 3_600_000 });
    const url = server.url;
    const { groups } = server.app;
    const idle = await createGroup(url);
    const watched = await createGroup(url);
    const display = await connect(url, { code: watched.code, role: 'display' });

    clock.advance(120_000);
    expect(await groups.sweep()).toEqual([idle.code]);
    expect(await server.store.get(idle.code)).toBeNull();
    expect((await fetch(`${url}/api/groups/${idle.code}`)).status).toBe(404);
    expect(display.expired).toBe(0);

    display.close();
    const running = server;
    await eventually(
      async () => (await running.store.presence.list(watched.code, clock.now())).length === 0,
    );
    clock.advance(59_999);
    expect(await groups.sweep()).toEqual([]);
    clock.advance(2);
    expect(await groups.sweep()).toEqual([watched.code]);
    const refused = await refusedJoin(url, { code: watched.code, role: 'display' });
    expect(refused.data?.code).toBe('not_found');
  });

  it('a short GROUP_TTL_HOURS is swept within about a second, not a minute', async () => {
    // The server's own sweeper, on real timers: a 2 s TTL is looked at every second.
    const clock = testClock();
    server = await startServer({ clock, groupTtlMs: 2_000 });
    const { code } = await createGroup(server.url);
    const url = server.url;
    clock.advance(2_100);
    await eventually(async () => (await fetch(`${url}/api/groups/${code}`)).status === 404, 2_500);
  });

  it('a restart does not expire a group whose screens were connected when it went down', async () => {
    const clock = frozenClock();
    const options = { clock, groupTtlMs: 60_000, sweepIntervalMs: 3_600_000 };
    const first = await startServer(options);
    const { code } = await createGroup(first.url);
    await connect(first.url, { code, role: 'display' }, { reconnection: true });
    // Most of a TTL with a screen connected; a sweep on the way keeps its activity fresh.
    clock.advance(40_000);
    expect(await first.app.groups.sweep()).toEqual([]);
    await first.stop();
    // Back 30 s later: 70 s since the last command, but a screen was here 30 s ago. The new
    // process sweeps at start, before any screen is back.
    clock.advance(30_000);
    server = await startServer({ ...options, dataDir: first.dataDir, port: first.port });
    expect((await fetch(`${server.url}/api/groups/${code}`)).status).toBe(200);
  });
});
