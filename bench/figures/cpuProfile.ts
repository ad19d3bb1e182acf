import { createGroup } from '../lib/api.ts';
import { benchTempDir } from '../lib/children.ts';
import { sleep } from '../lib/clock.ts';
import { readMainThreadProfile, summarizeProfile } from '../lib/cpuProfile.ts';
import { startRooms, timeCommand } from '../lib/fanout.ts';
import { type Figure, table } from '../lib/figure.ts';
import { LoadPool } from '../lib/loadPool.ts';
import { roomSockets } from '../lib/rooms.ts';
import { repoRoot, ServerProcess } from '../lib/serverProcess.ts';
import { fmt } from '../lib/stats.ts';

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Where the server's CPU goes: `--cpu-prof` while a room of 13 sockets (a facilitator and 12
 * screens) takes 2,000 commands one after another, each waited for at every screen.
 */
export const cpuProfileFigure: Figure = {
  id: 'P',
  title: 'CPU profile of the command path',
  async run({ quick, log }) {
    const commands = quick ? 200 : 2_000;
    const dir = benchTempDir('cpuprof');
    // From source, so frames keep their file names (a bundle would put everything in one).
    const [server, pool] = await Promise.all([
      ServerProcess.start({ fromSource: true, nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir] }),
      LoadPool.start(1),
    ]);
    let window = { fromUs: 0, toUs: 0 };
    let done = 0;
    let failed = 0;
    try {
      const { room, sockets } = roomSockets(await createGroup(server.url, 'Profiled'), 12, [
        server.url,
      ]);
      await pool.connect(sockets);
      await startRooms(pool, [room]);
      await sleep(quick ? 300 : 1_200);
      log(`cpu profile: ${commands} commands`);
      window = { fromUs: monotonicUs(), toUs: 0 };
      const deadline = Date.now() + 120_000;
      for (let index = 0; index < commands && Date.now() < deadline; index += 1) {
        const outcome = await timeCommand(pool, room);
        if ('error' in outcome) failed += 1;
        else done += 1;
      }
      window.toUs = monotonicUs();
    } finally {
      await pool.stop();
      await server.stop();
    }
    const summary = summarizeProfile(readMainThreadProfile(dir), window, repoRoot);
    const seconds = (window.toUs - window.fromUs) / 1e6;
    const details = [
      `The server run from source with \`node --cpu-prof --import tsx server/src/main.ts\` (so ` +
        'frames keep their file names); one room, a facilitator and 12 screens on one load ' +
        `worker; ${done.toLocaleString('en-US')} commands (pause, extend, resume, extend, ...) sent one ` +
        `after another, each waited for at all 12 screens, in ${fmt(seconds, 1)} s ` +
        `(${fmt(done / seconds, 0)} commands/s). Self time ` +
        (summary.windowed
          ? 'of the samples taken during the commands only'
          : 'of the whole profile') +
        ` (\`bench/lib/cpuProfile.ts\` reads the .cpuprofile): ${fmt(summary.busyMs, 0)} ms busy, ` +
        `${fmt(summary.idleMs, 0)} ms idle, ${fmt(summary.busyMs / Math.max(1, done), 3)} ms of CPU per command. ` +
        'V8 builtins and C++ bindings have no frame of their own, so their time is the self time of ' +
        'the JavaScript that called them: serialisation is socket.io-parser’s `encodeAsString` and ' +
        'the server’s `persistedJson` (both JSON.stringify), SQLite includes the store module’s thin ' +
        'calls into better-sqlite3’s native statements, and `writev` is the kernel sending on ' +
        'loopback (which, on loopback, also runs the receiving end’s TCP stack).' +
        (failed ? ` ${failed} commands failed.` : ''),
      '',
      table(
        ['area', 'self ms', 'share'],
        summary.areas.map((area) => [area.area, fmt(area.ms, 0), `${fmt(area.share * 100, 1)} %`]),
      ),
      '',
      'Top functions by self time:',
      '',
      table(
        ['function', 'where', 'area', 'self ms', 'share'],
        summary.functions
          .slice(0, 15)
          .map((fn) => [
            `\`${fn.name}\``,
            `\`${fn.where}\``,
            fn.area,
            fmt(fn.ms, 0),
            `${fmt(fn.share * 100, 1)} %`,
          ]),
      ),
    ].join('\n');
    const top = summary.areas
      .slice(0, 3)
      .map((area) => `${area.area} ${fmt(area.share * 100, 0)} %`)
      .join(', ');
    return [
      {
        id: 'P',
        title: `CPU profile: ${commands.toLocaleString('en-US')} commands to a room of 13`,
        measured: `${fmt(summary.busyMs / Math.max(1, done), 3)} ms CPU per command; ${top}`,
        target: '(no target: where the time goes)',
        holds: null,
        details,
      },
    ];
  },
};
