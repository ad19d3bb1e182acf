import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { GroupStore } from '../../server/src/groups/store.ts';
import { type FaultyStore, faultyStore } from '../support/faultyStore.ts';
import {
  canMount,
  fillUp,
  type Mounted,
  mountExt4,
  mountTmpfs,
  remount,
  removeFile,
  setImmutable,
} from '../support/mounts.ts';
import { freePort, killAllServers, runToExit, ServerProcess } from '../support/serverProcess.ts';
import {
  captureLogs,
  closeAllClients,
  connect,
  eventually,
  facilitatorOf,
  removeDir,
  startServer,
  type TestServer,
  tempDir,
} from './helpers.ts';

// [D1]–[D3] Storage faults. Where this machine lets the test mount file systems (root), the
// faults are real: a tmpfs that fills up, an ext4 image whose files become immutable, a
// read-only mount. Elsewhere the same scenario runs on a store whose writes throw.

const mounts: Mounted[] = [];
const dirs: string[] = [];
let server: TestServer | null = null;

afterEach(async () => {
  closeAllClients();
  await killAllServers();
  await server?.stop();
  server = null;
  for (const mount of mounts.splice(0)) mount.unmount();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function mount(made: Mounted): Mounted {
  mounts.push(made);
  return made;
}

const mountable = canMount();

describe('[D1] a DATA_DIR the server cannot write: one clear line at start, exit 1', () => {
  async function refusedStart(dataDir: string): Promise<string> {
    const exit = await runToExit({ port: await freePort(), dataDir });
    expect(exit.code, exit.output).toBe(1);
    const lines = exit.output.trim().split('\n');
    expect(lines, exit.output).toHaveLength(1);
    expect(lines[0]).toMatch(/^Balint Timer: cannot use DATA_DIR: /);
    return lines[0] ?? '';
  }

  it('a file where the directory should be', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = join(dir, 'data');
    writeFileSync(file, 'not a directory');
    expect(await refusedStart(file)).toBe(
      `Balint Timer: cannot use DATA_DIR: ${file} is a file, not a directory.`,
    );
  });

  it.skipIf(!mountable)('a read-only file system (a real read-only tmpfs)', async () => {
    const { dir } = mount(mountTmpfs(1024 * 1024, { readOnly: true }));
    expect(await refusedStart(join(dir, 'data'))).toBe(
      `Balint Timer: cannot use DATA_DIR: ${dir} is on a read-only file system.`,
    );
  });

  it.skipIf(!mountable)(
    'a database a crash left behind, its file system read-only since: refused, then intact',
    async () => {
      const { dir } = mount(mountTmpfs(8 * 1024 * 1024));
      const dataDir = join(dir, 'data');
      const running = new ServerProcess({ port: await freePort(), dataDir });
      await running.start();
      const { code, facilitatorKey: key } = await running.createGroup('Ward 3');
      const f = await connect(running.url, { code, role: 'facilitator', key });
      expect(await f.command({ type: 'start' })).toMatchObject({ ok: true });
      f.close();
      await running.kill('SIGKILL');
      // SQLite would open this database read-only without a word (its WAL is still there).
      remount(dir, 'ro');
      expect(await refusedStart(dataDir)).toBe(
        `Balint Timer: cannot use DATA_DIR: ${dataDir} is on a read-only file system.`,
      );
      remount(dir, 'rw');
      await running.start();
      expect(await running.view(code)).toMatchObject({ revision: 1, phase: 'opening' });
    },
  );
});

/** A storage fault that comes and goes while the server runs. */
interface Fault {
  name: string;
  /** A fresh DATA_DIR, and the store wrapper if the fault is injected rather than real. */
  setUp(): { dataDir: string; wrap?: (store: GroupStore) => GroupStore };
  start(dataDir: string): void;
  end(dataDir: string): void;
  /** The SQLite error the store reports. */
  errorCode: RegExp;
}

const diskFull: Fault = (() => {
  let filler = '';
  let mountPoint = '';
  return {
    name: 'the disk fills up (a real 4 MB tmpfs)',
    setUp: () => {
      mountPoint = mount(mountTmpfs(4 * 1024 * 1024)).dir;
      return { dataDir: join(mountPoint, 'data') };
    },
    start: () => {
      filler = fillUp(mountPoint);
    },
    end: () => removeFile(filler),
    errorCode: /^SQLITE_FULL$/,
  };
})();

const readOnlyFiles: Fault = {
  name: 'the database files become read-only (a real ext4 image, chattr +i)',
  setUp: () => ({ dataDir: join(mount(mountExt4(16)).dir, 'data') }),
  start: (dataDir) => setImmutable(databaseFiles(dataDir), true),
  end: (dataDir) => setImmutable(databaseFiles(dataDir), false),
  errorCode: /^SQLITE_(IOERR|READONLY)/,
};

const injected: Fault = (() => {
  let faulty: FaultyStore | null = null;
  return {
    name: 'every write fails (injected: SQLITE_FULL from a store wrapper)',
    setUp: () => {
      const dataDir = tempDir();
      dirs.push(dataDir);
      return {
        dataDir,
        wrap: (store) => {
          faulty = faultyStore(store);
          return faulty.store;
        },
      };
    },
    start: () =>
      faulty?.failWrites(() => new Database.SqliteError('database or disk is full', 'SQLITE_FULL')),
    end: () => faulty?.heal(),
    errorCode: /^SQLITE_FULL$/,
  };
})();

/** The database and its write-ahead log; not the -shm, which SQLite maps into memory. */
function databaseFiles(dataDir: string): string[] {
  return [join(dataDir, 'balint.db'), join(dataDir, 'balint.db-wal')];
}

const faults = mountable ? [diskFull, readOnlyFiles] : [injected];

describe.each(faults)('[D2] mid-session: $name', (fault) => {
  it('commands are refused with internal and logged, nothing changes, and it recovers by itself', async () => {
    const { dataDir, wrap } = fault.setUp();
    const logs = captureLogs('warn');
    server = await startServer({ dataDir, logger: logs.logger, wrapStore: wrap });
    const url = server.url;
    const { code, f } = await facilitatorOf(url);
    const display = await connect(url, { code, role: 'display' });
    const leaving = await connect(url, { code, role: 'member', name: 'Ana' });
    expect(await f.command({ type: 'start' })).toMatchObject({ ok: true, view: { revision: 1 } });
    await display.waitFor((view) => view.revision === 1 && view.counts.members === 1);
    const before = await server.store.get(code);

    fault.start(dataDir);
    for (const command of [{ type: 'next' }, { type: 'pause' }, { type: 'extend', ms: 60_000 }]) {
      const ack = await f.command(command);
      expect(ack, JSON.stringify(command)).toEqual({
        ok: false,
        error: { code: 'internal', message: 'Something went wrong. Try again.' },
      });
    }
    // Each refusal is one clear line in the log, naming the store's error.
    const failures = logs.errors().filter((entry) => entry.msg === 'command failed');
    expect(failures).toHaveLength(3);
    for (const failure of failures) expect(failure.err?.code).toMatch(fault.errorCode);
    // The server keeps serving what is stored, and nobody saw a state that was not stored.
    expect(await server.store.get(code)).toEqual(before);
    expect(await fetch(`${url}/healthz`).then((response) => response.json())).toEqual({ ok: true });
    const info = await fetch(`${url}/api/groups/${code}`).then((response) => response.json());
    expect(info.view).toMatchObject({ revision: 1, phase: 'opening', running: true });
    expect(display.views.every((view) => view.revision <= 1)).toBe(true);
    expect([f.socket.connected, display.socket.connected]).toEqual([true, true]);
    // A member leaves and a phone arrives while nothing can be written.
    const logged = (message: string) => () => logs.errors().some((entry) => entry.msg === message);
    leaving.close();
    await eventually(logged('screen not let go'));
    const arriving = connect(url, { code, role: 'member', name: 'Ben' }, { reconnection: true });
    await eventually(logged('screen not joined yet; trying again'));

    fault.end(dataDir);
    expect(await f.command({ type: 'next' })).toMatchObject({
      ok: true,
      view: { revision: 2, phase: 'presentation' },
    });
    await display.waitFor((view) => view.revision === 2);
    const ben = await arriving;
    expect((await ben.waitFor((view) => view.revision === 2)).phase).toBe('presentation');
    // The next heartbeat lets go of the member who left during the fault: no ghost in the counts.
    await server.app.groups.heartbeat();
    const settled = await f.waitFor((view) => view.members?.map((m) => m.name).join() === 'Ben');
    expect(settled.counts).toEqual({ facilitators: 1, displays: 1, members: 1 });
    const check = new Database(join(dataDir, 'balint.db'), { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });
});

describe('[D3] the phantom state: a compare-and-set that is slow, then fails', () => {
  it('no screen, GET or new joiner ever sees the refused state; the next command follows the store', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    let faulty = null as FaultyStore | null;
    const wrap = (store: GroupStore) => {
      faulty = faultyStore(store);
      return faulty.store;
    };
    server = await startServer({ dataDir, wrapStore: wrap, logger: captureLogs('warn').logger });
    const url = server.url;
    const { code, key, f } = await facilitatorOf(url);
    const display = await connect(url, { code, role: 'display' });
    const coFacilitator = await connect(url, { code, role: 'facilitator', key });
    expect(await f.command({ type: 'start' })).toMatchObject({ ok: true, view: { revision: 1 } });

    let entered: () => void = () => undefined;
    const inWrite = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    faulty?.onCompareAndSet(async () => {
      faulty?.onCompareAndSet(null);
      entered();
      await gate;
      throw new Error('the disk went away mid-write');
    });
    const next = f.command({ type: 'next' });
    await inWrite;
    // While the write hangs: what is stored is all anyone sees.
    const info = await fetch(`${url}/api/groups/${code}`).then((response) => response.json());
    expect(info.view).toMatchObject({ revision: 1, phase: 'opening' });
    const joiner = await connect(url, { code, role: 'member', name: 'Cy' });
    expect(joiner.last()).toMatchObject({ revision: 1, phase: 'opening' });
    // A co-facilitator's command waits its turn, then is decided on what is stored.
    const pause = coFacilitator.command({ type: 'pause' });

    release();
    expect(await next).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong. Try again.' },
    });
    expect(await pause).toMatchObject({ ok: true, view: { revision: 2, phase: 'opening' } });
    const late = await connect(url, { code, role: 'display' });
    expect(late.last()).toMatchObject({ revision: 2, phase: 'opening', running: false });
    await display.waitFor((view) => view.revision === 2);
    for (const client of [f, display, coFacilitator, joiner, late]) {
      expect(client.views.map((view) => view.phase)).not.toContain('presentation');
    }
    expect((await server.store.get(code))?.revision).toBe(2);
  });
});
