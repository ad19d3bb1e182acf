import { request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { CreateGroupResponse, PlanInput } from '@balint/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Client,
  closeAllClients,
  connect,
  eventually,
  type ManualClock,
  manualClock,
  startServer,
  type TestServer,
} from './helpers.ts';

// [LK1] A compressed day: groups created, run and expired, on a server clock the test moves.
// `npm test` runs a short day (SOAK_GROUPS, 120 by default); `npm run soak` runs 1,000.

const GROUPS = Number(process.env.SOAK_GROUPS ?? 120);
const HOURS = 24;
const HOUR_MS = 3_600_000;
const GROUP_TTL_MS = HOUR_MS;
/** Groups run side by side, as in a busy building. */
const CONCURRENCY = 12;

let server: TestServer | null = null;

afterEach(async () => {
  closeAllClients();
  await server?.stop();
  server = null;
});

/** POST /api/groups on a connection of its own, closed after: no keep-alive socket lingers. */
function createGroup(url: string, body: object): Promise<CreateGroupResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/api/groups`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => {
          text += String(chunk);
        });
        response.on('end', () =>
          response.statusCode === 201
            ? resolve(JSON.parse(text))
            : reject(new Error(`create: ${response.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** One group's sitting: screens join, the facilitator runs the phases; screens stay connected. */
async function runGroup(url: string, index: number): Promise<Client[]> {
  const autoAdvance = index % 3 === 0;
  const plan: PlanInput = { autoAdvance, budgets: { opening: 60_000 } };
  const { code, facilitatorKey: key } = await createGroup(url, { name: `Group ${index}`, plan });
  const f = await connect(url, { code, role: 'facilitator', key });
  const screens = [f, await connect(url, { code, role: 'display' })];
  if (index % 4 === 0) screens.push(await connect(url, { code, role: 'member', name: 'Ana' }));
  const script = [
    { type: 'setPresenter', name: 'Ana' },
    { type: 'start' },
    { type: 'pause' },
    { type: 'resume' },
    { type: 'extend', ms: 60_000 },
    { type: 'next' },
    { type: 'back' },
    { type: 'undo' },
    ...(autoAdvance ? [] : [{ type: 'next' }, { type: 'end' }]),
  ];
  for (const command of script) {
    const ack = await f.command(command);
    if (!ack.ok) throw new Error(`${code} ${command.type}: ${ack.error.code}`);
  }
  return screens;
}

async function inBatches<T>(count: number, run: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += CONCURRENCY) {
    const size = Math.min(CONCURRENCY, count - start);
    results.push(...(await Promise.all(Array.from({ length: size }, (_, i) => run(start + i)))));
  }
  return results;
}

/** Moves the server's clock on in steps, firing its timers (presence, auto-advances) on the way. */
async function passTime(clock: ManualClock, ms: number, steps = 12): Promise<void> {
  for (let step = 0; step < steps; step += 1) {
    clock.advance(ms / steps);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function countBy(items: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item] = (counts[item] ?? 0) + 1;
  return counts;
}

/** Everything that would grow if the server leaked: handles, listeners, sockets, rooms, timers. */
function resources(running: TestServer, clock: ManualClock) {
  const { io, http, groups } = running.app;
  const listenersOf = (emitter: NodeJS.EventEmitter) =>
    Object.fromEntries(
      emitter.eventNames().map((name) => [String(name), emitter.listenerCount(name)]),
    );
  return {
    handles: countBy(process.getActiveResourcesInfo()),
    listeners: {
      process: listenersOf(process),
      http: listenersOf(http),
      engine: listenersOf(io.engine),
      namespace: listenersOf(io.of('/')),
    },
    sockets: io.of('/').sockets.size,
    engineClients: io.engine.clientsCount,
    rooms: io.of('/').adapter.rooms.size,
    held: groups.held().length,
    serverTimers: clock.pending(),
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The heap in use after a full garbage collection: what is really kept. */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  return process.memoryUsage().heapUsed;
}

describe('[LK1] soak: a compressed day', () => {
  it(
    `${GROUPS} groups created, run and expired leave nothing behind`,
    async () => {
      const clock = manualClock();
      // The test sweeps when its day says so; the server's own sweeper would wait an hour.
      server = await startServer({ clock, groupTtlMs: GROUP_TTL_MS, sweepIntervalMs: HOUR_MS });
      const running = server;
      const { url } = running;
      // One group first, so that what is made once (listeners, pools) is in the baseline.
      for (const screen of await runGroup(url, -1)) screen.close();
      await passTime(clock, 2 * GROUP_TTL_MS);
      expect(await running.app.groups.sweep()).toHaveLength(1);
      await eventually(() => running.app.io.of('/').sockets.size === 0);
      const baseline = resources(running, clock);
      const heapStart = heapAfterGc();
      const rssStart = process.memoryUsage().rss;

      let created = 0;
      let expired = 0;
      let peakSockets = 0;
      let heapWarm = 0;
      for (let hour = 0; hour < HOURS; hour += 1) {
        const count = Math.floor((GROUPS * (hour + 1)) / HOURS) - created;
        const screens = (await inBatches(count, (i) => runGroup(url, created + i))).flat();
        created += count;
        peakSockets = Math.max(peakSockets, running.app.io.of('/').sockets.size);
        // Ten minutes with everyone connected: presence updates go out, auto-advances fire.
        await passTime(clock, 10 * 60_000);
        for (const screen of screens) screen.close();
        await eventually(
          async () =>
            running.app.groups.held().length === 0 &&
            (await running.store.presence.occupiedCodes(clock.now())).length === 0,
        );
        await passTime(clock, 50 * 60_000);
        expired += (await running.app.groups.sweep()).length;
        // The first hour warms up what is made once (compiled code, caches).
        if (hour === 0) heapWarm = heapAfterGc();
      }
      await passTime(clock, 2 * GROUP_TTL_MS);
      expired += (await running.app.groups.sweep()).length;

      expect(created).toBe(GROUPS);
      expect(expired).toBe(GROUPS);
      expect(await running.store.idleSince(Number.MAX_SAFE_INTEGER)).toEqual([]);
      expect(await running.store.presence.occupiedCodes(clock.now())).toEqual([]);
      // Sockets close on their own schedule: wait for them, then everything is as it was.
      const settled = await eventually(() => {
        const now = resources(running, clock);
        expect(now).toEqual(baseline);
        return now;
      }, 10_000);
      const rssEnd = process.memoryUsage().rss;
      const heapEnd = heapAfterGc();
      console.log(
        `soak: ${GROUPS} groups over ${HOURS} h of server time, ${peakSockets} sockets at the busiest hour\n` +
          `  RSS ${mb(rssStart)} at start, ${mb(rssEnd)} at the end; ` +
          `heap after GC ${mb(heapStart)} at start, ${mb(heapWarm)} after the first hour, ` +
          `${mb(heapEnd)} at the end\n` +
          `  ${Object.values(settled.handles).reduce((sum, n) => sum + n, 0)} active handles, ` +
          `${settled.sockets} sockets, ${settled.rooms} rooms, ${settled.held} groups held, ` +
          `${settled.serverTimers} server timers: the same before and after`,
      );
    },
    Math.max(120_000, GROUPS * 150),
  );
});
