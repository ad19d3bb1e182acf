import type { GroupLinks } from '@balint/shared';
import { storageKeys, store } from './storage.ts';

/**
 * The group's links. The server's (kept from when the group was created here) point at its
 * PUBLIC_URL, which phones can reach even when this laptop uses localhost; otherwise this
 * page's own origin.
 */
export function groupLinks(code: string, key: string, origin: string): GroupLinks {
  const base = linkOrigin(code, origin);
  return {
    member: `${base}/m/${code}`,
    display: `${base}/d/${code}`,
    facilitator: `${base}/f/${code}#key=${encodeURIComponent(key)}`,
  };
}

/** Where join links should point: the server's public address if known here, else `origin`. */
export function linkOrigin(code: string, origin: string): string {
  return storedOrigin(code) ?? origin;
}

function storedOrigin(code: string): string | null {
  const raw = store.get(storageKeys.links(code));
  if (!raw) return null;
  try {
    const links = JSON.parse(raw) as Partial<GroupLinks>;
    return links.member ? new URL(links.member).origin : null;
  } catch {
    return null;
  }
}
