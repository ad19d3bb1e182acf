// Pure: whether a build's output is current, from the hashes of its input files.
import { createHash } from 'node:crypto';

/** One hash for a build's inputs: every file's path and content hash, in path order. */
export function inputsHash(fileHashes) {
  const hash = createHash('sha256');
  for (const path of Object.keys(fileHashes).sort()) {
    hash.update(`${path}\0${fileHashes[path]}\n`);
  }
  return hash.digest('hex');
}

/** Rebuild when no hash was stored beside the output, or it was built from other inputs. */
export function planBuild(fileHashes, storedHash) {
  const hash = inputsHash(fileHashes);
  return { rebuild: storedHash?.trim() !== hash, hash };
}
