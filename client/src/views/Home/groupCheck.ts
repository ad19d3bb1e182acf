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

/** Why a typed code leads nowhere (said in the page's language by the page). */
export type JoinProblem =
  | { kind: 'malformed' }
  | { kind: 'missing'; code: string }
  | { kind: Exclude<GroupCheck, 'found' | 'missing'> };

export type JoinResult = { ok: true; path: string } | { ok: false; problem: JoinProblem };

/** Where a typed code leads: the member page of a group that exists, or why not. */
export async function joinTarget(typed: string, fetcher: Fetcher = fetch): Promise<JoinResult> {
  const code = normalizeJoinCode(typed);
  if (!isJoinCode(code)) return { ok: false, problem: { kind: 'malformed' } };
  const check = await checkGroup(code, fetcher);
  if (check === 'found') return { ok: true, path: `/m/${code}` };
  if (check === 'missing') return { ok: false, problem: { kind: 'missing', code } };
  return { ok: false, problem: { kind: check } };
}
