import { isJoinCode, normalizeJoinCode } from '@balint/shared';

export type Route =
  | { page: 'home' }
  | { page: 'facilitator' | 'display' | 'member'; code: string }
  | { page: 'notFound' };

const PAGES = { f: 'facilitator', d: 'display', m: 'member' } as const;

/** The page a path asks for: `/`, `/f/CODE`, `/d/CODE`, `/m/CODE`. */
export function routeOf(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'home' };
  const match = /^\/([fdm])\/([^/]+)\/?$/.exec(pathname);
  if (!match) return { page: 'notFound' };
  const code = normalizeJoinCode(decodeURIComponent(match[2] ?? ''));
  if (!isJoinCode(code)) return { page: 'notFound' };
  return { page: PAGES[match[1] as keyof typeof PAGES], code };
}
