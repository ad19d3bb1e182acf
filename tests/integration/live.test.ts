import { afterEach, describe, expect, it } from 'vitest';
import {
  closeAllClients,
  connect,
  createGroup,
  eventually,
  frozenClock,
  refusedJoin,
  sleep,
  startServer,
  type TestServer,
  tempDataDir,
  testClock,
} from './helpers.ts';

let server: TestServer | null = null;

afterEach(async () => {
  closeAllClients();
  await server?.stop();
  server = null;
});

describe('[S3] auto-advance, live', () => {
  it('advances at the deadline, tells every screen, never out of reflection', async () => {
    server = await startServer();
    const plan = { autoAdvance: true, budgets: { opening: 1000, reflection: 1000 } };
    const { code, facilitatorKey: key } = await createGroup(server.url, { plan });
    const f = await connect(server.url, { code, role: 'facilitator', key });
    const d = await connect(server.url, { code, role: 'display' });
    const m = await connect(server.url, { code, role: 'member', name: 'Ana' });
    const started = await f.command({ type: 'start' });
    if (!started.ok) throw new Error('start refused');
    const startedAt = started.view.serverTime - started.view.phaseElapsedMs;

    for (const client of [f, d, m]) {
      const view = await client.waitFor((v) => v.revision === 2, 4000);
      expect(view).toMatchObject({ phase: 'presentation', running: true });
      expect(view.serverTime - view.phaseElapsedMs).toBe(startedAt + 1000);
    }
    expect((await server.store.get(code))?.revision).toBe(2);

    for (let i = 0; i < 3; i += 1)
      expect(await f.command({ type: 'next' })).toMatchObject({ ok: true });
    await d.waitFor((v) => v.phase === 'reflection');
    await sleep(1500);
    const info = await (await fetch(`${server.url}/api/groups/${code}`)).json();
    expect(info.view).toMatchObject({ phase: 'reflection', revision: 5, running: true });
    expect(info.view.phaseElapsedMs).toBeGreaterThanOrEqual(1000);
  });
});

describe('[S3][S4] auto-advance after a late timer', () => {
  it('catches up every deadline that passed while the process was not running its timers', async () => {
    const clock = testClock(Date.now());
    server = await startServer({ clock });
    const plan = { autoAdvance: true, budgets: { opening: 1000, presentation: 1000 } };
    const { code, facilitatorKey: key } = await createGroup(server.url, { plan });
    const f = await connect(server.url, { code, role: 'facilitator', key });
    const d = await connect(server.url, { code, role: 'display' });
    const started = await f.command({ type: 'start' });
    if (!started.ok) throw new Error('start refused');
    const startedAt = started.view.serverTime - started.view.phaseElapsedMs;
    // The laptop sleeps: wall-clock time jumps 1.5 s past what the timers saw.
    clock.advance(1500);
    const moved = await d.waitFor((view) => view.revision >= 2, 4000);
    expect(moved).toMatchObject({ phase: 'questions', revision: 3 });
    expect(moved.serverTime - moved.phaseElapsedMs).toBe(startedAt + 2000);
  });
});

describe('[R4] presence', () => {
  it('counts screens, coalesced to a handful of messages per screen', async () => {
    server = await startServer();
    const url = server.url;
    const { code, facilitatorKey: key } = await createGroup(url);
    const f = await connect(url, { code, role: 'facilitator', key });
    const d = await connect(url, { code, role: 'display' });
    const baseline = d.views.length;
    const members = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        connect(url, { code, role: 'member', name: `M${String(i).padStart(2, '0')}` }),
      ),
    );
    await d.waitFor((v) => v.counts.members === 20);
    const roster = await f.waitFor((v) => v.members?.length === 20);
    expect(roster.counts).toEqual({ facilitators: 1, displays: 1, members: 20 });
    expect(roster.members?.[0]).toEqual({ name: 'M00', device: '', offer: false });
    await sleep(1200);
    // 20 arrivals, merged into about one message per second (not 20).
    expect(d.views.length - baseline).toBeLessThanOrEqual(5);
    for (const view of d.views) expect(view).not.toHaveProperty('members');

    for (const member of members.slice(0, 10)) member.close();
    await d.waitFor((v) => v.counts.members === 10, 3000);
    const after = await f.waitFor((v) => v.members?.length === 10, 3000);
    expect(after.revision).toBe(0);
  });
});

describe('expiry', () => {
  it('deletes idle groups without screens, never one with a screen', async () => {
    const clock = testClock(Date.now());
    server = await startServer({ clock, groupTtlMs: 60_000, sweepIntervalMs: 50 });
    const url = server.url;
    const idle = await createGroup(url);
    const watched = await createGroup(url);
    const display = await connect(url, { code: watched.code, role: 'display' });

    clock.advance(120_000);
    await eventually(async () => (await fetch(`${url}/api/groups/${idle.code}`)).status === 404);
    expect(await server.store.get(idle.code)).toBeNull();
    await sleep(200);
    expect((await fetch(`${url}/api/groups/${watched.code}`)).status).toBe(200);
    expect(display.expired).toBe(0);

    // The TTL counts from when the last screen left.
    display.close();
    await sleep(200);
    expect((await fetch(`${url}/api/groups/${watched.code}`)).status).toBe(200);
    clock.advance(120_000);
    await eventually(async () => (await fetch(`${url}/api/groups/${watched.code}`)).status === 404);
    const refused = await refusedJoin(url, { code: watched.code, role: 'display' });
    expect(refused.data?.code).toBe('not_found');
  });

  it('a short GROUP_TTL_HOURS is kept to within about a second, not a minute', async () => {
    const clock = testClock(Date.now());
    server = await startServer({ clock, groupTtlMs: 2_000 });
    const { code } = await createGroup(server.url);
    const url = server.url;
    clock.advance(2_100);
    await eventually(async () => (await fetch(`${url}/api/groups/${code}`)).status === 404, 4_000);
  });

  it('a restart does not expire a group whose screens were connected when it went down', async () => {
    const clock = frozenClock(Date.now());
    const dataDir = tempDataDir();
    const options = { dataDir, clock, groupTtlMs: 60_000, sweepIntervalMs: 20 };
    const first = await startServer(options);
    const { code } = await createGroup(first.url);
    await connect(first.url, { code, role: 'display' }, { reconnection: true });
    // Most of a TTL with a screen connected, and several sweeps, then the process dies.
    clock.advance(40_000);
    await sleep(200);
    await first.stop();
    // Back 30 s later: 70 s since the last command, but a screen was here 30 s ago.
    clock.advance(30_000);
    server = await startServer({ ...options, port: first.port });
    expect((await fetch(`${server.url}/api/groups/${code}`)).status).toBe(200);
  });

  it('tells the connected screens of an expiring group, then disconnects them', async () => {
    server = await startServer();
    const { code, facilitatorKey: key } = await createGroup(server.url);
    const f = await connect(server.url, { code, role: 'facilitator', key });
    const m = await connect(server.url, { code, role: 'member' });
    const disconnected = Promise.all(
      [f, m].map((client) => new Promise((resolve) => client.socket.once('disconnect', resolve))),
    );
    await server.app.groups.remove(code);
    expect(await disconnected).toEqual(['io server disconnect', 'io server disconnect']);
    expect([f.expired, m.expired]).toEqual([1, 1]);
    expect((await fetch(`${server.url}/api/groups/${code}`)).status).toBe(404);
  });
});
