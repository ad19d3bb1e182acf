import { createGroup, createGroups } from '../lib/api.ts';
import { sharedNow, sleep } from '../lib/clock.ts';
import { type Figure, type FigureResult, table } from '../lib/figure.ts';
import { openFilesLimit } from '../lib/limits.ts';
import { LoadPool } from '../lib/loadPool.ts';
import { roomSockets } from '../lib/rooms.ts';
import { ServerProcess } from '../lib/serverProcess.ts';
import { fmt, mib, summarize } from '../lib/stats.ts';

const WORKERS = 2;
const GIB = 1024 ** 3;
/** File descriptors the server needs besides its sockets (stdio, SQLite, epoll, ...). */
const FD_HEADROOM = 100;

/**
 * Figure 3: the server's memory idle and with many connected screens (rooms of one
 * facilitator and 12 screens), and what every screen receives while 1,200 join one room.
 */
export const capacityFigure: Figure = {
  id: '3',
  title: 'Capacity: memory per screen, views while a room fills',
  async run({ quick, log }) {
    const joinCount = quick ? 150 : 1_200;
    const wanted = quick ? [600, 1_000] : [12_000, 20_000];
    const fdCap = openFilesLimit() - FD_HEADROOM;
    const levels = wanted.map((count) => Math.min(count, fdCap));
    const settleMs = quick ? 500 : 3_000;
    const [server, pool] = await Promise.all([ServerProcess.start(), LoadPool.start(WORKERS)]);
    try {
      await sleep(settleMs);
      const idle = server.rssBytes();

      // A hall fills: every screen counts the views it gets while the others arrive.
      const hall = roomSockets(await createGroup(server.url, 'Hall'), joinCount, [server.url]);
      log(`capacity: ${joinCount} screens joining one room`);
      const joinStarted = sharedNow();
      await pool.connect(hall.sockets, { concurrency: 50 });
      const joinSeconds = (sharedNow() - joinStarted) / 1000;
      await sleep(quick ? 1_200 : 2_500);
      const views = summarize(await pool.viewCounts());
      const viewBound = Math.ceil(joinSeconds) + 3;

      let connected = hall.sockets.length;
      const memory: Array<{ wanted: number; sockets: number; rss: number; perSecond: number }> = [];
      for (const [index, level] of levels.entries()) {
        // Rooms of 13 sockets, the last one smaller so the level is exact.
        const missing = level - connected;
        const groups = await createGroups(server.url, Math.ceil(missing / 13));
        const sockets = groups.flatMap((group, room) => {
          const size = Math.min(13, missing - room * 13);
          return roomSockets(group, size - 1, [server.url]).sockets;
        });
        log(
          `capacity: connecting ${sockets.length} more sockets (to ${connected + sockets.length})`,
        );
        const connectStarted = sharedNow();
        await pool.connect(sockets, { concurrency: 50 });
        const perSecond = sockets.length / ((sharedNow() - connectStarted) / 1000);
        connected += sockets.length;
        await sleep(settleMs);
        memory.push({
          wanted: wanted[index] ?? level,
          sockets: connected,
          rss: server.rssBytes(),
          perSecond,
        });
      }
      const top = memory[memory.length - 1];
      if (!top) throw new Error('no level measured');
      const perSocket = (top.rss - idle) / top.sockets;
      const at20k = idle + perSocket * 20_000;
      const capped = levels.some((level, index) => level < (wanted[index] ?? 0));
      const memoryRows = [
        ['idle', '0', mib(idle), '–', '–'],
        ...memory.map((level) => [
          level.sockets < level.wanted
            ? `${level.wanted.toLocaleString('en-US')} (capped)`
            : level.wanted.toLocaleString('en-US'),
          level.sockets.toLocaleString('en-US'),
          mib(level.rss),
          `${fmt((level.rss - idle) / level.sockets / 1024, 1)} KiB`,
          `${fmt(level.perSecond, 0)}/s`,
        ]),
      ];
      const details = [
        `One server process (${server.label}); ${WORKERS} load worker processes hold the sockets ` +
          '(real socket.io-client over WebSocket, one TCP connection each). Every socket counts ' +
          'as a screen: rooms of one facilitator, one display and 11 members, after one hall of ' +
          `${joinCount.toLocaleString('en-US')}. RSS from /proc/PID/status, ${settleMs / 1000} s after each level is connected.` +
          (capped
            ? ` This machine allows ${(fdCap + FD_HEADROOM).toLocaleString('en-US')} open files per ` +
              'process (hard limit, not raisable here), so the top level is capped to leave the ' +
              `server ${FD_HEADROOM} descriptors of its own; 20,000 is extrapolated from the per-socket cost.`
            : ''),
        '',
        table(
          [
            'screens wanted',
            'sockets connected',
            'server RSS',
            'per socket (over idle)',
            'joins at that level',
          ],
          memoryRows,
        ),
        '',
        `At 20,000 screens: ${top.sockets < 20_000 ? 'extrapolated ' : ''}${mib(at20k)} (target ≤ 1 GiB).`,
        '',
        `**A room fills.** ${joinCount.toLocaleString('en-US')} screens joined one room in ${fmt(joinSeconds, 1)} s ` +
          `(${fmt(joinCount / joinSeconds, 0)}/s) ` +
          `(50 handshakes in flight per worker). Views each screen received from its join until ` +
          `${quick ? 1.2 : 2.5} s after the last join: mean ${fmt(views.mean, 2)}, p99 ${views.p99}, max ${views.max} ` +
          `(${(views.mean * views.count).toLocaleString('en-US', { maximumFractionDigits: 0 })} in all). ` +
          'Presence is coalesced to one update a second per group, so a screen should get its own ' +
          `view plus about one per second of joining: the verdict asks max ≤ ${viewBound} ` +
          '(join seconds, rounded up, + 3).',
      ].join('\n');
      const results: FigureResult[] = [
        {
          id: '3a',
          title: 'Capacity: server RSS at 20,000 screens',
          measured:
            `idle ${mib(idle)}; ${memory.map((level) => `${level.sockets.toLocaleString('en-US')}: ${mib(level.rss)}`).join('; ')}; ` +
            `${fmt(perSocket / 1024, 1)} KiB per socket${top.sockets < 20_000 ? `; 20,000 extrapolated: ${mib(at20k)}` : ''}`,
          target: '≥ 20,000 screens in ≤ 1 GiB',
          holds: quick ? null : at20k <= GIB,
          details,
        },
        {
          id: '3b',
          title: `Views per screen while ${joinCount.toLocaleString('en-US')} join one room`,
          measured: `mean ${fmt(views.mean, 2)}, max ${views.max} (join took ${fmt(joinSeconds, 1)} s)`,
          target: 'O(1): presence coalesced to 1/s',
          holds: views.max <= viewBound,
          details: `See 3a: measured on the same server, before the other rooms connected.`,
        },
      ];
      return results;
    } finally {
      await pool.stop();
      await server.stop();
    }
  },
};
