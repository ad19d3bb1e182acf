// Measures how long until the server answers GET /healthz with 200, five runs, median.
// Not part of `npm test`: run it by hand, e.g.
//   node scripts/measure-start.mjs npm start
//   node scripts/measure-start.mjs node server/dist/main.js
// Each run starts the command on loopback with a data directory holding a few groups, waits
// for /healthz, then SIGKILLs its whole process group (a crash mid-session) before the next.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..');
const command = process.argv.slice(2);
const runs = Number(process.env.RUNS ?? 5);
if (command.length === 0) {
  console.error('usage: node scripts/measure-start.mjs <command> [args...]');
  process.exit(2);
}

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'balint-measure-'));
const url = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  PUBLIC_URL: url,
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  RATE_LIMIT: 'off',
};

try {
  // A warm-up run builds whatever needs building and leaves groups to restore.
  const warmUp = await startAndWait();
  for (let i = 0; i < 3; i += 1) await fetch(`${url}/api/groups`, { method: 'POST' });
  await killGroup(warmUp.child);
  const times = [];
  for (let run = 0; run < runs; run += 1) {
    const { child, ms } = await startAndWait();
    times.push(ms);
    await killGroup(child);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`${command.join(' ')}: ${times.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  console.log(`median ${median.toFixed(0)} ms`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

async function startAndWait() {
  const started = performance.now();
  // Its own process group, so npm, its shell and the server die together.
  const child = spawn(command[0], command.slice(1), {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200) return { child, ms: performance.now() - started };
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 10));
    if (performance.now() - started > 60_000) throw new Error('no answer within 60 s');
  }
}

async function killGroup(child) {
  const exited = new Promise((done) => child.once('exit', done));
  process.kill(-child.pid, 'SIGKILL');
  await exited;
  // The server may outlive npm by a moment: wait until the port is free again.
  for (;;) {
    try {
      await fetch(`${url}/healthz`);
    } catch {
      return;
    }
    await new Promise((done) => setTimeout(done, 10));
  }
}

async function freePort() {
  const probe = createServer();
  await new Promise((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address();
  await new Promise((done) => probe.close(done));
  return port;
}
