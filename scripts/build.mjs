// Builds the client (Vite → client/dist) and the server (esbuild → server/dist/main.js), each
// only when its inputs changed: the inputs' hash is stored beside the output (.build-hash).
//   node scripts/build.mjs [client] [server] [--force]
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { planBuild } from './buildPlan.mjs';

const repoRoot = resolve(import.meta.dirname, '..');
const COMMON_INPUTS = [
  'shared/src',
  'shared/package.json',
  'package-lock.json',
  'tsconfig.json',
  'scripts/build.mjs',
  'scripts/buildPlan.mjs',
];
const TARGETS = {
  client: {
    inputs: [
      'client/src',
      'client/public',
      'client/index.html',
      'client/vite.config.ts',
      'client/package.json',
      ...COMMON_INPUTS,
    ],
    output: 'client/dist/index.html',
    build: buildClient,
  },
  server: {
    inputs: ['server/src', 'server/package.json', ...COMMON_INPUTS],
    output: 'server/dist/main.js',
    build: buildServer,
  },
};

async function buildIfChanged(name, target) {
  const output = join(repoRoot, target.output);
  const hashFile = join(dirname(output), '.build-hash');
  const stored = !force && existsSync(output) ? readIfPresent(hashFile) : null;
  const plan = planBuild(hashInputs(target.inputs), stored);
  if (!plan.rebuild) {
    console.log(`${name}: unchanged since the last build (${target.output})`);
    return;
  }
  const started = performance.now();
  try {
    await target.build(plan.hash);
  } catch (error) {
    // The build tool has shown where; a stack trace into its own code would only add noise.
    console.error(`${name}: build failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  writeAtomically(hashFile, `${plan.hash}\n`);
  console.log(`${name}: built ${target.output} in ${Math.round(performance.now() - started)} ms`);
}

/** Every input file, path relative to the repository → sha256 of its content. */
function hashInputs(inputs) {
  const hashes = {};
  for (const input of inputs) {
    const path = join(repoRoot, input);
    if (!existsSync(path)) continue;
    const files = statSync(path).isDirectory()
      ? readdirSync(path, { recursive: true }).map((file) => join(input, file))
      : [input];
    for (const file of files) {
      const absolute = join(repoRoot, file);
      if (!statSync(absolute).isFile()) continue;
      const hash = createHash('sha256').update(readFileSync(absolute)).digest('hex');
      hashes[file.split(sep).join('/')] = hash;
    }
  }
  return hashes;
}

/** The client's build id is the hash of its inputs: same sources, same id, no reload. */
async function buildClient(inputsHash) {
  // The client ships Preact's production build, whatever NODE_ENV the shell (or vitest) set.
  process.env.NODE_ENV = 'production';
  process.env.BALINT_BUILD_ID = inputsHash.slice(0, 16);
  const { build } = await import('vite');
  await build({ root: join(repoRoot, 'client') });
}

// node_modules stay external (better-sqlite3 is native, and npm already installed the rest);
// the workspace's own TypeScript (@balint/shared) is bundled, as tsx compiled it before.
const packagesStayExternal = {
  name: 'packages-stay-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path, kind }) =>
      kind === 'entry-point' || path.startsWith('@balint/') ? undefined : { path, external: true },
    );
  },
};

async function buildServer() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: ['server/src/main.ts'],
    outfile: 'server/dist/main.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    plugins: [packagesStayExternal],
    write: false,
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
}

function readIfPresent(path) {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

// A test may build while another starts the server: readers see the old file or the new one.
function writeAtomically(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

const args = process.argv.slice(2);
const force = args.includes('--force');
const names = args.filter((arg) => arg !== '--force');
for (const name of names) {
  if (!Object.hasOwn(TARGETS, name)) {
    console.error(`build: unknown target "${name}" (client, server)`);
    process.exit(2);
  }
}
for (const name of names.length > 0 ? names : Object.keys(TARGETS)) {
  await buildIfChanged(name, TARGETS[name]);
}
