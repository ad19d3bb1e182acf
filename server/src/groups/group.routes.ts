import {
  type CreateGroupResponse,
  type GroupInfoResponse,
  isJoinCode,
  MAX_PAYLOAD_BYTES,
  normalizeJoinCode,
} from '@balint/shared';
import { createGroupBodySchema, toApiError } from '@balint/shared/schemas';
import { type NextFunction, type Request, type Response, Router } from 'express';
import { onlyMethods, sendError, sendRateLimited } from '../httpErrors.ts';
import type { RateLimits } from '../rateLimits.ts';
import { GROUP_NOT_FOUND } from './errors.ts';
import type { Groups } from './group.service.ts';
import { registerRoutes } from './register.routes.ts';
import type { Register } from './register.service.ts';
import type { StoredGroup } from './store.ts';

export interface GroupRoutesDeps {
  groups: Groups;
  register: Register;
  limits: RateLimits;
  publicUrl: string;
}

function contentLength(request: Request): number {
  const length = Number(request.headers['content-length'] ?? 0);
  return Number.isFinite(length) ? length : 0;
}

/** True if the request carries a body (which express.json left alone: not JSON). */
function hasBody(request: Request): boolean {
  return contentLength(request) > 0 || request.headers['transfer-encoding'] !== undefined;
}

/**
 * Before the body is read: takes one group creation from the address's allowance (429 if
 * none is left, whatever the body), and gives it back unless the group is created.
 */
export function groupCreationLimit(limits: RateLimits) {
  return async (request: Request, response: Response, next: NextFunction) => {
    const address = request.ip ?? 'unknown';
    const refusal = await limits.takeGroupCreation(address);
    if (refusal) {
      const message = 'Too many groups created from this address. Try again later.';
      sendRateLimited(response, refusal, message);
      return;
    }
    response.once('finish', () => {
      if (response.statusCode !== 201) void limits.refundGroupCreation(address);
    });
    next();
  };
}

/** `/api/groups`: create a group, read a group's public view. */
export function groupRoutes(deps: GroupRoutesDeps): Router {
  const router = Router();

  router.post('/groups', async (request: Request, response: Response) => {
    if (request.body === undefined && contentLength(request) > MAX_PAYLOAD_BYTES) {
      sendError(response, 413, {
        code: 'payload_too_large',
        message: 'The body is larger than 16 KB.',
      });
      return;
    }
    if (request.body === undefined && hasBody(request)) {
      sendError(response, 400, {
        code: 'invalid_request',
        message: 'Send the body as JSON (Content-Type: application/json).',
      });
      return;
    }
    // A POST without a body creates a group with the defaults.
    const parsed = createGroupBodySchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      sendError(response, 400, toApiError(parsed.error, 'invalid_request', 'group'));
      return;
    }
    const { code, facilitatorKey } = await deps.groups.create({
      ...parsed.data,
      name: parsed.data.name ?? '',
    });
    const body: CreateGroupResponse = {
      code,
      facilitatorKey,
      links: {
        facilitator: `${deps.publicUrl}/f/${code}#key=${facilitatorKey}`,
        display: `${deps.publicUrl}/d/${code}`,
        member: `${deps.publicUrl}/m/${code}`,
      },
    };
    response.status(201).json(body);
  });

  /**
   * The group named by `:code`, or null once the answer (429, 404) is sent. A lookup of an
   * unknown code is a failed join: codes cannot be guessed here either.
   */
  const groupOf = async (request: Request, response: Response): Promise<StoredGroup | null> => {
    const address = request.ip ?? 'unknown';
    const refusal = await deps.limits.joinBlocked(address);
    if (refusal) {
      const message = 'Too many unknown codes from this address. Wait a minute and try again.';
      sendRateLimited(response, refusal, message);
      return null;
    }
    const raw = request.params.code;
    const code = typeof raw === 'string' && raw.length <= 32 ? normalizeJoinCode(raw) : '';
    const group = isJoinCode(code) ? await deps.groups.find(code) : null;
    if (!group) {
      await deps.limits.recordFailedJoin(address);
      sendError(response, 404, GROUP_NOT_FOUND);
    }
    return group;
  };

  /** The group, if the request carries its facilitator key (`Authorization: Bearer KEY`). */
  const keyHolderOf = async (request: Request, response: Response) => {
    const group = await groupOf(request, response);
    if (!group) return null;
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (deps.groups.keyMatches(group, bearer)) return group;
    await deps.limits.recordFailedJoin(request.ip ?? 'unknown');
    sendError(response, 403, {
      code: 'forbidden',
      message: 'This needs the facilitator key: Authorization: Bearer KEY.',
    });
    return null;
  };

  router.get('/groups/:code', async (request: Request, response: Response) => {
    const group = await groupOf(request, response);
    if (!group) return;
    const view = await deps.groups.view(group.code, 'public');
    if (!view) {
      sendError(response, 404, GROUP_NOT_FOUND);
      return;
    }
    const body: GroupInfoResponse = {
      code: group.code,
      name: group.name,
      view,
      links: {
        display: `${deps.publicUrl}/d/${group.code}`,
        member: `${deps.publicUrl}/m/${group.code}`,
      },
    };
    response.json(body);
  });

  router.delete('/groups/:code', async (request: Request, response: Response) => {
    const group = await keyHolderOf(request, response);
    if (!group) return;
    await deps.groups.remove(group.code);
    response.status(204).end();
  });
  registerRoutes(router, { groups: deps.groups, register: deps.register, keyHolderOf });
  router.all('/groups', onlyMethods('POST'));
  router.all('/groups/:code', onlyMethods('GET', 'DELETE'));

  router.use((_request: Request, response: Response) => {
    sendError(response, 404, { code: 'not_found', message: 'No such API route.' });
  });

  return router;
}
