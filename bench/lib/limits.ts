import { execFileSync } from 'node:child_process';

/**
 * The open-files limit a child process gets (every socket is a file descriptor, so this caps
 * the screens one process can hold); read from the shell, since Node does not expose it.
 */
export function openFilesLimit(): number {
  try {
    const soft = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    return soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
