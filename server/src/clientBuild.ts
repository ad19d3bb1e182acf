import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The file in which the client build (client/vite.config.ts) leaves its build id. */
export const BUILD_ID_FILE = '.build-id';

/**
 * The id of the client build in `clientDist`, or undefined while none is built. Read again
 * whenever the file changes, as the pages are: a client rebuilt under a running server is the
 * one it serves, and so the one it announces.
 */
export function clientBuildId(clientDist: string): () => string | undefined {
  const path = join(clientDist, BUILD_ID_FILE);
  let seen: { changedAt: number; id: string | undefined } | null = null;
  return () => {
    try {
      const changedAt = statSync(path).mtimeMs;
      if (seen?.changedAt !== changedAt) {
        const id = readFileSync(path, 'utf8').trim();
        seen = { changedAt, id: id.length > 0 ? id : undefined };
      }
      return seen.id;
    } catch {
      // Not built yet, or being rebuilt this very moment: no build to announce.
      seen = null;
      return undefined;
    }
  };
}
