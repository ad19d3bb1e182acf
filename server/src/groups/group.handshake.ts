import { type ApiError, isJoinCode } from '@balint/shared';
import { handshakeLookupSchema, handshakeVersionSchema, toApiError } from '@balint/shared/schemas';
import { fail, GROUP_NOT_FOUND } from './errors.ts';
import type { GroupHandlerDeps, GroupSocket } from './group.socket.ts';

/** A `connect_error` the client can read: `err.data = { code, message, field? }`. */
function joinError(error: ApiError): Error & { data: ApiError } {
  return Object.assign(new Error(error.message), { data: error });
}

/**
 * Socket.IO middleware: the handshake `auth` decides group and role. Refusals are
 * `connect_error`s with `data.code`; each one but `rate_limited` and a protocol version other
 * than the server's (`v`: an old page, not a guess) counts as a failed join.
 */
export function handshake(deps: GroupHandlerDeps) {
  const { groups, limits, logger } = deps;
  return async (socket: GroupSocket, next: (error?: Error) => void): Promise<void> => {
    const address = deps.addressOf(socket);
    const refuse = async (error: ApiError) => {
      const guess = error.code !== 'rate_limited' && error.field !== 'v';
      if (guess) await limits.recordFailedJoin(address);
      logger.debug({ reason: error.code }, 'join refused');
      next(joinError(error));
    };
    try {
      if (await limits.joinBlocked(address)) {
        return await refuse(fail('rate_limited', 'Too many failed attempts. Wait a minute.'));
      }
      const version = handshakeVersionSchema.safeParse(socket.handshake.auth);
      if (!version.success && version.error.issues[0]?.path[0] === 'v') {
        return await refuse(toApiError(version.error, 'invalid_request', 'handshake'));
      }
      const parsed = handshakeLookupSchema.safeParse(socket.handshake.auth);
      if (!parsed.success) {
        return await refuse(toApiError(parsed.error, 'invalid_request', 'handshake'));
      }
      const auth = parsed.data;
      const group = isJoinCode(auth.code) ? await groups.find(auth.code) : null;
      if (!group) return await refuse(GROUP_NOT_FOUND);
      if (auth.role === 'facilitator' && !groups.keyMatches(group, auth.key)) {
        return await refuse(fail('forbidden', 'This facilitator link is not valid.'));
      }
      const member = auth.role === 'member';
      socket.data = { code: group.code, role: auth.role, offer: member && (auth.offer ?? false) };
      if (member && auth.name) socket.data.name = auth.name;
      if (member && auth.device) socket.data.device = auth.device;
      next();
    } catch (error) {
      logger.error({ err: error }, 'handshake failed');
      next(joinError(fail('internal', 'Something went wrong. Try again.')));
    }
  };
}
