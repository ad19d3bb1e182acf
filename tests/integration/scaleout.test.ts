import { performance } from 'node:perf_hooks';
import type { CommandAck, GroupInfoResponse, SessionView } from '@balint/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROCESS_TIMEOUT_MS } from '../../server/src/groups/store.ts';
import { type RedisServer, startRedisServer } from '../support/redisServer.ts';
import { freePort, type ServerProcess, serverProcess } from '../support/scaleOutProcess.ts';
import {
  type Client,
  closeAllClients,
  connect,
  createGroup,
  eventually,
  refusedJoin,
  sleep,
  type TestClock,
  testClock,
} from './helpers.ts';
import {
  type Balancer,
  newKeyPrefix,
  percentile,
  type RedisApp,
  type RedisAppOptions,
  startBalancer,
  startRedisApp,
} from './redisApps.ts';

let redis: RedisServer;
const apps: RedisApp[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  closeAllClients();
  for (const app of apps.splice(0)) await app.stop();
});

/** Two server processes' apps on one Redis (one key prefix), sharing a clock the test moves. */
async function pair(
  options: Partial<RedisAppOptions> = {},
  redisUrl = redis.url,
): Promise<{ a: RedisApp; b: RedisApp; clock: TestClock }> {
  const clock = testClock(Date.now());
  const settings = { clock, keyPrefix: newKeyPrefix(), ...options };
  const [a, b] = await Promise.all([
    startRedisApp(redisUrl, settings),
    startRedisApp(redisUrl, settings),
  ]);
  apps.push(a, b);
  return { a, b, clock };
}

async function info(url: string, code: string): Promise<GroupInfoResponse> {
  const response = await fetch(`${url}/api/groups/${code}`);
  if (!response.ok) throw new Error(`GET ${code}: ${response.status}`);
  return (await response.json()) as GroupInfoResponse;
}

function accepted(ack: CommandAck): SessionView {
  if (!ack.ok) throw new Error(`refused: ${JSON.stringify(ack.error)}`);
  return ack.view;
}

/** Views a client receives from now on. */
function viewsAfter(
  client: Client,
): (match: (view: SessionView) => boolean) => Promise<SessionView> {
  const from = client.views.length;
  return (match) => client.waitFor((view) => client.views.indexOf(view) >= from && match(view));
}

const names = (view: SessionView) => view.members?.map((member) => member.name) ?? [];

describe('scale-out: two processes on one Redis', () => {
  it('[SO1] read-your-writes: what A acked, B answers (GET and a new screen), never older', async () => {
    const { a, b } = await pair();
    const { code, facilitatorKey: key } = await createGroup(a.url);
    expect((await info(b.url, code)).view.revision).toBe(0);
    const f = await connect(a.url, { code, role: 'facilitator', key });
    const d = await connect(b.url, { code, role: 'display' });
    const arrivals = new Map<number, number>();
    d.socket.on('session', (view: SessionView) => arrivals.set(view.revision, performance.now()));

    const readAfterAck: number[] = [];
    const commandToScreenOnB: number[] = [];
    for (let i = 1; i <= 50; i += 1) {
      const sent = performance.now();
      const view = accepted(
        await f.command({ type: 'setBudget', phase: 'discussion', ms: 600_000 + i * 1000 }),
      );
      const acked = performance.now();
      expect((await info(b.url, code)).view.revision).toBe(view.revision);
      readAfterAck.push(performance.now() - acked);
      await d.waitFor((shown) => shown.revision === view.revision);
      commandToScreenOnB.push((arrivals.get(view.revision) ?? Number.NaN) - sent);
    }
    const fresh = await connect(b.url, { code, role: 'display' });
    expect(fresh.views[0]?.revision).toBe(50);
    expect(fresh.views[0]?.plan.find((phase) => phase.phase === 'discussion')?.budgetMs).toBe(
      650_000,
    );
    const ms = (value: number) => `${value.toFixed(2)} ms`;
    console.info(
      `[SO1] ack on A → GET on B answered: p50 ${ms(percentile(readAfterAck, 50))}, ` +
        `max ${ms(Math.max(...readAfterAck))}; command on A → screen on B: ` +
        `p50 ${ms(percentile(commandToScreenOnB, 50))}, p99 ${ms(percentile(commandToScreenOnB, 99))}`,
    );
  });

  it('[SO2] counts and names cover every process within the presence window; a silent process leaves them', async () => {
    const { a, b, clock } = await pair();
    const { code, facilitatorKey: key } = await createGroup(a.url);
    const f = await connect(a.url, { code, role: 'facilitator', key });
    const joined = performance.now();
    await connect(b.url, { code, role: 'member', name: 'Ann', device: 'device-ann-1' });
    await connect(a.url, { code, role: 'member', name: 'Bo', device: 'device-bo-12' });
    const d = await connect(b.url, { code, role: 'display' });
    const full = await f.waitFor(
      (view) => view.counts.members === 2 && view.counts.displays === 1,
      3000,
    );
    expect(performance.now() - joined).toBeLessThan(2000);
    expect(names(full)).toEqual(['Ann', 'Bo']);
    const shown = await d.waitFor(
      (view) => view.counts.members === 2 && view.counts.facilitators === 1,
    );
    expect(shown.members).toBeUndefined();

    // B falls silent, as if killed: once it is not heard from for the timeout, A's heartbeat
    // reaps it and A's screens hear the counts without B's screens.
    const next = viewsAfter(f);
    clock.advance(PROCESS_TIMEOUT_MS + 1);
    await a.app.groups.heartbeat();
    const after = await next((view) => view.counts.displays === 0);
    expect(after.counts).toEqual({ facilitators: 1, displays: 0, members: 1 });
    expect(names(after)).toEqual(['Bo']);
  });

  it('[SO3] co-facilitators on different processes racing one revision: exactly one wins', async () => {
    const { a, b } = await pair();
    const { code, facilitatorKey: key } = await createGroup(a.url);
    const onA = await connect(a.url, { code, role: 'facilitator', key });
    const onB = await connect(b.url, { code, role: 'facilitator', key });
    let revision = accepted(await onA.command({ type: 'start' })).revision;
    for (let round = 0; round < 10; round += 1) {
      const command = { type: 'extend', ms: 60_000, expectedRevision: revision };
      const acks = await Promise.all([onA.command(command), onB.command(command)]);
      expect(acks.filter((ack) => ack.ok)).toHaveLength(1);
      const loser = acks.find((ack) => !ack.ok);
      expect(loser?.ok === false && loser.error.code).toBe('stale_revision');
      revision += 1;
    }
    const view = (await info(b.url, code)).view;
    expect(view.revision).toBe(11);
    expect(view.phaseBudgetMs).toBe(300_000 + 10 * 60_000);
  });

  it('[SO4] an auto-advance happens exactly once, whichever processes hold the group', async () => {
    const { a, b } = await pair();
    const plan = { autoAdvance: true, budgets: { opening: 1000, presentation: 1000 } };
    const { code, facilitatorKey: key } = await createGroup(a.url, { plan });
    const f = await connect(a.url, { code, role: 'facilitator', key });
    const onA = await connect(a.url, { code, role: 'display' });
    const onB = await connect(b.url, { code, role: 'display' });
    const started = accepted(await f.command({ type: 'start' }));
    const startedAt = started.serverTime - started.phaseElapsedMs;
    await onB.waitFor((view) => view.phase === 'questions', 5000);
    await sleep(300);

    for (const screen of [onA, onB]) {
      const steps = [...new Map(screen.views.map((view) => [view.revision, view.phase]))];
      expect(steps).toEqual([
        [0, 'lobby'],
        [1, 'opening'],
        [2, 'presentation'],
        [3, 'questions'],
      ]);
    }
    const stored = (await info(a.url, code)).view;
    expect(stored).toMatchObject({ revision: 3, phase: 'questions' });
    // Each phase began at the exact deadline of the one before.
    expect(stored.serverTime - stored.phaseElapsedMs).toBe(startedAt + 2000);
  });

  it('[SO4] an auto-advance also happens when no process holds the group: a later read catches up', async () => {
    const { a, b, clock } = await pair();
    const plan = { autoAdvance: true, budgets: { opening: 1000, presentation: 1000 } };
    const { code, facilitatorKey: key } = await createGroup(a.url, { plan });
    const f = await connect(b.url, { code, role: 'facilitator', key });
    accepted(await f.command({ type: 'start' }));
    f.close();
    await eventually(async () => (await info(a.url, code)).view.counts.facilitators === 0);
    clock.advance(2500);
    expect((await info(a.url, code)).view).toMatchObject({ revision: 3, phase: 'questions' });
    const d = await connect(b.url, { code, role: 'display' });
    expect(d.views[0]).toMatchObject({ revision: 3, phase: 'questions' });
  });

  it('[SO5] a group deleted on A is gone on B, and its screens there get expired', async () => {
    const { a, b } = await pair();
    const { code, facilitatorKey: key } = await createGroup(a.url);
    const d = await connect(b.url, { code, role: 'display' });
    const m = await connect(b.url, { code, role: 'member', name: 'Ann' });
    const dropped = new Promise((done) => d.socket.once('disconnect', done));
    const response = await fetch(`${a.url}/api/groups/${code}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(204);
    await eventually(() => d.expired === 1 && m.expired === 1);
    await dropped;
    expect((await fetch(`${b.url}/api/groups/${code}`)).status).toBe(404);
    expect((await refusedJoin(b.url, { code, role: 'display' })).data?.code).toBe('not_found');
  });

  it('[SO6] expiry: a screen on any process keeps a group; without screens it expires everywhere', async () => {
    const ttl = 60_000;
    const { a, b, clock } = await pair({ groupTtlMs: ttl, sweepIntervalMs: 3_600_000 });
    const { code } = await createGroup(a.url);
    const d = await connect(b.url, { code, role: 'display' });
    clock.advance(2 * ttl);
    // Time jumped: B says it is alive, as its heartbeat does every 10 s.
    await b.app.groups.heartbeat();
    expect(await a.app.groups.sweep()).toEqual([]);
    expect((await fetch(`${a.url}/api/groups/${code}`)).status).toBe(200);

    d.close();
    await eventually(async () => (await info(a.url, code)).view.counts.displays === 0);
    clock.advance(2 * ttl);
    expect(await a.app.groups.sweep()).toEqual([code]);
    expect((await fetch(`${b.url}/api/groups/${code}`)).status).toBe(404);
    expect((await refusedJoin(b.url, { code, role: 'display' })).data?.code).toBe('not_found');
  });

  it('[SO7] rate limits count an address across processes', async () => {
    const { a, b } = await pair({ rateLimit: true });
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const url = attempt % 2 === 0 ? a.url : b.url;
      expect((await fetch(`${url}/api/groups/ZZZZZZ`)).status).toBe(404);
    }
    expect((await fetch(`${a.url}/api/groups/ZZZZZZ`)).status).toBe(429);
    expect((await refusedJoin(b.url, { code: 'ZZZZZZ', role: 'display' })).data?.code).toBe(
      'rate_limited',
    );

    const created = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        fetch(`${index % 2 === 0 ? a.url : b.url}/api/groups`, { method: 'POST' }),
      ),
    );
    expect(created.map((response) => response.status)).toEqual(created.map(() => 201));
    expect((await fetch(`${b.url}/api/groups`, { method: 'POST' })).status).toBe(429);
  });

  it('[SO9] a rolling restart, then all at once: nothing acked is lost', async () => {
    const clock = testClock(Date.now());
    const keyPrefix = newKeyPrefix();
    const ports = [await freePort(), await freePort()];
    const running = await Promise.all(
      ports.map((port) => startRedisApp(redis.url, { clock, keyPrefix, port })),
    );
    const balancer = await startBalancer(ports);
    const restart = async (index: number) => {
      await running[index]?.stop();
      running[index] = await startRedisApp(redis.url, { clock, keyPrefix, port: ports[index] });
    };
    try {
      const { code, facilitatorKey: key } = await createGroup(balancer.url);
      const f = await connect(
        balancer.url,
        { code, role: 'facilitator', key },
        { reconnection: true },
      );
      let reconnections = 0;
      f.socket.io.on('reconnect', () => {
        reconnections += 1;
      });
      const acked: Array<{ revision: number; ms: number }> = [];
      let pumping = true;
      const pump = (async () => {
        for (let i = 1; pumping; i += 1) {
          const ms = 600_000 + i * 1000;
          const ack = await f
            .command({ type: 'setBudget', phase: 'discussion', ms })
            .catch(() => null);
          if (ack?.ok) acked.push({ revision: ack.view.revision, ms });
          await sleep(5);
        }
      })();
      const ackedBy = async (count: number) => eventually(() => acked.length >= count, 10_000);
      await ackedBy(10);
      await restart(0);
      await ackedBy(acked.length + 10);
      await restart(1);
      await ackedBy(acked.length + 10);
      pumping = false;
      await pump;
      await Promise.all([running[0]?.stop(), running[1]?.stop()]);
      await Promise.all([restart(0), restart(1)]);

      expect(reconnections).toBeGreaterThanOrEqual(1);
      const revisions = acked.map((entry) => entry.revision);
      expect(revisions).toEqual([...revisions].sort((x, y) => x - y));
      const last = acked[acked.length - 1];
      const view = (await info(balancer.url, code)).view;
      expect(view.revision).toBeGreaterThanOrEqual(last?.revision ?? 0);
      const budget = view.plan.find((phase) => phase.phase === 'discussion')?.budgetMs ?? 0;
      expect(budget).toBeGreaterThanOrEqual(last?.ms ?? Number.POSITIVE_INFINITY);
    } finally {
      await balancer.close();
      for (const app of running) await app?.stop();
    }
  });

  it('[SO10] Redis down: commands get internal, nothing crashes; Redis back: it all works again by itself', async () => {
    const durable = await startRedisServer('aof-always');
    try {
      const { a, b } = await pair({}, durable.url);
      const { code, facilitatorKey: key } = await createGroup(a.url);
      const f = await connect(a.url, { code, role: 'facilitator', key });
      const d = await connect(b.url, { code, role: 'display' });
      // A screen's first view may be a presence broadcast that overtook its own join; a join
      // still on its way when Redis goes is (rightly) dropped, to be retried. Both screens have
      // joined once each has its own view too: the broadcast and the join's answer.
      await eventually(() => f.views.length >= 2 && d.views.length >= 2);
      accepted(await f.command({ type: 'start' }));
      await durable.kill();
      const asked = performance.now();
      const refused = await f.command({ type: 'pause' });
      expect(performance.now() - asked).toBeLessThan(3000);
      expect(refused).toMatchObject({ ok: false, error: { code: 'internal' } });
      const lookup = await fetch(`${b.url}/api/groups/${code}`);
      expect(lookup.status).toBe(500);
      expect(await lookup.json()).toMatchObject({ error: { code: 'internal' } });
      expect((await refusedJoin(b.url, { code, role: 'display' })).data?.code).toBe('internal');
      for (const app of [a, b]) expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      expect(f.socket.connected && d.socket.connected).toBe(true);

      await durable.start();
      const back = performance.now();
      let ack: CommandAck = refused;
      await eventually(async () => {
        ack = await f.command({ type: 'pause' });
        return ack.ok;
      }, 10_000);
      const recovered = performance.now() - back;
      // The append-only file kept what was acked before: this is revision 2, on every screen.
      expect(accepted(ack)).toMatchObject({ revision: 2, running: false });
      await d.waitFor((view) => view.revision === 2 && !view.running);
      // Each process's connections come back by themselves, each within its backoff (≤ 1.2 s).
      await eventually(async () => (await fetch(`${b.url}/api/groups/${code}`)).ok, 3000);
      expect((await info(b.url, code)).view.revision).toBe(2);
      console.info(`[SO10] Redis back → first command accepted after ${recovered.toFixed(0)} ms`);
    } finally {
      await durable.stop();
    }
  });
});

describe('scale-out: real server processes', () => {
  let own: RedisServer;
  let first: ServerProcess;
  let second: ServerProcess;
  let balancer: Balancer;

  beforeAll(async () => {
    own = await startRedisServer();
    first = serverProcess(await freePort(), own.url);
    second = serverProcess(await freePort(), own.url);
    await Promise.all([first.start(), second.start()]);
    balancer = await startBalancer([first.port, second.port]);
  });
  afterAll(async () => {
    await first?.kill('SIGKILL');
    await second?.kill('SIGKILL');
    await balancer?.close();
    await own?.stop();
  });

  it('[SO8] SIGKILL of the process a facilitator is on: it carries on on the other, nothing acked lost', async () => {
    const { code, facilitatorKey: key } = await createGroup(balancer.url);
    const f = await connect(
      balancer.url,
      { code, role: 'facilitator', key },
      { reconnection: true },
    );
    const d = await connect(balancer.url, { code, role: 'display' }, { reconnection: true });
    let lastAcked = accepted(await f.command({ type: 'start' })).revision;
    for (let i = 0; i < 5; i += 1) {
      lastAcked = accepted(await f.command({ type: 'extend', ms: 1000 })).revision;
    }
    // The first view the display gets once it has reconnected (to the other process).
    const shownAgain = new Promise<Promise<SessionView>>((done) => {
      d.socket.io.once('reconnect', () => done(viewsAfter(d)(() => true)));
    });
    const inFlight = f.command({ type: 'extend', ms: 1000 }).catch(() => null);
    const killed = performance.now();
    await first.kill('SIGKILL');
    const shown = await await shownAgain;
    const failover = performance.now() - killed;
    expect(shown.revision).toBeGreaterThanOrEqual(lastAcked);
    const late = await inFlight;
    if (late?.ok) lastAcked = late.view.revision;
    const next = accepted(await f.command({ type: 'next' }));
    expect(next.revision).toBeGreaterThan(lastAcked);
    expect(next.phase).toBe('presentation');
    expect((await info(second.url, code)).view.revision).toBe(next.revision);
    console.info(
      `[SO8] SIGKILL → the display shows the session again after ${failover.toFixed(0)} ms`,
    );
  });
});
