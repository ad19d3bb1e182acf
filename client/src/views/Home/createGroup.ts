import type { CreateGroupResponse, ErrorBody, PhaseId, PlanInput } from '@balint/shared';

export interface CreateForm {
  name: string;
  budgets: Partial<Record<PhaseId, number>>;
  autoAdvance: boolean;
  /** Keep the group week after week, with a register. */
  standing?: boolean;
}

export type CreateResult =
  | { ok: true; group: CreateGroupResponse }
  | { ok: false; message: string };

/** POSTs a new group; errors come back as plain sentences. */
export async function createGroup(form: CreateForm, fetcher = fetch): Promise<CreateResult> {
  const plan: PlanInput = { budgets: form.budgets, autoAdvance: form.autoAdvance };
  const body = {
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
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
    return { ok: false, message: 'The server could not be reached. Check the connection.' };
  }
  const payload = (await response.json().catch(() => null)) as
    | CreateGroupResponse
    | ErrorBody
    | null;
  if (response.status === 201 && payload && 'code' in payload) return { ok: true, group: payload };
  if (payload && 'error' in payload) return { ok: false, message: payload.error.message };
  return { ok: false, message: `The server answered ${response.status}. Try again.` };
}

/** Where to go after creating: the console's path and fragment on this page's own origin. */
export function consolePath(group: CreateGroupResponse): string {
  const url = new URL(group.links.facilitator);
  return `${url.pathname}${url.hash || `#key=${encodeURIComponent(group.facilitatorKey)}`}`;
}
