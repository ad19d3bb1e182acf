import type { SessionView } from '@balint/shared';
import { seededRandom } from '../../tests/support/random.ts';
import { createGroups, groupView } from '../lib/api.ts';
import { sharedNow, sleep } from '../lib/clock.ts';
import { startRooms } from '../lib/fanout.ts';
import { type Figure, table } from '../lib/figure.ts';
import type { SeenView } from '../lib/loadMessages.ts';
import { LoadPool } from '../lib/loadPool.ts';
import { type Room, roomSockets } from '../lib/rooms.ts';
import { ServerProcess } from '../lib/serverProcess.ts';
import { fmt, summarize } from '../lib/stats.ts';

const TARGET_MS = 3_000;
const EXTEND_MS = 1_000;

interface Acked {
  revision: number;
  phaseBudgetMs: number;
}

/** True if a screen's view shows what the restarted server holds (same instant compared). */
function showsTruth(view: SeenView, truth: SessionView): boolean {
  const elapsedThen = view.running
    ? view.phaseElapsedMs + (truth.serverTime - view.serverTime)
    : view.phaseElapsedMs;
  return (
    view.revision === truth.revision &&
    view.running === truth.running &&
    view.phaseBudgetMs === truth.phaseBudgetMs &&
    Math.abs(elapsedThen - truth.phaseElapsedMs) <= 2
  );
}

/**
 * Figure 7: facilitators keep extending while 100 screens watch; the server is SIGKILLed at a
 * random moment and started again at once (as a supervisor would). Time from the kill until
 * every screen has a view with the stored revision and time; no acked command may be lost.
 */
export const restartFigure: Figure = {
  id: '7',
  title: 'Restart after SIGKILL',
  async run({ quick, log }) {
    const roomCount = quick ? 4 : 10;
    const screensPerRoom = quick ? 5 : 10;
    const random = seededRandom(7);
    const [server, pool] = await Promise.all([ServerProcess.start(), LoadPool.start(1)]);
    try {
      const built = (await createGroups(server.url, roomCount)).map((group) =>
        roomSockets(group, screensPerRoom, [server.url]),
      );
      const rooms: Room[] = built.map(({ room }) => room);
      await pool.connect(
        built.flatMap(({ sockets }) => sockets),
        { reconnect: true },
      );
      await startRooms(pool, rooms);
      await sleep(quick ? 300 : 1_200);

      // Every facilitator extends as fast as its acks come back, until the kill.
      let killed = false;
      const acked = new Map<string, Acked>();
      const inFlight = new Set<string>();
      const loops = rooms.map(async (room) => {
        while (!killed) {
          inFlight.add(room.code);
          const sent = await pool
            .command(room.facilitatorSid, { type: 'extend', ms: EXTEND_MS })
            .catch(() => null);
          // An ack that comes back at all was sent before the kill: it counts.
          const ack = sent?.ack;
          if (ack?.ok && ack.revision !== null && ack.phaseBudgetMs !== null) {
            acked.set(room.code, { revision: ack.revision, phaseBudgetMs: ack.phaseBudgetMs });
          }
          if (killed) return;
          inFlight.delete(room.code);
        }
      });
      await sleep(quick ? 400 : 1_000 + random() * 1_000);
      await pool.markDown();
      killed = true;
      const inFlightAtKill = new Set(inFlight);
      const killAt = sharedNow();
      await server.kill();
      log(`restart: killed with ${inFlightAtKill.size} commands in flight; starting again`);
      const readyMs = await server.launch();

      const truths = new Map<string, SessionView>();
      for (const room of rooms) truths.set(room.code, await groupView(server.url, room.code));

      // Wait (bounded) until every screen has shown the truth.
      const deadline = sharedNow() + 20_000;
      let recoveries: number[] = [];
      let missing = 0;
      for (;;) {
        const seen = await pool.seenSinceDown();
        recoveries = [];
        missing = 0;
        for (const screen of seen) {
          const truth = truths.get(screen.code);
          const first = truth
            ? screen.views.find((view) => view.at > killAt && showsTruth(view, truth))
            : undefined;
          if (first) recoveries.push(first.at - killAt);
          else missing += 1;
        }
        if (missing === 0 || sharedNow() > deadline) break;
        await sleep(100);
      }

      let lost = 0;
      let appliedUnacked = 0;
      for (const room of rooms) {
        const truth = truths.get(room.code);
        const last = acked.get(room.code);
        if (!truth || !last) continue;
        if (truth.revision < last.revision || truth.phaseBudgetMs < last.phaseBudgetMs) lost += 1;
        if (truth.revision > last.revision) appliedUnacked += truth.revision - last.revision;
      }
      const ackedCount = [...acked.values()].reduce((sum, a) => sum + a.revision - 1, 0);
      await Promise.race([Promise.allSettled(loops), sleep(12_000)]);

      const recovery = summarize(recoveries);
      const screens = roomCount * screensPerRoom;
      const holds = missing === 0 && lost === 0 && recovery.max <= TARGET_MS;
      const details = [
        `${roomCount} groups × ${screensPerRoom} screens (${screens}) and a facilitator each, ` +
          `on one server (${server.label}); the screens reconnect as the pages do ` +
          '(`reconnectionDelay` 500 ms, max 1 s, jitter 0.3). Every facilitator sends ' +
          '`extend 1 s` again as soon as the last is acked; at a random moment the server gets ' +
          'SIGKILL and is started again at once on the same port and DATA_DIR. A screen has ' +
          'recovered when it has a view with the revision, budget and elapsed time (compared at ' +
          'the same instant) that the restarted server answers on `GET /api/groups/:code`.',
        '',
        table(
          ['', ''],
          [
            ['commands acked before the kill', ackedCount.toLocaleString('en-US')],
            ['commands in flight at the kill', String(inFlightAtKill.size)],
            ['server answering again after', `${fmt(readyMs, 0)} ms`],
            [
              'screens showing the right time again: p50 / p99 / max',
              `${fmt(recovery.p50, 0)} / ${fmt(recovery.p99, 0)} / ${fmt(recovery.max, 0)} ms`,
            ],
            ['screens that never did (20 s)', String(missing)],
            ['acked commands lost', String(lost)],
            ['in-flight commands that were applied (allowed)', String(appliedUnacked)],
          ],
        ),
      ].join('\n');
      return [
        {
          id: '7',
          title: `Restart after SIGKILL, ${screens} screens`,
          measured: `every screen right again after ${fmt(recovery.max, 0)} ms (server up after ${fmt(readyMs, 0)} ms); ${lost} acked commands lost of ${ackedCount.toLocaleString('en-US')}`,
          target: `≤ ${TARGET_MS / 1000} s; no acked command lost`,
          holds: missing === 0 ? holds : false,
          details,
        },
      ];
    } finally {
      await pool.stop();
      await server.stop();
    }
  },
};
