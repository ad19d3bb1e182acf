import {
  COMMAND_TYPES,
  type CommandAck,
  type CommandType,
  canSend,
  PHASE_IDS,
  type SessionView,
} from '@balint/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { pick, seededRandom } from '../support/random.ts';
import { freePort, killAllServers, ServerProcess } from '../support/serverProcess.ts';
import { type Client, closeAllClients, connect, removeDir, sleep, tempDir } from './helpers.ts';

// [K1] The real process, SIGKILLed at random moments of a busy session, loses no acked command.

const KILLS = Number(process.env.SIGKILL_KILLS ?? 20);
const SEED = Number(process.env.SIGKILL_SEED ?? 20_261_203);

let dataDir: string | null = null;

afterEach(async () => {
  closeAllClients();
  await killAllServers();
  if (dataDir) removeDir(dataDir);
  dataDir = null;
});

/** What a view says about the session, with time as its fixed anchor (not `serverTime`). */
function stateOf(view: SessionView) {
  return {
    revision: view.revision,
    phase: view.phase,
    running: view.running,
    phaseBudgetMs: view.phaseBudgetMs,
    // Running: when the phase would have started had it never paused; paused: the elapsed time.
    clock: view.running ? view.serverTime - view.phaseElapsedMs : view.phaseElapsedMs,
    caseNumber: view.caseNumber,
    presenter: view.presenter,
    presenterDevice: view.presenterDevice,
    plan: view.plan,
  };
}

/** A command the session accepts now, at random; `end` and `reset` only now and then. */
function nextCommand(random: () => number, view: SessionView, n: number): Record<string, unknown> {
  const allowed = COMMAND_TYPES.filter((type) => canSend(view, type));
  const common = allowed.filter((type) => type !== 'end' && type !== 'reset');
  const type: CommandType = pick(random, common.length > 0 && random() < 0.95 ? common : allowed);
  const command: Record<string, unknown> = { type, expectedRevision: view.revision };
  if (type === 'extend') command.ms = 1000 * (1 + Math.floor(random() * 120));
  if (type === 'setBudget') {
    command.phase = pick(random, PHASE_IDS);
    command.ms = 60_000 * (1 + Math.floor(random() * 30));
  }
  if (type === 'setPresenter') command.name = `P${n}`;
  if (type === 'setEndTime') command.at = view.serverTime + 60_000 * (30 + (n % 120));
  if (type === 'setLanguage') command.language = pick(random, ['en', 'de', 'hu']);
  return command;
}

interface Ledger {
  /** The latest acked view. */
  acked: SessionView;
  /** Every acked revision, in order. */
  revisions: number[];
  /** A command sent whose answer did not come back (the process died first). */
  inFlight: Record<string, unknown> | null;
}

/** Sends commands one after another, as fast as they are acked, until the connection drops. */
async function busySession(f: Client, random: () => number, ledger: Ledger): Promise<void> {
  let view = f.last();
  for (let n = 0; f.socket.connected; n += 1) {
    const command = nextCommand(random, view, n);
    ledger.inFlight = command;
    let ack: CommandAck;
    try {
      ack = await f.socket.timeout(5000).emitWithAck('command', command);
    } catch {
      return;
    }
    ledger.inFlight = null;
    if (!ack.ok) throw new Error(`refused ${JSON.stringify(command)}: ${ack.error.code}`);
    ledger.acked = ack.view;
    ledger.revisions.push(ack.view.revision);
    view = ack.view;
  }
}

describe('[K1] random SIGKILLs', () => {
  it(`${KILLS} kills at random moments of a busy session lose no acked command (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    dataDir = tempDir();
    const server = new ServerProcess({ port: await freePort(), dataDir });
    await server.start();
    const { code, facilitatorKey: key } = await server.createGroup('Kill');
    let f = await connect(server.url, { code, role: 'facilitator', key });
    const ledger: Ledger = { acked: f.last(), revisions: [], inFlight: null };
    const inFlightAtKill = { stored: 0, notStored: 0 };

    for (let kill = 1; kill <= KILLS; kill += 1) {
      const session = busySession(f, random, ledger);
      await sleep(20 + Math.floor(random() * 280));
      expect(await server.kill('SIGKILL')).toBeNull();
      await session;
      const inFlight = ledger.inFlight;
      await server.start();
      f = await connect(server.url, { code, role: 'facilitator', key });
      const restored = f.last();
      const fromHttp = await server.view(code);
      // What the store holds is what was acked last, or one more: the command that was on its
      // way when the process died may have been stored without its ack getting out.
      const ahead = restored.revision - ledger.acked.revision;
      expect(ahead, `kill ${kill}`).toBe(inFlight && ahead === 1 ? 1 : 0);
      if (ahead === 0) expect(stateOf(restored), `kill ${kill}`).toEqual(stateOf(ledger.acked));
      else ledger.acked = restored;
      if (inFlight && ahead === 1) inFlightAtKill.stored += 1;
      if (inFlight && ahead === 0) inFlightAtKill.notStored += 1;
      expect(stateOf(fromHttp)).toEqual(stateOf(restored));
      ledger.inFlight = null;
    }

    // Each ack carried the next revision: nothing forked, nothing acked twice.
    const revisions = ledger.revisions;
    for (let i = 1; i < revisions.length; i += 1) {
      expect(revisions[i]).toBeGreaterThan(revisions[i - 1] ?? 0);
    }
    expect(revisions.length).toBeGreaterThan(KILLS);
    console.log(
      `SIGKILL: ${KILLS} kills, ${revisions.length} commands acked, every one kept. Commands in ` +
        `flight at a kill: ${inFlightAtKill.stored} stored (ack lost), ${inFlightAtKill.notStored} not stored`,
    );
  }, 180_000);
});
