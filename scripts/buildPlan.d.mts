/** A build's input files: path (relative to the repository, with `/`) → content hash. */
export type FileHashes = Readonly<Record<string, string>>;

export interface BuildPlan {
  rebuild: boolean;
  /** The inputs' hash, to store beside the output once the build succeeded. */
  hash: string;
}

/** One hash for a build's inputs: every file's path and content hash, in path order. */
export function inputsHash(fileHashes: FileHashes): string;

/** Rebuild when no hash was stored beside the output, or it was built from other inputs. */
export function planBuild(fileHashes: FileHashes, storedHash: string | null): BuildPlan;
