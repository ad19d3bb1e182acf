import type { CreateGroupResponse, GroupInfoResponse, SessionView } from '@balint/shared';

/** POST /api/groups on `baseUrl`. */
export async function createGroup(
  baseUrl: string,
  name = 'Bench group',
): Promise<CreateGroupResponse> {
  const response = await fetch(`${baseUrl}/api/groups`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201) {
    throw new Error(`POST /api/groups: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as CreateGroupResponse;
}

/** Creates `count` groups, a few requests at a time. */
export async function createGroups(
  baseUrl: string,
  count: number,
  parallel = 8,
): Promise<CreateGroupResponse[]> {
  const groups: CreateGroupResponse[] = [];
  for (let index = 0; index < count; index += parallel) {
    const batch = Math.min(parallel, count - index);
    groups.push(
      ...(await Promise.all(
        Array.from({ length: batch }, (_, offset) =>
          createGroup(baseUrl, `Bench ${index + offset}`),
        ),
      )),
    );
  }
  return groups;
}

/** GET /api/groups/:code: the public view, as stored. */
export async function groupView(baseUrl: string, code: string): Promise<SessionView> {
  const response = await fetch(`${baseUrl}/api/groups/${code}`);
  if (!response.ok) throw new Error(`GET /api/groups/${code}: ${response.status}`);
  return ((await response.json()) as GroupInfoResponse).view;
}
