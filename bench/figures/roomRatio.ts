import { createGroup } from '../lib/api.ts';
import { BareServer } from '../lib/bareLauncher.ts';
import { sleep } from '../lib/clock.ts';
import { startRooms, timeCommand } from '../lib/fanout.ts';
import { type Figure, table } from '../lib/figure.ts';
import { LoadPool } from '../lib/loadPool.ts';
import { packageVersion } from '../lib/machine.ts';
import { type Room, roomSockets } from '../lib/rooms.ts';
import { ServerProcess } from '../lib/serverProcess.ts';
import { fmt, fmtMs, summarize } from '../lib/stats.ts';

const WORKERS = 2;
const TARGET_RATIO = 1.2;
const GAP_MS = 100;

/**
 * Figure 2: one room of 1,200 screens, command → last screen, as a ratio to a bare Socket.IO
 * server broadcasting the same view to the same room; the same load workers hold both rooms
 * and the rounds alternate, real then bare.
 */
export const roomRatioFigure: Figure = {
  id: '2',
  title: 'One room of 1,200 screens vs bare Socket.IO',
  async run({ quick, log }) {
    const screens = quick ? 150 : 1_200;
    const rounds = quick ? 8 : 200;
    const warmup = quick ? 2 : 10;
    const [server, pool] = await Promise.all([ServerProcess.start(), LoadPool.start(WORKERS)]);
    let bare: BareServer | null = null;
    try {
      const group = await createGroup(server.url, 'Hall');
      const real = roomSockets(group, screens, [server.url]);
      log(`room ratio: connecting ${screens} screens to the server`);
      await pool.connect(real.sockets, { concurrency: 50 });
      await startRooms(pool, [real.room]);
      await sleep(quick ? 500 : 2_000);
      const member = real.room.screens[1];
      const view = member ? await pool.lastView(member.sid) : null;
      if (!view) throw new Error('no view to capture');
      const viewBytes = Buffer.byteLength(JSON.stringify(view));
      bare = await BareServer.start(view);
      const bareGroup = { ...group, code: `${group.code}-BARE` };
      const peer = roomSockets(bareGroup, screens, [bare.url]);
      peer.room.revision = view.revision;
      log(`room ratio: connecting ${screens} screens to the bare peer`);
      await pool.connect(peer.sockets, { concurrency: 50 });
      await sleep(quick ? 300 : 1_000);
      pool.clearArrivals();
      const realLatencies: number[] = [];
      const bareLatencies: number[] = [];
      const failures: string[] = [];
      const deadline = Date.now() + (quick ? 20_000 : 180_000);
      for (let round = -warmup; round < rounds && Date.now() < deadline; round += 1) {
        for (const [room, into] of [
          [real.room, realLatencies],
          [peer.room, bareLatencies],
        ] as Array<[Room, number[]]>) {
          const outcome = await timeCommand(pool, room);
          if ('error' in outcome) failures.push(outcome.error);
          else if (round >= 0) into.push(outcome.latency);
          await sleep(GAP_MS);
        }
      }
      if (realLatencies.length === 0 || bareLatencies.length === 0) {
        throw new Error(`no round completed: ${failures[0]}`);
      }
      const realSummary = summarize(realLatencies);
      const bareSummary = summarize(bareLatencies);
      const p50Ratio = realSummary.p50 / bareSummary.p50;
      const p99Ratio = realSummary.p99 / bareSummary.p99;
      const details = [
        `One room: 1 facilitator, 1 display and ${screens - 1} members, on the real server ` +
          `(${server.label}) and, in the same run, on a bare Socket.IO ${packageVersion('socket.io')} ` +
          'server (`bench/lib/bareServer.ts`: joins screens to one room, acks the command and ' +
          `broadcasts a view captured from the real server in this run, ${viewBytes} bytes of JSON, ` +
          `with the next revision). The same ${WORKERS} load worker processes hold both rooms ` +
          `(${screens} + ${screens} screens, spread round-robin); ${realLatencies.length} rounds ` +
          `each after ${warmup} unmeasured, alternating real and bare, ${GAP_MS} ms apart. Latency: facilitator's emit → the ` +
          'last screen has the new revision (worker stamps on the shared clock, corrected by the ' +
          `measured IPC offset, at most ${fmt(pool.maxClockOffsetMs, 3)} ms). The real server also ` +
          'sends its facilitator a view listing every member (the bare one acks with the public ' +
          'view); both latencies include the load workers decoding every message on the same cores.',
        '',
        table(
          ['server', 'rounds', 'emit → last screen p50 / p99 / max'],
          [
            ['Balint Timer', String(realSummary.count), fmtMs(realSummary, 2)],
            ['bare Socket.IO', String(bareSummary.count), fmtMs(bareSummary, 2)],
            ['ratio', '', `${fmt(p50Ratio, 2)}× (p50) / ${fmt(p99Ratio, 2)}× (p99)`],
          ],
        ),
        '',
        `The verdict uses the p50 ratio. ${failures.length} rounds failed${failures[0] ? ` (first: ${failures[0]})` : ''}.`,
      ].join('\n');
      return [
        {
          id: '2',
          title: `One room of ${screens.toLocaleString('en-US')} screens, ratio to bare Socket.IO`,
          measured: `${fmt(p50Ratio, 2)}× p50 (${fmt(realSummary.p50, 1)} vs ${fmt(bareSummary.p50, 1)} ms), ${fmt(p99Ratio, 2)}× p99`,
          target: `≤ ${TARGET_RATIO}×`,
          holds: quick ? null : p50Ratio <= TARGET_RATIO,
          details,
        },
      ];
    } finally {
      await pool.stop();
      await bare?.stop();
      await server.stop();
    }
  },
};
