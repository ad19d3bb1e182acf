import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openRedisStore } from '../../server/src/groups/store.redis.ts';
import { openSqliteStore } from '../../server/src/groups/store.sqlite.ts';
import {
  type GroupStore,
  PROCESS_TIMEOUT_MS,
  type PresenceEntry,
  type StoredGroup,
} from '../../server/src/groups/store.ts';
import { type RedisServer, startRedisServer } from '../support/redisServer.ts';
import { eventually, removeDir, tempDir } from './helpers.ts';

/** One backend as the contract sees it: stores that share their data, like two processes. */
interface Backend {
  /** A store on this test's data; each call is another "process" on the same data. */
  open(): Promise<GroupStore>;
}

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

const backends: Array<[string, () => Backend & { cleanup(): void }]> = [
  [
    'sqlite',
    () => {
      const dataDir = tempDir();
      return {
        open: async () => openSqliteStore(dataDir),
        cleanup: () => removeDir(dataDir),
      };
    },
  ],
  [
    'redis',
    () => {
      // A fresh key prefix per test: the tests share one redis-server and never see each other.
      const keyPrefix = `t${randomUUID()}:`;
      return { open: () => openRedisStore(redis.url, { keyPrefix }), cleanup: () => undefined };
    },
  ],
];

const T0 = 1_800_000_000_000;

function group(code: string, overrides: Partial<StoredGroup> = {}): StoredGroup {
  return {
    code,
    name: `Group ${code}`,
    keyHash: 'ab'.repeat(32),
    createdAt: T0,
    lastActivityAt: T0,
    revision: 0,
    session: JSON.stringify({ code, phase: 'lobby', note: 'ünïcödé ✓' }),
    standingSince: null,
    ...overrides,
  };
}

function screen(processId: string, socketId: string, extra: Partial<PresenceEntry> = {}) {
  return { processId, socketId, role: 'member', offer: false, ...extra } as PresenceEntry;
}

const bySocket = (entries: PresenceEntry[]) =>
  [...entries].sort((a, b) => a.socketId.localeCompare(b.socketId));

describe.each(backends)('store contract: %s', (_name, makeBackend) => {
  let backend: ReturnType<typeof makeBackend>;
  const opened: GroupStore[] = [];
  const open = async () => {
    const store = await backend.open();
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    backend = makeBackend();
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    backend.cleanup();
  });

  it('[ST1] create inserts a group only if its code is free; get returns it as stored', async () => {
    const store = await open();
    const first = group('ABCDEF');
    expect(await store.create(first)).toBe(true);
    expect(await store.get('ABCDEF')).toEqual(first);
    expect(await store.create(group('ABCDEF', { name: 'Intruder', revision: 7 }))).toBe(false);
    expect(await store.get('ABCDEF')).toEqual(first);
    expect(await store.get('ZZZZZZ')).toBeNull();
    // Racing creators of one code, on two stores: exactly one gets it.
    const other = await open();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        (index % 2 ? store : other).create(group('QWERTY', { name: `racer ${index}` })),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect((await other.get('QWERTY'))?.name).toBe(`racer ${winner}`);
  });

  it('[ST2] compare-and-set writes only over the expected revision; racing writers: one wins', async () => {
    const store = await open();
    const other = await open();
    await store.create(group('ABCDEF'));
    expect(await store.compareAndSet('ABCDEF', 1, { revision: 2, session: 'x' })).toBe(false);
    expect(await store.get('ABCDEF')).toEqual(group('ABCDEF'));
    expect(await store.compareAndSet('ABCDEF', 0, { revision: 1, session: 'one' })).toBe(true);
    // Without lastActivityAt (an auto-advance) the activity stays as it was.
    expect(await store.get('ABCDEF')).toMatchObject({
      revision: 1,
      session: 'one',
      lastActivityAt: T0,
    });
    // Twenty writers on two stores, all expecting revision 1: exactly one is stored.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 ? store : other).compareAndSet('ABCDEF', 1, {
          revision: 2,
          session: `writer ${index}`,
          lastActivityAt: T0 + index + 1,
        }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(await other.get('ABCDEF')).toMatchObject({
      revision: 2,
      session: `writer ${winner}`,
      lastActivityAt: T0 + winner + 1,
    });
    // A group that is not there is not written, nor made up.
    expect(await store.compareAndSet('NOPENO', 0, { revision: 1, session: 's' })).toBe(false);
    expect(await store.get('NOPENO')).toBeNull();
  });

  it('[ST3] touch and commands move the last activity; idleSince lists groups idle before', async () => {
    const store = await open();
    await store.create(group('AAAAAA', { lastActivityAt: T0 }));
    await store.create(group('BBBBBB', { lastActivityAt: T0 + 1000 }));
    expect(await store.idleSince(T0)).toEqual([]);
    expect(await store.idleSince(T0 + 1)).toEqual(['AAAAAA']);
    expect((await store.idleSince(T0 + 1001)).sort()).toEqual(['AAAAAA', 'BBBBBB']);
    await store.touch('AAAAAA', T0 + 5000);
    expect(await store.get('AAAAAA')).toMatchObject({ lastActivityAt: T0 + 5000 });
    expect(await store.idleSince(T0 + 1001)).toEqual(['BBBBBB']);
    await store.compareAndSet('BBBBBB', 0, {
      revision: 1,
      session: 's',
      lastActivityAt: T0 + 6000,
    });
    expect(await store.idleSince(T0 + 5001)).toEqual(['AAAAAA']);
    // Touching a group that is gone does not bring any of it back.
    await store.touch('GONEGO', T0);
    expect(await store.get('GONEGO')).toBeNull();
    expect(await store.idleSince(T0 + 10_000)).not.toContain('GONEGO');
  });

  it('[ST14] revisions: the stored revision of each group asked for, in one read; none for groups not there', async () => {
    const store = await open();
    const other = await open();
    await store.create(group('AAAAAA'));
    await store.create(group('BBBBBB'));
    await store.create(group('CCCCCC'));
    await store.compareAndSet('BBBBBB', 0, { revision: 1, session: 'one' });
    await store.compareAndSet('BBBBBB', 1, { revision: 2, session: 'two' });
    expect(await other.revisions([])).toEqual(new Map());
    expect(await other.revisions(['AAAAAA', 'BBBBBB', 'NOPENO', 'BBBBBB'])).toEqual(
      new Map([
        ['AAAAAA', 0],
        ['BBBBBB', 2],
      ]),
    );
    // As many codes as a process holds groups (more than any one SQL statement takes), mostly
    // of groups not there: those there are found wherever they are in the list.
    const codes = Array.from({ length: 2500 }, (_, index) => `Z${String(index).padStart(5, '0')}`);
    codes.splice(0, 0, 'AAAAAA');
    codes.splice(1200, 0, 'BBBBBB');
    codes.push('CCCCCC');
    expect(await other.revisions(codes)).toEqual(
      new Map([
        ['AAAAAA', 0],
        ['BBBBBB', 2],
        ['CCCCCC', 0],
      ]),
    );
    // A deleted group has no revision; issued again, it starts afresh.
    await other.delete('BBBBBB');
    expect(await store.revisions(['BBBBBB', 'CCCCCC'])).toEqual(new Map([['CCCCCC', 0]]));
    await store.create(group('BBBBBB'));
    expect(await store.revisions(['BBBBBB'])).toEqual(new Map([['BBBBBB', 0]]));
  });

  it('[ST4] delete removes the group, its screens and its idle entry at once, on every store', async () => {
    const store = await open();
    const other = await open();
    await store.create(group('ABCDEF'));
    await store.create(group('KEEPME'));
    await store.presence.heartbeat('p1', T0);
    await other.presence.heartbeat('p2', T0);
    await store.presence.add('ABCDEF', screen('p1', 's1'));
    await other.presence.add('ABCDEF', screen('p2', 's2'));
    await store.presence.add('KEEPME', screen('p1', 's3'));

    expect(await other.delete('ABCDEF')).toBe(true);
    expect(await store.get('ABCDEF')).toBeNull();
    expect(await store.idleSince(T0 + 1)).toEqual(['KEEPME']);
    expect(await store.presence.list('ABCDEF', T0)).toEqual([]);
    expect(await store.presence.occupiedCodes(T0)).toEqual(['KEEPME']);
    expect(await store.delete('ABCDEF')).toBe(false);
    // The processes' screens elsewhere are untouched; the code can be issued again, afresh.
    expect(await other.presence.list('KEEPME', T0)).toEqual([screen('p1', 's3')]);
    expect(await store.create(group('ABCDEF', { name: 'new' }))).toBe(true);
    expect(await store.presence.list('ABCDEF', T0)).toEqual([]);
    // Screens of the deleted group leaving later change nothing else.
    await store.presence.remove('ABCDEF', 'p1', 's1');
    expect(await store.presence.dropProcess('p1')).toEqual(['KEEPME']);
  });

  it('[ST5] presence spans processes; silent processes leave the counts; reap and drop', async () => {
    const a = await open();
    const b = await open();
    await a.create(group('ABCDEF'));
    await a.create(group('SECOND'));
    await a.presence.heartbeat('pa', T0);
    await b.presence.heartbeat('pb', T0);
    const facilitator = screen('pa', 'sa1', { role: 'facilitator' });
    const member = screen('pb', 'sb1', { name: 'Ann', device: 'device-1234', offer: true });
    const display = screen('pb', 'sb2', { role: 'display' });
    await a.presence.add('ABCDEF', facilitator);
    await b.presence.add('ABCDEF', member);
    await b.presence.add('ABCDEF', display);
    await a.presence.add('SECOND', screen('pa', 'sa2'));
    for (const store of [a, b]) {
      expect(bySocket(await store.presence.list('ABCDEF', T0 + 1000))).toEqual(
        bySocket([facilitator, member, display]),
      );
    }
    expect((await b.presence.occupiedCodes(T0)).sort()).toEqual(['ABCDEF', 'SECOND']);

    await b.presence.remove('ABCDEF', 'pb', 'sb2');
    expect(bySocket(await a.presence.list('ABCDEF', T0))).toEqual(bySocket([facilitator, member]));

    // pb keeps beating, pa falls silent: after the timeout pa's screens no longer count.
    const later = T0 + PROCESS_TIMEOUT_MS + 1;
    await b.presence.heartbeat('pb', later);
    expect(await b.presence.list('ABCDEF', T0 + PROCESS_TIMEOUT_MS)).toHaveLength(2);
    expect(await b.presence.list('ABCDEF', later)).toEqual([member]);
    expect(await b.presence.occupiedCodes(later)).toEqual(['ABCDEF']);

    // Reaping forgets pa and says which groups lost screens.
    expect((await b.presence.reapProcesses(later - PROCESS_TIMEOUT_MS)).sort()).toEqual([
      'ABCDEF',
      'SECOND',
    ]);
    expect(await b.presence.reapProcesses(later - PROCESS_TIMEOUT_MS)).toEqual([]);
    expect(await b.presence.list('ABCDEF', T0)).toEqual([member]);
    expect(await b.presence.list('SECOND', T0)).toEqual([]);

    // A process closing drops its own screens at once.
    expect(await b.presence.dropProcess('pb')).toEqual(['ABCDEF']);
    expect(await a.presence.list('ABCDEF', later)).toEqual([]);
    expect(await a.presence.occupiedCodes(later)).toEqual([]);
    expect(await a.presence.dropProcess('pb')).toEqual([]);
  });

  it('[ST6] restore: groups and presence survive closing and reopening the store', async () => {
    const store = await open();
    await store.create(group('ABCDEF'));
    await store.compareAndSet('ABCDEF', 0, {
      revision: 1,
      session: 'kept',
      lastActivityAt: T0 + 5,
    });
    await store.presence.heartbeat('pa', T0);
    await store.presence.add('ABCDEF', screen('pa', 's1', { name: 'Bo' }));
    await store.close();
    opened.splice(opened.indexOf(store), 1);

    const reopened = await open();
    expect(await reopened.get('ABCDEF')).toEqual(
      group('ABCDEF', { revision: 1, session: 'kept', lastActivityAt: T0 + 5 }),
    );
    expect(await reopened.idleSince(T0 + 6)).toEqual(['ABCDEF']);
    expect(await reopened.presence.list('ABCDEF', T0)).toEqual([
      screen('pa', 's1', { name: 'Bo' }),
    ]);
    expect(await reopened.compareAndSet('ABCDEF', 1, { revision: 2, session: 'on' })).toBe(true);
  });
});

/** A closed sitting's record, started at `startedAt`. */
function sitting(startedAt: number, endedAt: number | null = startedAt + 90 * 60_000) {
  return {
    startedAt,
    endedAt,
    cases: 1,
    phases: [{ caseNumber: 1, phase: 'opening' as const, plannedMs: 300_000, actualMs: 310_000 }],
  };
}

const person = (name: string, presented = false) => ({ name, presented });

describe.each(backends)('store contract, the register: %s', (_name, makeBackend) => {
  let backend: ReturnType<typeof makeBackend>;
  const opened: GroupStore[] = [];
  const open = async () => {
    const store = await backend.open();
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    backend = makeBackend();
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    backend.cleanup();
  });

  it('[ST10] a compare-and-set that closes a sitting saves it in the same write, by its id', async () => {
    const store = await open();
    const other = await open();
    await store.create(group('ABCDEF'));
    expect(await store.register.list('ABCDEF')).toEqual([]);
    const first = sitting(T0);
    // A write that loses the compare-and-set saves nothing.
    expect(
      await store.compareAndSet('ABCDEF', 5, { revision: 6, session: 's', closedSitting: first }),
    ).toBe(false);
    expect(await store.register.list('ABCDEF')).toEqual([]);
    expect(
      await store.compareAndSet('ABCDEF', 0, { revision: 1, session: 's', closedSitting: first }),
    ).toBe(true);
    const saved = { id: String(T0), record: first, confirmed: false, attendance: [], proposed: [] };
    expect(await other.register.list('ABCDEF')).toEqual([saved]);
    // Saved again (an undone end, ended again): its timings replaced, its attendance kept.
    await store.register.confirm('ABCDEF', String(T0), [person('Ann', true)]);
    const again = { ...first, endedAt: T0 + 100 * 60_000, cases: 2 };
    await other.compareAndSet('ABCDEF', 1, { revision: 2, session: 's', closedSitting: again });
    const second = sitting(T0 + 7 * 86_400_000);
    await other.compareAndSet('ABCDEF', 2, { revision: 3, session: 's', closedSitting: second });
    expect(await store.register.list('ABCDEF')).toEqual([
      { ...saved, record: again, confirmed: true, attendance: [person('Ann', true)] },
      {
        id: String(second.startedAt),
        record: second,
        confirmed: false,
        attendance: [],
        proposed: [],
      },
    ]);
    // Writes without a closed sitting leave the register alone.
    await store.compareAndSet('ABCDEF', 3, { revision: 4, session: 's' });
    expect(await store.register.list('ABCDEF')).toHaveLength(2);
  });

  it('[ST11] names noted while a sitting runs are its proposal; confirm replaces it with the attendance', async () => {
    const store = await open();
    const other = await open();
    await store.create(group('ABCDEF', { standingSince: T0 }));
    const id = String(T0);
    await store.register.note('ABCDEF', id, [person('Ann'), person('Bo')]);
    await other.register.note('ABCDEF', id, [person('ann'), person('Bo', true), person('Cy')]);
    // Noted again without presenting: presenting stays on.
    await store.register.note('ABCDEF', id, [person('Bo')]);
    await store.compareAndSet('ABCDEF', 0, {
      revision: 1,
      session: 's',
      closedSitting: sitting(T0),
    });
    const [proposed] = await other.register.list('ABCDEF');
    expect(proposed?.proposed).toEqual([person('Ann'), person('Bo', true), person('Cy')]);
    expect(proposed?.attendance).toEqual([]);

    expect(await other.register.confirm('ABCDEF', id, [person('Ann'), person('Dee', true)])).toBe(
      true,
    );
    expect(await store.register.list('ABCDEF')).toEqual([
      {
        id,
        record: sitting(T0),
        confirmed: true,
        attendance: [person('Ann'), person('Dee', true)],
        proposed: [],
      },
    ]);
    // Confirmed again: replaced, not added to.
    expect(await store.register.confirm('ABCDEF', id, [person('Bo')])).toBe(true);
    expect((await store.register.list('ABCDEF'))[0]?.attendance).toEqual([person('Bo')]);
    // No such sitting, no such group: nothing made up.
    expect(await store.register.confirm('ABCDEF', '12345', [person('Ann')])).toBe(false);
    expect(await store.register.confirm('NOPENO', id, [person('Ann')])).toBe(false);
    await store.register.note('NOPENO', id, [person('Ann')]);
    expect(await store.register.list('NOPENO')).toEqual([]);

    // Names noted for a sitting never saved (its start undone) go when the next one is saved.
    const stray = T0 + 86_400_000;
    const next = T0 + 2 * 86_400_000;
    await store.register.note('ABCDEF', String(stray), [person('Eve')]);
    await store.register.note('ABCDEF', String(next), [person('Fay')]);
    await store.compareAndSet('ABCDEF', 1, {
      revision: 2,
      session: 's',
      closedSitting: sitting(next),
    });
    const sittings = await other.register.list('ABCDEF');
    expect(sittings.map((found) => found.id)).toEqual([id, String(next)]);
    expect(sittings[1]?.proposed).toEqual([person('Fay')]);
    // Saved after all (an artificial order, to look): Eve's name was dropped.
    await store.compareAndSet('ABCDEF', 2, {
      revision: 3,
      session: 's',
      closedSitting: sitting(stray),
    });
    const late = (await other.register.list('ABCDEF')).find((found) => found.id === String(stray));
    expect(late?.proposed).toEqual([]);
  });

  it('[ST12] forget: that person, in any case, leaves every sitting; nobody else does', async () => {
    const store = await open();
    const other = await open();
    await store.create(group('ABCDEF', { standingSince: T0 }));
    await store.create(group('KEEPME', { standingSince: T0 }));
    const week = 7 * 86_400_000;
    for (const code of ['ABCDEF', 'KEEPME']) {
      await store.compareAndSet(code, 0, { revision: 1, session: 's', closedSitting: sitting(T0) });
      await store.register.confirm(code, String(T0), [person('Ann', true), person('Bo')]);
    }
    await store.register.note('ABCDEF', String(T0 + week), [person('ANN'), person('Bo')]);
    await store.compareAndSet('ABCDEF', 1, {
      revision: 2,
      session: 's',
      closedSitting: sitting(T0 + week),
    });

    await other.register.forget('ABCDEF', 'ann');
    const sittings = await store.register.list('ABCDEF');
    expect(sittings.map((found) => [found.attendance, found.proposed])).toEqual([
      [[person('Bo')], []],
      [[], [person('Bo')]],
    ]);
    expect(sittings.map((found) => found.record)).toEqual([sitting(T0), sitting(T0 + week)]);
    // Another group's Ann is another person.
    expect((await store.register.list('KEEPME'))[0]?.attendance).toEqual([
      person('Ann', true),
      person('Bo'),
    ]);
    await other.register.forget('NOPENO', 'Ann');
  });

  it('[ST13] standing, and the register deleted with the group at once, on every store; it survives a reopen', async () => {
    const store = await open();
    const other = await open();
    await store.create(group('ABCDEF'));
    expect(await other.makeStanding('ABCDEF', T0 + 5)).toBe(true);
    expect(await store.makeStanding('ABCDEF', T0 + 9)).toBe(true);
    expect((await store.get('ABCDEF'))?.standingSince).toBe(T0 + 5);
    expect(await store.makeStanding('NOPENO', T0)).toBe(false);
    expect(await store.get('NOPENO')).toBeNull();
    await store.compareAndSet('ABCDEF', 0, {
      revision: 1,
      session: 's',
      closedSitting: sitting(T0),
    });
    await store.register.confirm('ABCDEF', String(T0), [person('Ann')]);
    await store.register.note('ABCDEF', String(T0 + 1000), [person('Bo')]);

    await store.close();
    opened.splice(opened.indexOf(store), 1);
    const reopened = await open();
    expect((await reopened.get('ABCDEF'))?.standingSince).toBe(T0 + 5);
    expect((await reopened.register.list('ABCDEF'))[0]?.attendance).toEqual([person('Ann')]);

    expect(await other.delete('ABCDEF')).toBe(true);
    expect(await reopened.register.list('ABCDEF')).toEqual([]);
    // Issued again, the code starts with an empty register and no names noted.
    await reopened.create(group('ABCDEF'));
    await reopened.compareAndSet('ABCDEF', 0, {
      revision: 1,
      session: 's',
      closedSitting: sitting(T0 + 1000),
    });
    expect(await other.register.list('ABCDEF')).toEqual([
      {
        id: String(T0 + 1000),
        record: sitting(T0 + 1000),
        confirmed: false,
        attendance: [],
        proposed: [],
      },
    ]);
    expect((await other.get('ABCDEF'))?.standingSince).toBeNull();
  });
});

describe('store on Redis only', () => {
  it('[ST7] a process reaped while alive but silent puts its screens back at its next heartbeat', async () => {
    const keyPrefix = `t${randomUUID()}:`;
    const a = await openRedisStore(redis.url, { keyPrefix });
    const b = await openRedisStore(redis.url, { keyPrefix });
    try {
      await a.create(group('ABCDEF'));
      await a.presence.heartbeat('pa', T0);
      await a.presence.add('ABCDEF', screen('pa', 's1'));
      await a.presence.add('ABCDEF', screen('pa', 's2'));
      await a.presence.remove('ABCDEF', 'pa', 's2');
      // Redis was out of reach of pa for longer than the timeout; pb reaped it meanwhile.
      const later = T0 + PROCESS_TIMEOUT_MS + 1;
      await b.presence.heartbeat('pb', later);
      expect(await b.presence.reapProcesses(later - PROCESS_TIMEOUT_MS)).toEqual(['ABCDEF']);
      expect(await b.presence.list('ABCDEF', later)).toEqual([]);
      await a.presence.heartbeat('pa', later);
      expect(await b.presence.list('ABCDEF', later)).toEqual([screen('pa', 's1')]);
      expect(await b.presence.occupiedCodes(later)).toEqual(['ABCDEF']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('[ST9] a screen that left while Redis was down is removed at the next heartbeat', async () => {
    const durable = await startRedisServer('aof-always');
    const store = await openRedisStore(durable.url);
    try {
      await store.create(group('ABCDEF'));
      await store.presence.heartbeat('pa', T0);
      await store.presence.add('ABCDEF', screen('pa', 's1'));
      await store.presence.add('ABCDEF', screen('pa', 's2'));
      await durable.kill();
      await expect(store.presence.remove('ABCDEF', 'pa', 's1')).rejects.toThrow();
      await durable.start();
      // Redis kept s1 (its removal never reached it): it would count for as long as pa lives.
      const listed = async () => {
        const entries = await store.presence.list('ABCDEF', T0).catch(() => null);
        return entries?.map((entry) => entry.socketId).sort() ?? null;
      };
      await eventually(async () => (await listed()) !== null);
      expect(await listed()).toEqual(['s1', 's2']);
      await store.presence.heartbeat('pa', T0 + 10_000);
      expect(await listed()).toEqual(['s2']);
      expect(await store.presence.dropProcess('pa')).toEqual(['ABCDEF']);
    } finally {
      await store.close();
      await durable.stop();
    }
  });

  it('[ST8] Redis down or hung: every operation rejects promptly, none hangs; back up: it works again by itself', async () => {
    const own = await startRedisServer();
    const errors: Error[] = [];
    const store = await openRedisStore(own.url, {
      operationTimeoutMs: 1000,
      onError: (error) => errors.push(error),
    });
    try {
      await store.create(group('ABCDEF'));
      // A Redis that hangs (connection open, no answer) fails the operation after its timeout.
      own.pause();
      const hung = Date.now();
      await expect(store.get('ABCDEF')).rejects.toThrow(/did not answer/);
      expect(Date.now() - hung).toBeLessThan(1500);
      own.resume();
      expect(await store.get('ABCDEF')).toEqual(group('ABCDEF'));

      await own.kill();
      const started = Date.now();
      const operations: Array<Promise<unknown>> = [
        store.get('ABCDEF'),
        store.revisions(['ABCDEF', 'SECOND']),
        store.create(group('SECOND')),
        store.compareAndSet('ABCDEF', 0, { revision: 1, session: 's' }),
        store.touch('ABCDEF', T0),
        store.idleSince(T0),
        store.delete('ABCDEF'),
        store.presence.add('ABCDEF', screen('pa', 's1')),
        store.presence.remove('ABCDEF', 'pa', 's1'),
        store.presence.list('ABCDEF', T0),
        store.presence.heartbeat('pa', T0),
        store.presence.reapProcesses(T0),
        store.presence.dropProcess('pa'),
        store.presence.occupiedCodes(T0),
        store.makeStanding('ABCDEF', T0),
        store.register.note('ABCDEF', '1', [{ name: 'Ann', presented: false }]),
        store.register.list('ABCDEF'),
        store.register.confirm('ABCDEF', '1', []),
        store.register.forget('ABCDEF', 'Ann'),
      ];
      const results = await Promise.allSettled(operations);
      expect(results.map((result) => result.status)).toEqual(operations.map(() => 'rejected'));
      expect(Date.now() - started).toBeLessThan(1500);
      expect(errors.length).toBeGreaterThan(0);

      // No persistence here: Redis comes back empty, and the store uses it without help.
      await own.start();
      const deadline = Date.now() + 5000;
      let created = false;
      while (!created && Date.now() < deadline) {
        created = await store.create(group('THIRDS')).catch(() => false);
        if (!created) await new Promise((done) => setTimeout(done, 50));
      }
      expect(created).toBe(true);
      expect(await store.get('THIRDS')).toEqual(group('THIRDS'));
    } finally {
      await store.close();
      await own.stop();
    }
  });
});
