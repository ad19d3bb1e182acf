import type { GroupInfoResponse, GroupLinks } from '@balint/shared';
import { useEffect, useState } from 'preact/hooks';
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

type FetchInfo = (url: string) => Promise<Response>;

/**
 * Asks the server for the group's public links (built from its PUBLIC_URL) unless they are
 * already known here, keeps them, and returns their origin; null if it cannot tell.
 */
export async function learnLinkOrigin(
  code: string,
  fetchInfo: FetchInfo = (url) => fetch(url),
): Promise<string | null> {
  const known = storedOrigin(code);
  if (known) return known;
  try {
    const response = await fetchInfo(`/api/groups/${code}`);
    if (!response.ok) return null;
    const body = (await response.json()) as Partial<GroupInfoResponse> | null;
    const member = body?.links?.member;
    if (typeof member !== 'string') return null;
    const origin = new URL(member).origin;
    store.set(storageKeys.links(code), JSON.stringify(body?.links));
    return origin;
  } catch {
    return null;
  }
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

/** Where this page's join links should point; learns the server's public address once. */
export function useLinkOrigin(code: string): string {
  const [origin, setOrigin] = useState(() => linkOrigin(code, location.origin));
  useEffect(() => {
    let current = true;
    learnLinkOrigin(code).then((learned) => {
      if (current && learned) setOrigin(learned);
    });
    return () => {
      current = false;
    };
  }, [code]);
  return origin;
}
