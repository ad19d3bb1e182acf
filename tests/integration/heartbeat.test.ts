import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Broadcaster,
  createGroups,
  type Groups,
} from '../../server/src/groups/group.service.ts';
import { openRedisStore } from '../../server/src/groups/store.redis.ts';
import { openSqliteStore } from '../../server/src/groups/store.sqlite.ts';
import { type GroupStore, PROCESS_TIMEOUT_MS } from '../../server/src/groups/store.ts';
import { silentLogger } from '../../server/src/logger.ts';
import { faultyStore } from '../support/faultyStore.ts';
import { type RedisServer, startRedisServer } from '../support/redisServer.ts';
import { type ManualClock, manualClock, removeDir, T0, tempDir } from './helpers.ts';

// The heartbeat follows the store for the groups this process holds: a command another process
// took may have moved a deadline. Two `createGroups` on one store's data stand for two processes;
// the clock's timers fire only as the test moves it, so nothing is slept.

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

/** Opens a store on one backend's data: each call is another process on the same data. */
type Backend = () => { open(): Promise<GroupStore>; cleanup(): void };

const sqlite: Backend = () => {
  const dataDir = tempDir();
  return { open: async () => openSqliteStore(dataDir), cleanup: () => removeDir(dataDir) };
};
const onRedis: Backend = () => {
  const keyPrefix = `t${randomUUID()}:`;
  return { open: () => openRedisStore(redis.url, { keyPrefix }), cleanup: () => undefined };
};

/** One process: its groups, its own store connection, the codes whose `get` it asked for. */
interface Process {
  groups: Groups;
  store: GroupStore;
  gets: string[];
  expired: string[];
}

const PLAN = { autoAdvance: true, budgets: { opening: 60_000 } };
const started: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of started.splice(0).reverse()) await stop();
});

async function startProcess(store: GroupStore, clock: ManualClock): Promise<Process> {
  const gets: string[] = [];
  const expired: string[] = [];
  const counted: GroupStore = {
    ...store,
    get: (code) => {
      gets.push(code);
      return store.get(code);
    },
  };
  const broadcaster: Broadcaster = {
    session: () => undefined,
    expired: (code) => expired.push(code),
  };
  const groups = createGroups({
    store: counted,
    clock,
    logger: silentLogger(),
    broadcaster,
    groupTtlMs: 86_400_000,
  });
  started.push(async () => {
    await groups.close();
    await store.close();
  });
  return { groups, store, gets, expired };
}

/** Two processes on one backend's data, sharing a clock the test moves. */
async function twoProcesses(backend: Backend) {
  const data = backend();
  started.push(async () => data.cleanup());
  const clock = manualClock(T0);
  const a = await startProcess(await data.open(), clock);
  const b = await startProcess(await data.open(), clock);
  return { a, b, clock };
}

/** Groups held by `holder` (one display each), started at T0 with auto-advance at T0 + 60 s. */
async function heldRunning(holder: Process, count: number): Promise<string[]> {
  const codes: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const { code } = await holder.groups.create({ name: `Group ${index}`, plan: PLAN });
    await holder.groups.join(code, `display-${index}`, { role: 'display', offer: false });
    expect(await holder.groups.command(code, { type: 'start' })).toMatchObject({ ok: true });
    codes.push(code);
  }
  return codes;
}

/** Resolves once the group's earlier work in this process (a wake-up's catch-up) is done. */
async function settled(holder: Process, code: string): Promise<void> {
  const ack = await holder.groups.command(code, { type: 'pause', expectedRevision: 2 ** 31 });
  expect(ack).toMatchObject({ ok: false, error: { code: 'stale_revision' } });
}

describe.each([
  ['sqlite', sqlite],
  ['redis', onRedis],
])('[SO11] the heartbeat follows the store: %s', (_name, backend) => {
  it('reads none of the held groups nobody changed; catches up one another process moved, and one it deleted', async () => {
    const { a, b, clock } = await twoProcesses(backend);
    const [moved, deleted, ...unchanged] = await heldRunning(a, 52);
    if (!moved || !deleted) throw new Error('no groups');
    expect(unchanged).toHaveLength(50);
    // B, which holds none of them, cuts the opening of one to 20 s (its deadline moves 40 s
    // earlier) and deletes another; A hears of neither but through the store.
    expect(
      await b.groups.command(moved, { type: 'setBudget', phase: 'opening', ms: 20_000 }),
    ).toMatchObject({ ok: true, view: { revision: 2 } });
    expect(await b.groups.remove(deleted)).toBe(true);

    a.gets.length = 0;
    await a.groups.heartbeat();
    expect(a.gets.sort()).toEqual([moved, deleted].sort());
    clock.advance(0);
    expect(a.expired).toEqual([deleted]);
    expect(a.groups.held()).not.toContain(deleted);

    // A's wake-up for the moved group follows the new deadline: the auto-advance is stored at
    // T0 + 20 s, stamped there; the unchanged groups still run their 60 s opening.
    clock.advance(19_999);
    await settled(a, moved);
    expect((await a.store.get(moved))?.revision).toBe(2);
    clock.advance(1);
    await settled(a, moved);
    expect((await a.store.get(moved))?.revision).toBe(3);
    const view = await a.groups.view(moved, 'public');
    expect(view).toMatchObject({ phase: 'presentation', running: true });
    expect((view?.serverTime ?? 0) - (view?.phaseElapsedMs ?? 0)).toBe(T0 + 20_000);
    expect(await b.store.revisions(unchanged)).toEqual(new Map(unchanged.map((code) => [code, 1])));
  });
});

describe('[SO11] the heartbeat after a wake-up that failed', () => {
  it('stores the auto-advance that the wake-up could not: nothing else would wake it', async () => {
    const data = sqlite();
    started.push(async () => data.cleanup());
    const clock = manualClock(T0);
    const faulty = faultyStore(await data.open());
    const a = await startProcess(faulty.store, clock);
    const [code] = await heldRunning(a, 1);
    if (!code) throw new Error('no group');
    // The display's arrival goes out (SQLite answers at once: a turn is enough), so that nothing
    // but the wake-up looks at the group when its deadline passes.
    clock.advance(0);
    await nextTurn();
    // The wake-up's write fails once (a full disk for a moment); then the store is fine.
    const tried = new Promise<void>((done) => {
      faulty.onCompareAndSet(async () => {
        faulty.onCompareAndSet(null);
        done();
        throw new Error('disk I/O error');
      });
    });
    clock.advance(60_000);
    await tried;
    expect((await a.store.get(code))?.revision).toBe(1);

    await a.groups.heartbeat();
    expect((await a.store.get(code))?.revision).toBe(2);
  });
});

describe('[SO11] the heartbeat never holds the event loop for long', () => {
  it('catches up many changed groups a batch at a time, with turns of the event loop between', async () => {
    // SQLite answers synchronously: without yielding, a heartbeat would be one long run.
    const { a, b } = await twoProcesses(sqlite);
    const codes = await heldRunning(a, 120);
    for (const code of codes) {
      await b.groups.command(code, { type: 'setBudget', phase: 'opening', ms: 20_000 });
    }

    a.gets.length = 0;
    const readsPerTurn = await readsPerTurnOf(a, () => a.groups.heartbeat());
    expect(a.gets).toHaveLength(120);
    // A catch-up costs 0.2–0.4 ms of CPU (a dozen screens): at most 10 of them, a few ms, before
    // a command waiting may run.
    expect(Math.max(...readsPerTurn)).toBeLessThanOrEqual(10);
  });

  it('puts right the counts of a dead process’s groups a batch at a time', async () => {
    const { a, b, clock } = await twoProcesses(sqlite);
    const codes = await heldRunning(b, 120);
    await b.groups.heartbeat();
    // b is killed: it beats no more. a, alive, takes its screens out of the counts.
    clock.advance(PROCESS_TIMEOUT_MS + 1);
    a.gets.length = 0;
    const readsPerTurn = await readsPerTurnOf(a, () => a.groups.heartbeat());
    expect(new Set(a.gets)).toEqual(new Set(codes));
    expect(Math.max(...readsPerTurn)).toBeLessThanOrEqual(10);
  });
});

/** How many groups `process` read between one turn of the event loop and the next during `work`. */
async function readsPerTurnOf(process: Process, work: () => Promise<void>): Promise<number[]> {
  const readsPerTurn: number[] = [];
  let counted = process.gets.length;
  let running = true;
  const everyTurn = () => {
    readsPerTurn.push(process.gets.length - counted);
    counted = process.gets.length;
    if (running) setImmediate(everyTurn);
  };
  setImmediate(everyTurn);
  await work();
  running = false;
  readsPerTurn.push(process.gets.length - counted);
  return readsPerTurn;
}
