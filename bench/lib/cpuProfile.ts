import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The parts of a V8 .cpuprofile (as `node --cpu-prof` writes it) that self time needs. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** µs, on the machine's monotonic clock (the one `process.hrtime` reads on Linux). */
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Where time goes, in the words of the report. V8 builtins and C++ bindings have no frame of
 * their own: their time is the self time of the JavaScript that called them. So functions whose
 * self time is JSON.stringify count as serialisation, and the SQLite store module (whose
 * functions are thin calls into better-sqlite3's native statements) counts as SQLite.
 */
const FUNCTION_AREAS: Array<[string, RegExp, RegExp]> = [
  ['serialisation (JSON)', /^(encodeAsString|persistedJson|stringify|parse)$/, /./],
  ['views (toView, viewOf)', /^(toView|viewOf|viewsOf)$/, /./],
  [
    'socket writes (writev: loopback TCP, both ends)',
    /^(writev|writeBuffer|writeUtf8String)$/,
    /^$/,
  ],
];
const AREAS: Array<[string, RegExp]> = [
  [
    'Socket.IO / engine.io / ws',
    /node_modules\/(socket\.io[^/]*|engine\.io[^/]*|ws|@socket\.io\/[^/]+)\//,
  ],
  [
    'SQLite (better-sqlite3 and server/src/groups/group.store.ts)',
    /node_modules\/better-sqlite3\/|server\/src\/groups\/group\.store\.ts/,
  ],
  ['XState', /node_modules\/xstate\//],
  ['views (toView, viewOf)', /shared\/src\/view\.ts/],
  ['session rules and time (shared/src)', /shared\/src\//],
  ['server code (server/src)', /server\/src\//],
  ['validation (zod)', /node_modules\/zod\//],
  ['logging (pino)', /node_modules\/(pino|sonic-boom|thread-stream)/],
  ['other packages', /node_modules\//],
  ['Node core (net, streams, timers, http)', /^node:/],
];

export interface AreaTime {
  area: string;
  ms: number;
  share: number;
}

export interface FunctionTime {
  name: string;
  where: string;
  area: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  /** Busy ms in the window (idle excluded). */
  busyMs: number;
  idleMs: number;
  areas: AreaTime[];
  functions: FunctionTime[];
  windowed: boolean;
}

/** The profile of the main thread among those `--cpu-prof` wrote to `dir`. */
export function readMainThreadProfile(dir: string): CpuProfile {
  const files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
  const profiles = files.map(
    (file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile,
  );
  const serverFrames = (profile: CpuProfile) =>
    profile.nodes.filter((node) => node.callFrame.url.includes('server/src')).length;
  const main = profiles.sort((a, b) => serverFrames(b) - serverFrames(a))[0];
  if (!main) throw new Error(`no .cpuprofile in ${dir}`);
  return main;
}

/**
 * Self time by area and by function, over samples between `fromUs` and `toUs` (monotonic µs)
 * if the profile's clock covers them, else over the whole profile. A native frame without a
 * file (a C++ binding) counts for the JavaScript that called it, except JSON's, which is
 * serialisation wherever it is called from.
 */
export function summarizeProfile(
  profile: CpuProfile,
  window: { fromUs: number; toUs: number },
  repoRoot: string,
): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const windowed = window.fromUs >= profile.startTime && window.toUs <= profile.endTime + 1e6;

  const areaCache = new Map<number, string>();
  const areaOf = (id: number): string => {
    const cached = areaCache.get(id);
    if (cached) return cached;
    const node = byId.get(id);
    let area = 'other';
    if (node) {
      const { functionName, url } = node.callFrame;
      if (functionName === '(garbage collector)') area = 'garbage collection';
      else if (functionName === '(program)' || functionName === '(root)')
        area = 'V8 / native, unattributed';
      else if (FUNCTION_AREAS.some(([, name, file]) => name.test(functionName) && file.test(url))) {
        area =
          FUNCTION_AREAS.find(([, name, file]) => name.test(functionName) && file.test(url))?.[0] ??
          'other';
      } else if (!url)
        area = parent.has(id) ? areaOf(parent.get(id) ?? 0) : 'V8 / native, unattributed';
      else area = AREAS.find(([, pattern]) => pattern.test(url))?.[0] ?? 'other';
    }
    areaCache.set(id, area);
    return area;
  };

  const selfUs = new Map<number, number>();
  let idleUs = 0;
  let at = profile.startTime;
  for (let index = 0; index < profile.samples.length; index += 1) {
    at += profile.timeDeltas[index] ?? 0;
    const duration = profile.timeDeltas[index + 1] ?? 0;
    if (windowed && (at < window.fromUs || at > window.toUs)) continue;
    const id = profile.samples[index] ?? 0;
    if (byId.get(id)?.callFrame.functionName === '(idle)') idleUs += duration;
    else selfUs.set(id, (selfUs.get(id) ?? 0) + duration);
  }
  const busyUs = [...selfUs.values()].reduce((sum, us) => sum + us, 0);
  const share = (us: number) => (busyUs > 0 ? us / busyUs : 0);

  const areaUs = new Map<string, number>();
  const functionUs = new Map<string, { name: string; where: string; area: string; us: number }>();
  for (const [id, us] of selfUs) {
    const area = areaOf(id);
    areaUs.set(area, (areaUs.get(area) ?? 0) + us);
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const file = frame.url.startsWith('file://')
      ? relative(repoRoot, new URL(frame.url).pathname)
      : frame.url;
    // tsx-compiled TypeScript has no reliable line numbers in a profile: the file is enough.
    const where = !file
      ? '(native)'
      : file.endsWith('.ts')
        ? file
        : `${file}:${frame.lineNumber + 1}`;
    const name = frame.functionName || '(anonymous)';
    const key = `${name}@${where}`;
    const entry = functionUs.get(key) ?? { name, where, area, us: 0 };
    entry.us += us;
    functionUs.set(key, entry);
  }
  return {
    busyMs: busyUs / 1000,
    idleMs: idleUs / 1000,
    windowed,
    areas: [...areaUs]
      .map(([area, us]) => ({ area, ms: us / 1000, share: share(us) }))
      .sort((a, b) => b.ms - a.ms),
    functions: [...functionUs.values()]
      .map((entry) => ({ ...entry, ms: entry.us / 1000, share: share(entry.us) }))
      .sort((a, b) => b.ms - a.ms),
  };
}
