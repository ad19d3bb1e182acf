import { isJoinCode, normalizeJoinCode } from '@balint/shared';

/** What the server says about a code: there, gone (404), or no answer it can be sure of. */
export type GroupCheck = 'found' | 'missing' | 'limited' | 'unreachable' | 'failed';

type Fetcher = (url: string) => Promise<Response>;

/** Asks `GET /api/groups/:code` whether the group exists (the code is already well-formed). */
export async function checkGroup(code: string, fetcher: Fetcher = fetch): Promise<GroupCheck> {
  let response: Response;
  try {
    response = await fetcher(`/api/groups/${encodeURIComponent(code)}`);
  } catch {
    return 'unreachable';
  }
  if (response.ok) return 'found';
  if (response.status === 404) return 'missing';
  if (response.status === 429) return 'limited';
  return 'failed';
}

export type JoinResult = { ok: true; path: string } | { ok: false; message: string };

/** Where a typed code leads: the member page of a group that exists, or a sentence saying why not. */
export async function joinTarget(typed: string, fetcher: Fetcher = fetch): Promise<JoinResult> {
  const code = normalizeJoinCode(typed);
  if (!isJoinCode(code)) {
    return { ok: false, message: 'A join code has six letters and digits, like K7M2QX.' };
  }
  const check = await checkGroup(code, fetcher);
  switch (check) {
    case 'found':
      return { ok: true, path: `/m/${code}` };
    case 'missing':
      return {
        ok: false,
        message: `No group has the code ${code}. Check it against the projector and try again.`,
      };
    case 'limited':
      return { ok: false, message: 'Too many codes tried. Wait a minute, then try again.' };
    case 'unreachable':
      return { ok: false, message: 'The server could not be reached. Check the connection.' };
    case 'failed':
      return { ok: false, message: 'The server could not check the code. Try again.' };
    default:
      return check satisfies never;
  }
}
