import { writeFileSync } from 'node:fs';
import { type FigureResult, table, verdict } from './figure.ts';
import type { MachineInfo } from './machine.ts';
import { fmt } from './stats.ts';

export interface Report {
  date: Date;
  quick: boolean;
  machine: MachineInfo;
  loadAfter: [number, number, number];
  server: string;
  durationMs: number;
  results: FigureResult[];
  /** Other processes' CPU (cores) when the run started, if it waited for a quiet machine. */
  quietAtStart: number | null;
  /** Figures that threw: id → message. */
  errors: Array<{ id: string; title: string; message: string }>;
}

function cores(value: number | undefined): string {
  return value === undefined ? '' : `${fmt(value, 2)} cores`;
}

function load([one, five, fifteen]: readonly number[]): string {
  return `${fmt(one, 2)} / ${fmt(five, 2)} / ${fmt(fifteen, 2)}`;
}

/** docs/BENCHMARKS.md: the machine, the summary table, then one section per figure. */
export function renderReport(report: Report): string {
  const { machine } = report;
  const summary = table(
    ['#', 'figure', 'measured', 'DESIGN target', 'holds', 'other load'],
    [
      ...report.results.map((result) => [
        result.id,
        result.title,
        result.measured,
        result.target,
        verdict(result.holds),
        cores(result.otherCores),
      ]),
      ...report.errors.map((error) => [
        error.id,
        error.title,
        `error: ${error.message.split('\n')[0]}`,
        '',
        '–',
        '',
      ]),
    ],
  );
  const sections = report.results.map((result) => {
    const load =
      result.otherCores === undefined
        ? ''
        : `\n\n_While this ran, the bench used ${cores(result.benchCores)} and other processes ${cores(result.otherCores)}._`;
    return `## ${result.id}. ${result.title}\n\n${result.details}${load}`;
  });
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${report.quick ? ' -- --quick' : ''}\` on ${report.date.toISOString()} ` +
      `(${fmt(report.durationMs / 60_000, 1)} min). Every figure is measured on this machine in this ` +
      'run; DESIGN.md ("Targets the product is measured against") sets the targets.' +
      (report.quick
        ? ' **A quick run: reduced sizes, no verdicts where the size is not the target’s.**'
        : ''),
    '',
    '## Machine',
    '',
    table(
      ['', ''],
      [
        ['CPU', `${machine.cpuModel}, ${machine.cores} cores`],
        ['memory', `${fmt(machine.memoryGiB, 1)} GiB`],
        ['Node.js', machine.node],
        ['kernel', `Linux ${machine.kernel}`],
        ['open files per process', machine.openFilesLimit],
        ['server', report.server],
        ['load average (1/5/15 min) before', load(machine.loadAverage)],
        ['load average after', load(report.loadAfter)],
      ],
    ),
    '',
    'The server, the load workers and any peer share the same cores and talk over loopback only ' +
      '(127.0.0.1). Load average includes the bench itself. "Other load" in the summary is the CPU ' +
      'that processes outside the bench (other work on this machine) used while that figure ran, ' +
      `sampled from /proc each second, out of ${machine.cores} cores: where it is well above zero, ` +
      'timings are disturbed by it.' +
      (report.quietAtStart === null
        ? ''
        : ` The run waited for a quiet machine first (other load then ${cores(report.quietAtStart)}).`),
    '',
    '## Summary',
    '',
    summary,
    '',
    '**Reading these figures.** Latencies are measured by real socket.io-client sockets in load ' +
      'worker processes on the same machine, so they include the clients’ own work and their ' +
      'competition with the server for the same cores; a server with the machine to itself would ' +
      'do better. Ratios (figure 2) cancel most of that. A figure marked – has no verdict: not ' +
      'measured, informational, or (in a quick run) not at the target’s size.',
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n');
}

export function writeReport(path: string, report: Report): void {
  writeFileSync(path, renderReport(report));
}
