import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capacityFigure } from './figures/capacity.ts';
import { clockAgreementFigure } from './figures/clockAgreement.ts';
import { cpuProfileFigure } from './figures/cpuProfile.ts';
import { driftFigure } from './figures/drift.ts';
import { fanoutFigure } from './figures/fanout.ts';
import { pageWeightFigure } from './figures/pageWeight.ts';
import { restartFigure } from './figures/restart.ts';
import { roomRatioFigure } from './figures/roomRatio.ts';
import { scaleOutFigure } from './figures/scaleOut.ts';
import { killAll } from './lib/children.ts';
import { ContentionSampler } from './lib/contention.ts';
import type { Figure, FigureContext, FigureResult } from './lib/figure.ts';
import { openFilesLimit } from './lib/limits.ts';
import { machineInfo } from './lib/machine.ts';
import { type Report, writeReport } from './lib/report.ts';
import { chooseServer, repoRoot } from './lib/serverProcess.ts';

/**
 * `npm run bench` writes docs/BENCHMARKS.md; `npm run bench -- --quick` runs every figure
 * small (under a minute, for CI) and writes to the temp directory unless `--out` is given.
 * `--only 1,5` runs some figures; `--wait-quiet 600` first waits (up to 600 s) until other
 * processes leave the machine nearly idle. Exits 1 only if a figure failed to run, never on a
 * figure.
 */
const FIGURES: Figure[] = [
  fanoutFigure,
  roomRatioFigure,
  capacityFigure,
  scaleOutFigure,
  clockAgreementFigure,
  driftFigure,
  restartFigure,
  pageWeightFigure,
  cpuProfileFigure,
];

interface Options {
  quick: boolean;
  only: string[] | null;
  out: string;
  waitQuietSeconds: number;
}

function parseArgs(argv: readonly string[]): Options {
  const quick = argv.includes('--quick');
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const only = value('--only')?.split(',') ?? null;
  const out =
    value('--out') ??
    (quick ? join(tmpdir(), 'balint-benchmarks-quick.md') : join(repoRoot, 'docs/BENCHMARKS.md'));
  const waitQuietSeconds = Number(value('--wait-quiet') ?? 0);
  return { quick, only, out, waitQuietSeconds };
}

/** Other processes' CPU, in cores, over 10 s windows until it is below `idleCores`. */
async function waitForQuiet(maxSeconds: number, log: (message: string) => void): Promise<number> {
  const idleCores = 0.25;
  const deadline = Date.now() + maxSeconds * 1000;
  for (;;) {
    const sampler = new ContentionSampler();
    await new Promise((done) => setTimeout(done, 10_000));
    const { otherCores } = sampler.stop();
    if (otherCores < idleCores || Date.now() > deadline) return otherCores;
    log(`waiting for a quiet machine: other processes use ${otherCores.toFixed(2)} cores`);
  }
}

const USAGE = `npm run bench -- [--quick] [--only ${FIGURES.map((figure) => figure.id).join(',')}] [--out FILE] [--wait-quiet SECONDS]
  --quick       every figure small (under a minute); writes to the temp directory unless --out
  --only        just these figures, by id
  --out         where the report goes (default: docs/BENCHMARKS.md, or the temp directory if --quick)
  --wait-quiet  first wait (up to this long) for other processes to leave the machine nearly idle`;

async function main(): Promise<number> {
  // Anything else would run every figure and overwrite docs/BENCHMARKS.md.
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const options = parseArgs(process.argv.slice(2));
  let startedAt = Date.now();
  const context: FigureContext = {
    quick: options.quick,
    log: (message) =>
      console.error(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0)}s] ${message}`),
  };
  const quietAtStart =
    options.waitQuietSeconds > 0 ? await waitForQuiet(options.waitQuietSeconds, context.log) : null;
  startedAt = Date.now();
  const limit = openFilesLimit();
  const machine = machineInfo(Number.isFinite(limit) ? limit.toLocaleString('en-US') : 'unlimited');
  // However a figure goes, the whole run stops by itself.
  const watchdog = setTimeout(
    () => {
      console.error('bench: the run took too long; stopping everything.');
      killAll();
      process.exit(1);
    },
    options.quick ? 120_000 : 60 * 60_000,
  );
  watchdog.unref();
  const results: FigureResult[] = [];
  const errors: Report['errors'] = [];
  for (const figure of FIGURES) {
    if (options.only && !options.only.includes(figure.id)) continue;
    context.log(`figure ${figure.id}: ${figure.title}`);
    const sampler = new ContentionSampler();
    try {
      const figureResults = await figure.run(context);
      const { otherCores, benchCores } = sampler.stop();
      results.push(...figureResults.map((result) => ({ ...result, otherCores, benchCores })));
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`figure ${figure.id} failed: ${message}`);
      errors.push({ id: figure.id, title: figure.title, message });
    } finally {
      sampler.stop();
      killAll();
    }
  }
  const report: Report = {
    date: new Date(startedAt),
    quick: options.quick,
    machine,
    loadAfter: machineInfo('').loadAverage,
    server: chooseServer().label,
    durationMs: Date.now() - startedAt,
    results,
    errors,
    quietAtStart,
  };
  writeReport(options.out, report);
  console.error(`bench: wrote ${options.out}`);
  for (const result of results) {
    console.log(
      `${result.id}\t${result.title}\t${result.measured.replaceAll('<br>', '; ')}\t${result.holds ?? '-'}`,
    );
  }
  return errors.length > 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}
main().then(
  (code) => {
    killAll();
    process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    killAll();
    process.exit(1);
  },
);
