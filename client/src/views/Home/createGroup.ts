import type {
  CreateGroupRequest,
  CreateGroupResponse,
  ErrorBody,
  Language,
  PhaseId,
  PlanInput,
} from '@balint/shared';

export interface CreateForm {
  name: string;
  language: Language;
  budgets: Partial<Record<PhaseId, number>>;
  autoAdvance: boolean;
  /** Cases planned for the sitting (1–3); left out, the server plans one. */
  cases?: number;
  /** Keep the group week after week, with a register. */
  standing?: boolean;
}

/** Why no group was created (the page says it in its own language). */
export type CreateProblem =
  | { kind: 'unreachable' }
  | { kind: 'rateLimited' }
  | { kind: 'failed'; status: number };

export type CreateResult =
  | { ok: true; group: CreateGroupResponse }
  | { ok: false; problem: CreateProblem };

/** POSTs a new group in its language. */
export async function createGroup(form: CreateForm, fetcher = fetch): Promise<CreateResult> {
  const plan: PlanInput = {
    budgets: form.budgets,
    autoAdvance: form.autoAdvance,
    ...(form.cases === undefined ? {} : { cases: form.cases }),
  };
  const name = form.name.trim();
  const body: CreateGroupRequest = {
    ...(name ? { name } : {}),
    language: form.language,
    plan,
    ...(form.standing ? { standing: true } : {}),
  };
  let response: Response;
  try {
    response = await fetcher('/api/groups', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, problem: { kind: 'unreachable' } };
  }
  const payload = (await response.json().catch(() => null)) as
    | CreateGroupResponse
    | ErrorBody
    | null;
  if (response.status === 201 && payload && 'code' in payload) return { ok: true, group: payload };
  if (payload && 'error' in payload && payload.error.code === 'rate_limited') {
    return { ok: false, problem: { kind: 'rateLimited' } };
  }
  return { ok: false, problem: { kind: 'failed', status: response.status } };
}

/** Where to go after creating: the console's path and fragment on this page's own origin. */
export function consolePath(group: CreateGroupResponse): string {
  const url = new URL(group.links.facilitator);
  return `${url.pathname}${url.hash || `#key=${encodeURIComponent(group.facilitatorKey)}`}`;
}
