import { isJoinCode, normalizeJoinCode } from '@balint/shared';

export type Route =
  | { page: 'home' }
  | { page: 'facilitator' | 'display' | 'member' | 'register'; code: string }
  | { page: 'notFound' };

const PAGES = { f: 'facilitator', d: 'display', m: 'member' } as const;

/** The page a path asks for: `/`, `/f/CODE`, `/f/CODE/register`, `/d/CODE`, `/m/CODE`. */
export function routeOf(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'home' };
  const register = /^\/f\/([^/]+)\/register\/?$/.exec(pathname);
  if (register) {
    const code = normalizeJoinCode(decodeURIComponent(register[1] ?? ''));
    return isJoinCode(code) ? { page: 'register', code } : { page: 'notFound' };
  }
  const match = /^\/([fdm])\/([^/]+)\/?$/.exec(pathname);
  if (!match) return { page: 'notFound' };
  const code = normalizeJoinCode(decodeURIComponent(match[2] ?? ''));
  if (!isJoinCode(code)) return { page: 'notFound' };
  return { page: PAGES[match[1] as keyof typeof PAGES], code };
}
