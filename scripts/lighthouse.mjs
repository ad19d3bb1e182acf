// Lighthouse (mobile, performance) on the three screens of a real group, each run RUNS times
// (3), medians printed and written to test-results/lighthouse.json (each run's full report beside
// it, in test-results/lighthouse/). Not part of `npm test`:
//   node scripts/lighthouse.mjs            # a phase running (what phones show most)
//   STATE=lobby node scripts/lighthouse.mjs
//   PAGES=member RUNS=5 node scripts/lighthouse.mjs
//   PRESET=desktop PAGES=display,console node scripts/lighthouse.mjs   # their real screens
// Builds what changed, starts the built server on loopback (as `npm start` runs it, with a
// temporary DATA_DIR), creates a group and drives it over the protocol, then runs the
// `lighthouse` CLI against Debian's Chromium (CHROME_PATH, /usr/bin/chromium by default).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { io } from 'socket.io-client';

const repoRoot = resolve(import.meta.dirname, '..');
const runs = Number(process.env.RUNS ?? 3);
const state = process.env.STATE ?? 'running';
const only = process.env.PAGES?.split(',');
const preset = process.env.PRESET ?? 'mobile';
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu';
/** On a busy machine Chromium now and then loses a trace (NO_NAVSTART): such a run is redone. */
const MAX_ATTEMPTS = 4;

execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { stdio: 'inherit' });
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const workDir = mkdtempSync(join(tmpdir(), 'balint-lighthouse-'));
const server = spawn(process.execPath, [join(repoRoot, 'server/dist/main.js')], {
  cwd: repoRoot,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    DATA_DIR: join(workDir, 'data'),
    LOG_LEVEL: 'warn',
    RATE_LIMIT: 'off',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

try {
  await healthy();
  const group = await createGroup();
  if (state === 'running') await command(group, 'start');
  const pages = {
    member: group.links.member,
    display: group.links.display,
    console: group.links.facilitator,
  };
  const out = join(repoRoot, 'test-results');
  mkdirSync(join(out, 'lighthouse'), { recursive: true });
  const results = {};
  for (const [name, pageUrl] of Object.entries(pages)) {
    if (only && !only.includes(name)) continue;
    const samples = [];
    for (let run = 1; run <= runs; run += 1) {
      const report = join(out, 'lighthouse', `${name}-${state}-${preset}-${run}.json`);
      const sample = await lighthouse(pageUrl, report);
      samples.push(sample);
      console.log(`${name} run ${run}: ${format(sample)}`);
    }
    results[name] = { median: median(samples), samples };
  }
  console.log(`\nmedians of ${runs} runs (Lighthouse ${preset}, session ${state}):`);
  for (const [name, { median: m }] of Object.entries(results)) {
    console.log(`  ${name.padEnd(8)} ${format(m)}`);
  }
  writeFileSync(
    join(out, 'lighthouse.json'),
    `${JSON.stringify({ state, preset, runs, results }, null, 2)}\n`,
  );
} finally {
  server.kill('SIGTERM');
  rmSync(workDir, { recursive: true, force: true });
}

/** One Lighthouse run; a run Chromium could not complete is tried again. */
async function lighthouse(pageUrl, outputPath, attempt = 1) {
  const bin = join(repoRoot, 'node_modules/.bin/lighthouse');
  const args = [
    pageUrl,
    '--quiet',
    '--only-categories=performance',
    ...(preset === 'mobile' ? [] : [`--preset=${preset}`]),
    `--chrome-flags=${CHROME_FLAGS}`,
    '--output=json',
    `--output-path=${outputPath}`,
  ];
  // A report left by an earlier run must not pass for this one's.
  rmSync(outputPath, { force: true });
  await new Promise((done, fail) => {
    const child = spawn(bin, args, {
      env: { ...process.env, CHROME_PATH: chromePath },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`lighthouse: ${code}`))));
  }).catch((error) => {
    if (attempt >= MAX_ATTEMPTS) throw error;
  });
  let report;
  try {
    report = JSON.parse(readFileSync(outputPath, 'utf8'));
  } catch {
    report = null;
  }
  if (!report || report.runtimeError || report.categories.performance.score === null) {
    if (attempt >= MAX_ATTEMPTS)
      throw new Error(`lighthouse failed: ${report?.runtimeError?.message}`);
    console.log(`  (run failed: ${report?.runtimeError?.code ?? 'no report'}; again)`);
    return lighthouse(pageUrl, outputPath, attempt + 1);
  }
  const audit = (id) => report.audits[id].numericValue;
  return {
    score: report.categories.performance.score,
    cls: audit('cumulative-layout-shift'),
    lcpMs: audit('largest-contentful-paint'),
    fcpMs: audit('first-contentful-paint'),
    tbtMs: audit('total-blocking-time'),
    speedIndexMs: audit('speed-index'),
  };
}

function median(samples) {
  const result = {};
  for (const key of Object.keys(samples[0])) {
    const sorted = samples.map((sample) => sample[key]).sort((a, b) => a - b);
    result[key] = sorted[Math.floor(sorted.length / 2)];
  }
  return result;
}

function format(sample) {
  return [
    `score ${sample.score.toFixed(2)}`,
    `CLS ${sample.cls.toFixed(3)}`,
    `LCP ${Math.round(sample.lcpMs)} ms`,
    `FCP ${Math.round(sample.fcpMs)} ms`,
    `TBT ${Math.round(sample.tbtMs)} ms`,
    `SI ${Math.round(sample.speedIndexMs)} ms`,
  ].join(', ');
}

async function healthy() {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error('the server did not start');
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function createGroup() {
  const response = await fetch(`${url}/api/groups`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Tuesday GP group' }),
  });
  if (response.status !== 201) throw new Error(`create: ${response.status}`);
  return response.json();
}

async function command(group, type) {
  const socket = io(url, {
    auth: { code: group.code, role: 'facilitator', key: group.facilitatorKey },
    transports: ['websocket'],
  });
  try {
    await new Promise((done, fail) => {
      socket.once('session', done);
      socket.once('connect_error', fail);
    });
    const ack = await socket.emitWithAck('command', { type });
    if (!ack.ok) throw new Error(`${type}: ${ack.error.message}`);
  } finally {
    socket.close();
  }
}

async function freePort() {
  const probe = createServer();
  await new Promise((done) => probe.listen(0, '127.0.0.1', done));
  const { port: free } = probe.address();
  await new Promise((done) => probe.close(done));
  return free;
}
