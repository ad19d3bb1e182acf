import type {
  AttendanceEntry,
  ErrorBody,
  GroupInfoResponse,
  SittingSummary,
  SittingsResponse,
} from '@balint/shared';

/** An answer from the server, or a sentence saying why there is none. */
export type Result<T> = { ok: true; value: T } | { ok: false; message: string; status?: number };

type Fetcher = typeof fetch;

/** The register's HTTP routes for one group, with its facilitator key (never in a URL). */
export interface RegisterApi {
  info(): Promise<Result<GroupInfoResponse>>;
  sittings(): Promise<Result<SittingsResponse>>;
  confirm(sittingId: string, attendance: AttendanceEntry[]): Promise<Result<SittingSummary>>;
  makeStanding(): Promise<Result<null>>;
  forget(name: string): Promise<Result<null>>;
  deleteGroup(): Promise<Result<null>>;
  /** register.csv with times in `timeZone`, as a file's content. */
  csv(timeZone: string): Promise<Result<Blob>>;
}

const UNREACHABLE = 'The server could not be reached. Check the connection and try again.';

async function failure(
  response: Response,
): Promise<{ ok: false; message: string; status: number }> {
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  const message = body?.error?.message ?? `The server answered ${response.status}. Try again.`;
  return { ok: false, message, status: response.status };
}

export function registerApi(code: string, key: string, fetcher: Fetcher = fetch): RegisterApi {
  const base = `/api/groups/${encodeURIComponent(code)}`;
  const call = async <T>(
    path: string,
    init: RequestInit,
    read: (response: Response) => Promise<T>,
  ): Promise<Result<T>> => {
    let response: Response;
    try {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${key}`);
      response = await fetcher(`${base}${path}`, { ...init, headers });
    } catch {
      return { ok: false, message: UNREACHABLE };
    }
    if (!response.ok) return failure(response);
    try {
      return { ok: true, value: await read(response) };
    } catch {
      return { ok: false, message: UNREACHABLE };
    }
  };
  const json = <T>(response: Response) => response.json() as Promise<T>;
  const none = async () => null;
  const put = (body: unknown): RequestInit => ({
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  return {
    info: () => call('', {}, json<GroupInfoResponse>),
    sittings: () => call('/sittings', {}, json<SittingsResponse>),
    confirm: async (sittingId, attendance) => {
      const result = await call(
        `/sittings/${encodeURIComponent(sittingId)}/attendance`,
        put({ attendance }),
        json<{ sitting: SittingSummary }>,
      );
      return result.ok ? { ok: true, value: result.value.sitting } : result;
    },
    makeStanding: () => call('/standing', put({ standing: true }), none),
    forget: (name) => call(`/people/${encodeURIComponent(name)}`, { method: 'DELETE' }, none),
    deleteGroup: () => call('', { method: 'DELETE' }, none),
    csv: (timeZone) =>
      call(`/register.csv?tz=${encodeURIComponent(timeZone)}`, {}, (response) => response.blob()),
  };
}

/** This browser's IANA time zone (the console's), UTC if it cannot tell. */
export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Saves a file the page made (the register as CSV) through the browser's own download. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
