import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ServerProcess as ChildServer, repoRoot } from '../support/serverProcess.ts';

export { removeDir, tempDir } from '../support/dirs.ts';
export { freePort, repoRoot } from '../support/serverProcess.ts';
export { eventually } from '../support/wait.ts';

/** Builds client/dist, so the browser tests the client as it is now. */
export function buildClient(): void {
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: join(repoRoot, 'client'),
    // vitest sets NODE_ENV=test, which would build Preact's development code.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'pipe',
  });
}

/** The real server as `npm start` runs it (tsx), on loopback, rate limits off. */
export class ServerProcess extends ChildServer {
  constructor(port: number, dataDir: string) {
    super({ port, dataDir });
  }
}
