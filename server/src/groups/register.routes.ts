import type { ErrorBody, SittingSummary } from '@balint/shared';
import {
  attendanceBodySchema,
  attendeeNameSchema,
  standingBodySchema,
  timeZoneSchema,
  toApiError,
} from '@balint/shared/schemas';
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { onlyMethods, sendError } from '../httpErrors.ts';
import type { Groups } from './group.service.ts';
import type { Register } from './register.service.ts';
import type { StoredGroup } from './store.ts';

export interface RegisterRoutesDeps {
  groups: Groups;
  register: Register;
  /** The group, if the request carries its key; otherwise null, with 403 (or 404, 429) sent. */
  keyHolderOf(request: Request, response: Response): Promise<StoredGroup | null>;
}

/** What a validated body or parameter came to; the 400 is sent if it failed. */
function parsed<T extends z.ZodType>(
  response: Response,
  schema: T,
  value: unknown,
  what: string,
  field?: string,
): z.infer<T> | null {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const error = toApiError(result.error, 'invalid_request', what);
  sendError(response, 400, field ? { ...error, field } : error);
  return null;
}

/** A JSON body, or null with 400 sent (express.json leaves other bodies alone). */
function jsonBody(request: Request, response: Response): unknown {
  if (request.body !== undefined) return request.body;
  sendError(response, 400, {
    code: 'invalid_request',
    message: 'Send the body as JSON (Content-Type: application/json).',
  });
  return null;
}

const NO_SUCH_SITTING: ErrorBody['error'] = {
  code: 'not_found',
  message: 'This group has no sitting with this id.',
};

/**
 * Standing groups and the register, all for the facilitator key: make a group standing, read
 * its sittings, confirm a sitting's attendance, export the register, forget a person.
 */
export function registerRoutes(router: Router, deps: RegisterRoutesDeps): void {
  const { groups, register, keyHolderOf } = deps;
  // Names and dates: nothing here is kept by a browser's or a proxy's cache.
  const private_ = (response: Response) => response.set('Cache-Control', 'no-store');

  router.put('/groups/:code/standing', async (request: Request, response: Response) => {
    const group = await keyHolderOf(request, response);
    if (!group) return;
    const body = jsonBody(request, response);
    if (body === null || !parsed(response, standingBodySchema, body, 'body')) return;
    if (!(await groups.makeStanding(group.code))) {
      sendError(response, 404, { code: 'not_found', message: 'No group has this code.' });
      return;
    }
    response.json({ standing: true });
  });

  router.get('/groups/:code/sittings', async (request: Request, response: Response) => {
    const group = await keyHolderOf(request, response);
    if (!group) return;
    private_(response);
    response.json(await register.sittings(group));
  });

  router.put(
    '/groups/:code/sittings/:id/attendance',
    async (request: Request, response: Response) => {
      const group = await keyHolderOf(request, response);
      if (!group) return;
      const body = jsonBody(request, response);
      if (body === null) return;
      const valid = parsed(response, attendanceBodySchema, body, 'attendance');
      if (!valid) return;
      const result = await register.confirm(group, String(request.params.id), valid.attendance);
      if (!result.ok) {
        if (result.reason === 'not_standing') {
          sendError(response, 409, {
            code: 'not_allowed_now',
            message: 'Only a standing group keeps attendance. Keep the group for next week first.',
          });
        } else {
          sendError(response, 404, NO_SUCH_SITTING);
        }
        return;
      }
      private_(response);
      response.json({ sitting: result.sitting } satisfies { sitting: SittingSummary });
    },
  );

  router.get('/groups/:code/register.csv', async (request: Request, response: Response) => {
    const group = await keyHolderOf(request, response);
    if (!group) return;
    const tz = request.query.tz ?? 'UTC';
    const timeZone = parsed(response, timeZoneSchema, tz, 'query', 'tz');
    if (!timeZone) return;
    const csv = await register.csv(group, timeZone);
    private_(response);
    response
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="register-${group.code}.csv"`)
      .send(csv);
  });

  router.delete('/groups/:code/people/:name', async (request: Request, response: Response) => {
    const group = await keyHolderOf(request, response);
    if (!group) return;
    const name = parsed(response, attendeeNameSchema, request.params.name, 'name', 'name');
    if (!name) return;
    await register.forget(group, name);
    response.status(204).end();
  });

  router.all('/groups/:code/standing', onlyMethods('PUT'));
  router.all('/groups/:code/sittings', onlyMethods('GET'));
  router.all('/groups/:code/sittings/:id/attendance', onlyMethods('PUT'));
  router.all('/groups/:code/register.csv', onlyMethods('GET'));
  router.all('/groups/:code/people/:name', onlyMethods('DELETE'));
}
