import { createGroups } from '../lib/api.ts';
import { sharedNow, sleep } from '../lib/clock.ts';
import { pacedCommands, startRooms } from '../lib/fanout.ts';
import type { Figure, FigureResult } from '../lib/figure.ts';
import { table } from '../lib/figure.ts';
import { LoadPool } from '../lib/loadPool.ts';
import { type Room, roomSockets } from '../lib/rooms.ts';
import { ServerProcess } from '../lib/serverProcess.ts';
import { probeStalls } from '../lib/stallProbe.ts';
import { fmt, fmtMs, mib, summarize } from '../lib/stats.ts';

const SCREENS_PER_ROOM = 12;
const WORKERS = 2;
const RATE_PER_SECOND = 50;
const TARGET_P99_MS = 10;

/**
 * Figure 1: a facilitator's command → the last of its room's 12 screens, while the server
 * holds 1, 100 and 1,000 such rooms. Rooms are added to one server level by level.
 */
export const fanoutFigure: Figure = {
  id: '1',
  title: 'Fan-out: command → last screen',
  async run({ quick, log }) {
    const levels = quick ? [1, 20] : [1, 100, 1_000];
    const commandsPerLevel = quick ? 40 : 1_000;
    const [server, pool] = await Promise.all([
      ServerProcess.start({ traceGc: true }),
      LoadPool.start(WORKERS),
    ]);
    const rows: string[][] = [];
    let worstP99AtTop = Number.NaN;
    try {
      const rooms: Room[] = [];
      const workerOfRoom = new Map<string, number>();
      for (const level of levels) {
        const groups = await createGroups(server.url, level - rooms.length);
        const added = groups.map((group) => roomSockets(group, SCREENS_PER_ROOM, [server.url]));
        for (const { room } of added) {
          workerOfRoom.set(room.code, rooms.length % WORKERS);
          rooms.push(room);
        }
        log(`fan-out: ${rooms.length} rooms × ${SCREENS_PER_ROOM} screens, connecting`);
        // A room's sockets share one worker, so emit and arrivals are stamped by one process.
        await pool.connect(
          added.flatMap(({ sockets }) => sockets),
          { concurrency: 50, placement: (screen) => workerOfRoom.get(screen.code) ?? 0 },
        );
        await startRooms(
          pool,
          added.map(({ room }) => room),
        );
        // Let the joins' coalesced presence updates go out before timing commands.
        await sleep(quick ? 500 : 1_500);
        const count = level === 1 ? Math.min(commandsPerLevel, 300) : commandsPerLevel;
        const commandsFrom = sharedNow();
        const result = await pacedCommands(pool, rooms, {
          count,
          ratePerSecond: RATE_PER_SECOND,
          deadlineMs: 120_000,
        });
        if (result.latencies.length === 0)
          throw new Error(`no command arrived: ${result.firstError}`);
        const latency = summarize(result.latencies);
        const ack = summarize(result.ackLatencies);
        const pauses = server.gcPauses.filter((pause) => pause.at >= commandsFrom).map((p) => p.ms);
        const stalls = await probeStalls(server.url, quick ? 1_000 : 12_000);
        worstP99AtTop = latency.p99;
        rows.push([
          `${level.toLocaleString('en-US')} × ${SCREENS_PER_ROOM}`,
          (level * SCREENS_PER_ROOM).toLocaleString('en-US'),
          String(latency.count),
          fmtMs(latency, 2),
          fmtMs(ack, 2),
          String(result.refused + result.timedOut),
          mib(server.rssBytes()),
          `${pauses.length}, max ${fmt(Math.max(0, ...pauses), 0)} ms, ${fmt(
            pauses.reduce((a, b) => a + b, 0),
            0,
          )} ms in all`,
          `${fmt(stalls.maxMs, 0)} ms` +
            (stalls.slow.length
              ? ` (> 50 ms at ${stalls.slow.map((s) => `${fmt(s.atS, 1)} s`).join(', ')})`
              : ''),
        ]);
        log(`fan-out: ${level} rooms: ${fmtMs(latency, 2)}`);
      }
    } finally {
      await pool.stop();
      await server.stop();
    }
    const top = levels[levels.length - 1] ?? 0;
    const holds = Number.isFinite(worstP99AtTop) ? worstP99AtTop <= TARGET_P99_MS : null;
    const details = [
      `One server process (${server.label}); ${WORKERS} load worker processes, each holding whole ` +
        'rooms (facilitator and screens), so emit and arrival are stamped by the same process. ' +
        `Commands go out open-loop at ${RATE_PER_SECOND}/s over all rooms (one in flight per room), ` +
        'cycling pause, extend 1 s, resume, extend 1 s. A room has one display and 11 members; ' +
        'latency runs from the facilitator’s `emit` to the `session` view with the new revision ' +
        'at the last of the 12 screens. Server RSS is read from /proc after each level; the server ' +
        'runs with `--trace-gc`, and its garbage-collection pauses while the commands were timed ' +
        'are counted (a command that arrives during a pause waits for it). After each level, ' +
        '`GET /healthz` every 20 ms with nothing else going on shows how long the server’s event ' +
        'loop stalls on work of its own (timers, sweeps, GC): a command arriving then waits.',
      '',
      table(
        [
          'rooms',
          'screens',
          'commands',
          'emit → last screen p50 / p99 / max',
          'emit → ack p50 / p99 / max',
          'refused or lost',
          'server RSS',
          'server GC pauses while timed',
          'idle server: slowest /healthz',
        ],
        rows,
      ),
      '',
      `Load worker clock offset (IPC-measured, corrected): at most ${fmt(pool.maxClockOffsetMs, 3)} ms.`,
    ].join('\n');
    const result: FigureResult = {
      id: '1',
      title: `Fan-out, ${top.toLocaleString('en-US')} rooms × ${SCREENS_PER_ROOM}, p99`,
      measured: rows.map((row) => `${row[0]}: ${row[3]}`).join('<br>'),
      target: `p99 ≤ ${TARGET_P99_MS} ms at 1,000 rooms × 12`,
      holds: quick ? null : holds,
      details,
    };
    return [result];
  },
};
