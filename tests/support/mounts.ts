import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { removeDir, tempDir } from './dirs.ts';

// Real file systems for storage faults: a small tmpfs fills up, an ext4 image (loop device)
// holds files that can be made immutable. Mounting needs root (CAP_SYS_ADMIN); tests that
// use these ask `canMount()` first.

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: 'pipe' });
}

let mountable: boolean | null = null;

/** True if this process may mount file systems (root on a machine or in a privileged container). */
export function canMount(): boolean {
  // FAULTS_NO_MOUNT=1 runs the tests as on a machine that cannot mount (injected faults).
  if (process.env.FAULTS_NO_MOUNT) return false;
  if (mountable !== null) return mountable;
  const dir = tempDir('balint-mount-probe-');
  try {
    run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    run('umount', [dir]);
    mountable = true;
  } catch {
    mountable = false;
  }
  removeDir(dir);
  return mountable;
}

export interface Mounted {
  /** The mount point. */
  dir: string;
  unmount(): void;
}

function mounted(dir: string, cleanup: () => void = () => undefined): Mounted {
  return {
    dir,
    unmount: () => {
      try {
        run('umount', [dir]);
      } catch {
        // Still busy (a file open): lazily, so the test run can end.
        run('umount', ['-l', dir]);
      }
      cleanup();
      removeDir(dir);
    },
  };
}

/** A tmpfs of `bytes`, optionally read-only. */
export function mountTmpfs(bytes: number, options: { readOnly?: boolean } = {}): Mounted {
  const dir = tempDir('balint-tmpfs-');
  const flags = [`size=${bytes}`, ...(options.readOnly ? ['ro'] : [])].join(',');
  run('mount', ['-t', 'tmpfs', '-o', flags, 'tmpfs', dir]);
  return mounted(dir);
}

/** Remounts a mount read-only or read-write (it fails while files are open for writing). */
export function remount(dir: string, mode: 'ro' | 'rw'): void {
  run('mount', ['-o', `remount,${mode}`, dir]);
}

/** An ext4 file system of `megabytes` in an image file, on a loop device. */
export function mountExt4(megabytes: number): Mounted {
  const work = tempDir('balint-ext4-');
  const image = join(work, 'disk.img');
  const dir = join(work, 'mnt');
  mkdirSync(dir);
  run('truncate', ['-s', `${megabytes}M`, image]);
  run('mkfs.ext4', ['-q', '-F', image]);
  run('mount', ['-o', 'loop', image, dir]);
  const point = mounted(dir, () => removeDir(work));
  return { dir, unmount: point.unmount };
}

/** Sets or clears the immutable attribute (ext4): writes through open files then fail too. */
export function setImmutable(paths: string[], immutable: boolean): void {
  run('chattr', [immutable ? '+i' : '-i', ...paths]);
}

/** Fills the file system holding `dir` to the last byte; returns the filler file. */
export function fillUp(dir: string): string {
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  // The last, smaller pieces: nothing is left for anyone.
  const byte = Buffer.alloc(512);
  try {
    for (;;) writeSync(fd, byte);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return filler;
}

export function removeFile(path: string): void {
  rmSync(path, { force: true });
}
