import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Why the database in `dataDir` could not be opened, in words an operator can act on: the
 * path is a file, its file system is read-only, permission is denied; else the error itself.
 */
export function dataDirProblem(dataDir: string, error: unknown): string {
  let path = dataDir;
  // The directory itself, or the nearest parent that exists (where it would be created).
  for (;;) {
    try {
      if (!statSync(path).isDirectory()) return `${path} is a file, not a directory`;
      accessSync(path, constants.W_OK);
      break;
    } catch (problem) {
      const code = (problem as NodeJS.ErrnoException).code;
      if (code === 'EROFS') return `${path} is on a read-only file system`;
      if (code === 'EACCES' || code === 'EPERM') return `${path} is not writable by this user`;
      const parent = dirname(path);
      if (code !== 'ENOENT' || parent === path) break;
      path = parent;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
