import { build } from '../support/build.ts';
import { ServerProcess as ChildServer } from '../support/serverProcess.ts';

export { removeDir, tempDir } from '../support/dirs.ts';
export { freePort, repoRoot } from '../support/serverProcess.ts';
export { eventually } from '../support/wait.ts';

/** Builds client/dist if its sources changed, so the browser tests the client as it is now. */
export function buildClient(): void {
  build('client');
}

/** The real server as `npm start` runs it, on loopback, rate limits off. */
export class ServerProcess extends ChildServer {
  constructor(port: number, dataDir: string) {
    super({ port, dataDir });
  }
}
