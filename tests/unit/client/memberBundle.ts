import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

export const DIST = join(import.meta.dirname, '../../../client/dist');
const MANIFEST = join(DIST, '.vite/manifest.json');
export const MEMBER_VIEW = 'src/views/Member/MemberPage.tsx';

export function hasBuild(): boolean {
  return existsSync(MANIFEST);
}

/**
 * Every JS and CSS file a member's phone downloads: the entry with its static imports, plus the
 * member view (loaded by route) with its static imports. Dynamic imports of other routes are
 * not followed: the phone never asks for them.
 */
export function memberRouteFiles(): string[] {
  return filesOf(['index.html', MEMBER_VIEW]);
}

/**
 * The member route with one language's words, as a phone that speaks it downloads them: the
 * route, plus that language's dictionary chunk (loaded once the first view names the language).
 */
export function memberRouteFilesIn(language: string): string[] {
  return filesOf(['index.html', MEMBER_VIEW, `src/i18n/${language}.ts`]);
}

/** The files of these manifest entries with their static imports and CSS, each once. */
function filesOf(keys: readonly string[]): string[] {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, ManifestChunk>;
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the manifest`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return [...files];
}

/** Gzipped bytes of each file (level 9, as a server's static compression would). */
export function gzippedSizes(files: readonly string[]): Record<string, number> {
  return Object.fromEntries(
    files.map((file) => [file, gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length]),
  );
}
