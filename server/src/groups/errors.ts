import type { ApiError, ErrorCode } from '@balint/shared';

/** A protocol error value. */
export function fail(code: ErrorCode, message: string): ApiError {
  return { code, message };
}

/** The one answer for a code no group has (any more), over HTTP and sockets alike. */
export const GROUP_NOT_FOUND: ApiError = { code: 'not_found', message: 'No group has this code.' };
