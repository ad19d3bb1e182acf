import { type ChildProcess, fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionView } from '@balint/shared';
import { benchTempDir, exited, freePort, track } from './children.ts';
import { waitFor } from './clock.ts';

/** The bare Socket.IO peer (bareServer.ts) in its own process, serving `view`. */
export class BareServer {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(view: SessionView): Promise<BareServer> {
    const file = join(benchTempDir('bare'), 'view.json');
    writeFileSync(file, JSON.stringify(view));
    const port = await freePort();
    const child = track(
      fork(join(import.meta.dirname, 'bareServer.ts'), [String(port), file], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    const url = `http://127.0.0.1:${port}`;
    await waitFor(
      'the bare server',
      async () => {
        if (child.exitCode !== null) throw new Error('the bare server exited');
        return (await fetch(`${url}/healthz`).catch(() => null))?.ok ? true : undefined;
      },
      20_000,
    );
    return new BareServer(url, child);
  }

  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    await exited(this.child);
  }
}
