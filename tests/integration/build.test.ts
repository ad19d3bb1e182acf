import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FileHashes, inputsHash, planBuild } from '../../scripts/buildPlan.mjs';
import { build, builtServerArgs, SERVER_ENTRY } from '../support/build.ts';
import { eventually, removeDir, tempDir } from './helpers.ts';

const inputs = { 'client/src/main.tsx': 'aa11', 'shared/src/time.ts': 'bb22' };

describe('build only what changed', () => {
  it('rebuilds when no hash is stored beside the output', () => {
    expect(planBuild(inputs, null)).toEqual({ rebuild: true, hash: inputsHash(inputs) });
  });

  it('skips the build when the stored hash is that of the same inputs, in any order', () => {
    const stored = `${planBuild(inputs, null).hash}\n`;
    const reordered = { 'shared/src/time.ts': 'bb22', 'client/src/main.tsx': 'aa11' };
    expect(planBuild(reordered, stored).rebuild).toBe(false);
  });

  it('rebuilds when a file changed, appeared, disappeared or moved', () => {
    const stored = planBuild(inputs, null).hash;
    const changes: FileHashes[] = [
      { ...inputs, 'shared/src/time.ts': 'cc33' },
      { ...inputs, 'client/src/new.ts': 'dd44' },
      { 'client/src/main.tsx': 'aa11' },
      { 'client/src/main.tsx': 'aa11', 'shared/src/clock.ts': 'bb22' },
    ];
    for (const changed of changes) expect(planBuild(changed, stored).rebuild).toBe(true);
  });

  it('says the server is unchanged when built twice from the same sources', () => {
    build('server');
    expect(build('server')).toContain('server: unchanged since the last build');
  });

  it('bundles the workspace source and leaves node_modules packages to Node', () => {
    builtServerArgs();
    const bundle = readFileSync(SERVER_ENTRY, 'utf8');
    expect(bundle).toContain('// shared/src/sessionMachine.ts');
    expect(bundle).toContain('from "better-sqlite3"');
    expect(bundle).not.toContain('node_modules/');
  });
});

describe('the bundled server', () => {
  let serverArgs: string[] = [];
  let child: ChildProcess | undefined;
  let cwd = '';
  beforeAll(() => {
    serverArgs = builtServerArgs();
  });
  afterEach(() => {
    child?.kill('SIGKILL');
    removeDir(cwd);
  });

  it('answers /healthz, finds client/dist from the repository and DATA_DIR from the cwd', async () => {
    // A directory of its own, with a decoy client/dist the server must not serve.
    cwd = tempDir();
    mkdirSync(join(cwd, 'client/dist'), { recursive: true });
    writeFileSync(join(cwd, 'client/dist/index.html'), 'decoy');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const { INIT_CWD: _, ...env } = process.env;
    const started = spawn(process.execPath, serverArgs, {
      cwd,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: 'db', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let output = '';
    started.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    started.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    await eventually(async () => {
      if (started.exitCode !== null) throw new Error(`server exited: ${output}`);
      try {
        return (await fetch(`${url}/healthz`)).status === 200;
      } catch {
        return false;
      }
    }, 15_000);

    const page = await (await fetch(url)).text();
    expect(page).toContain('<title>Balint Timer</title>');
    expect(page).not.toContain('decoy');
    expect(output).toContain(`Data: ${join(cwd, 'db')}`);
    expect(existsSync(join(cwd, 'db'))).toBe(true);
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}
