import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');
export const SERVER_ENTRY = join(repoRoot, 'server/dist/main.js');

/** Runs `scripts/build.mjs` (as `npm start` does): each target is rebuilt only if its inputs changed. */
export function build(...targets: ('client' | 'server')[]): string {
  return execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), ...targets], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: 'pipe',
  });
}

/** Node's arguments to run the server as `npm start` does, built from the current sources. */
export function builtServerArgs(): string[] {
  build('server');
  return ['--enable-source-maps', SERVER_ENTRY];
}
