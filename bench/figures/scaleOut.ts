import { createGroup, createGroups } from '../lib/api.ts';
import { sharedNow, sleep } from '../lib/clock.ts';
import { type FanoutResult, pacedCommands, startRooms, timeCommand } from '../lib/fanout.ts';
import { type Figure, type FigureResult, table } from '../lib/figure.ts';
import { openFilesLimit } from '../lib/limits.ts';
import { LoadPool } from '../lib/loadPool.ts';
import { RedisServer } from '../lib/redisServer.ts';
import { type Room, roomSockets } from '../lib/rooms.ts';
import { ServerExited, ServerProcess } from '../lib/serverProcess.ts';
import { fmt, fmtMs, mib, summarize } from '../lib/stats.ts';

const TARGET_ADDED_P50_MS = 3;
const GIB = 1024 ** 3;
const RATE_PER_SECOND = 50;
/** Sockets one load worker holds at most (its open-files limit, with room to spare). */
const SOCKETS_PER_WORKER = 12_000;

const TITLE = 'Scale-out: 2 processes on one Redis';
const TARGET = `fan-out p50 + ≤ ${TARGET_ADDED_P50_MS} ms over one process; twice the screens`;

/** +1.20 or −0.35. */
function signed(ms: number): string {
  return `${ms < 0 ? '−' : '+'}${fmt(Math.abs(ms), 2)}`;
}

function notMeasured(reason: string, why = ''): FigureResult[] {
  return [
    {
      id: '4',
      title: TITLE,
      measured: `not measured: ${reason}`,
      target: TARGET,
      holds: null,
      details:
        `Not measured: ${reason}${why ? ` (${why})` : ''}. The figure's code runs as soon as the server serves one group ` +
        'from two processes on one Redis (`REDIS_URL`): it starts `redis-server` on a free loopback ' +
        "port (`--save '' --appendonly no`), two server processes on it, and checks that a group " +
        'created on one is found on the other and that a command on one reaches a screen on the ' +
        'other before it measures.',
    },
  ];
}

/**
 * Figure 4: fan-out with every room's screens split over two server processes on one Redis,
 * against one process in the same run; then both processes holding twice the screens.
 */
export const scaleOutFigure: Figure = {
  id: '4',
  title: TITLE,
  async run(context) {
    if (!RedisServer.installed()) return notMeasured('redis-server is not installed');
    const wanted = context.quick ? 300 : 20_000;
    const screensPerProcess = Math.min(wanted, openFilesLimit() - 100);
    const workers = Math.max(2, Math.ceil((2 * screensPerProcess) / SOCKETS_PER_WORKER));
    const [redis, pool] = await Promise.all([RedisServer.start(), LoadPool.start(workers)]);
    const servers: ServerProcess[] = [];
    try {
      const env = { REDIS_URL: redis.url };
      const started = await Promise.allSettled([0, 1].map(() => ServerProcess.start({ env })));
      for (const outcome of started) {
        if (outcome.status === 'fulfilled') servers.push(outcome.value);
      }
      for (const outcome of started) {
        if (outcome.status === 'fulfilled') continue;
        if (!(outcome.reason instanceof ServerExited)) throw outcome.reason;
        const said = outcome.reason.output.trim().split('\n')[0] ?? '';
        return notMeasured('Redis mode not built', `the server refused REDIS_URL: “${said}”`);
      }
      const [first, second] = servers;
      if (!first || !second) throw new Error('two servers expected');
      const gap = await redisModeGap(pool, first, second);
      if (gap) return notMeasured('Redis mode not built', gap);
      const cappedByFiles = screensPerProcess < wanted;
      const setup = { pool, first, second, screensPerProcess, cappedByFiles };
      return await measureScaleOut(context, setup, await RedisServer.version());
    } finally {
      await pool.stop();
      for (const server of servers) await server.stop();
      await redis.stop();
    }
  },
};

/** Why two processes on one Redis do not yet serve one group, or null if they do. */
async function redisModeGap(
  pool: LoadPool,
  first: ServerProcess,
  second: ServerProcess,
): Promise<string | null> {
  const warning = /REDIS_URL[^\n]*not built[^\n]*/i.exec(first.output())?.[0];
  const group = await createGroup(first.url, 'Probe');
  const found = await fetch(`${second.url}/api/groups/${group.code}`);
  if (found.status === 404) {
    return `a group created on one process is not found on the other${warning ? `; the server says “${warning.trim()}”` : ''}`;
  }
  const { room, sockets } = roomSockets(group, 2, [second.url, first.url]);
  await pool.connect(sockets);
  await startRooms(pool, [room]);
  const outcome = await timeCommand(pool, room, 3_000);
  return 'error' in outcome ? 'a command on one process does not reach screens on the other' : null;
}

/** Paced commands to `roomCount` rooms of 12 whose screens alternate over `urls`. */
async function fanout(
  pool: LoadPool,
  urls: string[],
  options: { roomCount: number; count: number; quick: boolean },
): Promise<FanoutResult> {
  const [firstUrl] = urls;
  if (!firstUrl) throw new Error('no url');
  const groups = await createGroups(firstUrl, options.roomCount);
  const built = groups.map((group) => roomSockets(group, 12, urls));
  // A room's sockets share a worker, so emit and arrivals are stamped by one process.
  const placement = new Map(built.map(({ room }, index) => [room.code, index % 2]));
  await pool.connect(
    built.flatMap(({ sockets }) => sockets),
    { concurrency: 50, placement: (screen) => placement.get(screen.code) ?? 0 },
  );
  const rooms: Room[] = built.map(({ room }) => room);
  await startRooms(pool, rooms);
  await sleep(options.quick ? 300 : 1_500);
  return await pacedCommands(pool, rooms, {
    count: options.count,
    ratePerSecond: RATE_PER_SECOND,
    deadlineMs: 120_000,
  });
}

interface ScaleOutSetup {
  pool: LoadPool;
  first: ServerProcess;
  second: ServerProcess;
  /** What figure 3 asks of one process (capped by this machine's open-files limit). */
  screensPerProcess: number;
  cappedByFiles: boolean;
}

/** The measurement proper, once two processes serve one group (exported to try it out). */
export async function measureScaleOut(
  { quick, log }: Parameters<Figure['run']>[0],
  { pool, first, second, screensPerProcess, cappedByFiles }: ScaleOutSetup,
  redisVersion: string,
): Promise<FigureResult[]> {
  const options = { roomCount: quick ? 5 : 100, count: quick ? 20 : 1_000, quick };
  log(`scale-out: one process, ${options.roomCount} rooms`);
  const single = await ServerProcess.start();
  let one: FanoutResult;
  try {
    one = await fanout(pool, [single.url], options);
  } finally {
    await single.stop();
  }
  log(`scale-out: two processes on Redis, ${options.roomCount} rooms`);
  const two = await fanout(pool, [first.url, second.url], options);
  const oneSummary = summarize(one.latencies);
  const twoSummary = summarize(two.latencies);
  const added = twoSummary.p50 - oneSummary.p50;

  const total = 2 * screensPerProcess;
  log(`scale-out: ${total} screens over both processes`);
  const groups = await createGroups(first.url, Math.ceil(total / 13));
  const sockets = groups
    .flatMap(
      (group, index) => roomSockets(group, 12, [index % 2 === 0 ? first.url : second.url]).sockets,
    )
    .slice(0, total);
  const before = [first.rssBytes(), second.rssBytes()];
  const budgetMs = quick ? 20_000 : 240_000;
  const joinStarted = sharedNow();
  const { connected, failed, firstError } = await pool.connect(sockets, {
    concurrency: 50,
    budgetMs,
    countFailures: true,
  });
  const joinSeconds = (sharedNow() - joinStarted) / 1000;
  await sleep(quick ? 500 : 3_000);
  const rss = [first.rssBytes(), second.rssBytes()];
  // Each process holds half; what one more screen costs it, carried on to its full share.
  const atFullShare = rss.map((bytes, index) => {
    const added = (bytes - (before[index] ?? bytes)) / Math.max(1, connected / 2);
    return bytes + added * Math.max(0, (total - connected) / 2);
  });
  const reachedAll = connected >= total;
  // Screens refused are screens not held: they count against the target.
  const refused = failed > 0;
  const holdsScreens = !refused && Math.max(...atFullShare) <= GIB;
  const rssText = rss.map((bytes) => mib(bytes)).join(' + ');
  const fullText = atFullShare.map((bytes) => mib(bytes)).join(' + ');
  const details = [
    `Redis ${redisVersion} (Debian's redis-server, no persistence) on loopback; two server ` +
      `processes with REDIS_URL; ${pool.size} load worker processes. Fan-out: ` +
      `${options.roomCount} rooms × 12 screens, each room's screens alternating between the two ` +
      'processes and its facilitator on the first; the same load against one process without ' +
      `Redis, in the same run. Commands open-loop at ${RATE_PER_SECOND}/s.`,
    '',
    table(
      ['setup', 'commands', 'emit → last screen p50 / p99 / max'],
      [
        ['one process', String(oneSummary.count), fmtMs(oneSummary, 2)],
        ['two processes on Redis', String(twoSummary.count), fmtMs(twoSummary, 2)],
      ],
    ),
    '',
    `Added to p50: ${signed(added)} ms.`,
    '',
    `Twice the screens: ${total.toLocaleString('en-US')} sockets wanted, half on each process` +
      (cappedByFiles
        ? ` (${screensPerProcess.toLocaleString('en-US')} each: 20,000 is over this machine’s open-files limit per process)`
        : '') +
      `; ${connected.toLocaleString('en-US')} connected in ${fmt(joinSeconds, 0)} s ` +
      `(${fmt(connected / joinSeconds, 0)}/s${reachedAll ? '' : `, stopped at the ${budgetMs / 1000} s budget`})` +
      (failed
        ? `; ${failed.toLocaleString('en-US')} failed to connect (first: ${firstError})`
        : '') +
      '. ' +
      `RSS ${rssText}` +
      (reachedAll
        ? '.'
        : `; at the full share, extrapolated from the per-screen cost: ${fullText}.`),
  ].join('\n');
  return [
    {
      id: '4',
      title: TITLE,
      measured:
        `p50 ${signed(added)} ms (${fmt(oneSummary.p50, 2)} → ${fmt(twoSummary.p50, 2)}); ` +
        `${connected.toLocaleString('en-US')} screens: ${rssText}` +
        (reachedAll ? '' : ` (${total.toLocaleString('en-US')} extrapolated: ${fullText})`) +
        (failed ? `; ${failed.toLocaleString('en-US')} failed to connect` : ''),
      target: TARGET,
      holds: quick ? null : added <= TARGET_ADDED_P50_MS && holdsScreens,
      details,
    },
  ];
}
