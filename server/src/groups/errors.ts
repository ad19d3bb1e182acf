import type { ApiError, ErrorCode } from '@balint/shared';

/** A protocol error value. */
export function fail(code: ErrorCode, message: string): ApiError {
  return { code, message };
}
