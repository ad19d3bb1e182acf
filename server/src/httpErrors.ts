import type { ErrorBody } from '@balint/shared';
import type { Request, Response } from 'express';
import type { Refusal } from './rateLimits.ts';

export function sendError(response: Response, status: number, error: ErrorBody['error']): void {
  response.status(status).json({ error } satisfies ErrorBody);
}

/**
 * The one way to answer 429: `rate_limited`, with `Retry-After` in whole seconds (at least 1),
 * so a well-behaved client waits as long as it must and no longer.
 */
export function sendRateLimited(response: Response, refusal: Refusal, message: string): void {
  response.set('Retry-After', String(Math.max(1, Math.ceil(refusal.retryAfterMs / 1000))));
  sendError(response, 429, { code: 'rate_limited', message });
}

/**
 * For a route's other methods: `405` naming the allowed ones (`OPTIONS` gets them with a
 * `204`). GET routes allow HEAD too, as Express answers it.
 */
export function onlyMethods(...methods: string[]) {
  const allowed = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
  const allow = allowed.join(', ');
  return (request: Request, response: Response) => {
    response.set('Allow', allow);
    if (request.method === 'OPTIONS') {
      response.status(204).end();
      return;
    }
    sendError(response, 405, {
      code: 'invalid_request',
      message: `${request.method} is not allowed here; use ${allow}.`,
    });
  };
}
