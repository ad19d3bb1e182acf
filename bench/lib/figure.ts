/** What every figure gets from the runner. */
export interface FigureContext {
  quick: boolean;
  /** Progress on stderr, so a long run shows where it is. */
  log: (message: string) => void;
}

/** One line of the summary table, and the section that explains it. */
export interface FigureResult {
  /** "1", "2a", ... */
  id: string;
  title: string;
  /** The figure as measured, short: "3.1 / 7.9 / 12.0 ms". */
  measured: string;
  /** The DESIGN target in words. */
  target: string;
  /** true / false against the target; null when there is no verdict (not measured, info). */
  holds: boolean | null;
  /** Markdown for the figure's own section: method, table, notes. */
  details: string;
  /** Filled in by the runner: CPU other processes used while the figure ran, in cores. */
  otherCores?: number;
  benchCores?: number;
}

export interface Figure {
  id: string;
  title: string;
  run: (context: FigureContext) => Promise<FigureResult[]>;
}

/** A markdown table from a header row and body rows. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function verdict(holds: boolean | null): string {
  if (holds === null) return '–';
  return holds ? 'yes' : '**no**';
}
