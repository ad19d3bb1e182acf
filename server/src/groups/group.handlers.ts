import { type CommandAck, MAX_PAYLOAD_BYTES, PROTOCOL_VERSION } from '@balint/shared';
import { commandSchema, toApiError } from '@balint/shared/schemas';
import type { Socket } from 'socket.io';
import { fail } from './errors.ts';
import { handshake } from './group.handshake.ts';
import type { GroupHandlerDeps, GroupServer } from './group.socket.ts';
import type { Audience } from './group.views.ts';

/** A join the store could not take is tried again after this, doubling up to the max. */
const JOIN_RETRY_FIRST_MS = 250;
const JOIN_RETRY_MAX_MS = 4000;

/** Socket.IO rooms: everyone in a group, facilitators only, everyone else. */
export const rooms = {
  group: (code: string) => `g:${code}`,
  audience: (code: string, audience: Audience) => `g:${code}:${audience}`,
};

/** The trailing function of an event's arguments, if the client asked for an answer. */
function ackOf(args: unknown[]): ((answer: unknown) => void) | null {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as (answer: unknown) => void) : null;
}

/** Bytes of a payload as JSON; binary counts as its JSON form, which is larger. */
function sizeOf(payload: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? '');
  } catch {
    // Not serialisable (cannot come off the wire as such): let the schema refuse it.
    return 0;
  }
}

/**
 * Every socket: the handshake decides group and role; `hello` says which protocol and client
 * build the server has (a page open across an upgrade reloads itself); then commands, clock,
 * presence.
 */
export function registerGroupHandlers(io: GroupServer, deps: GroupHandlerDeps): void {
  const { groups, limits, clock, logger } = deps;

  io.use(handshake(deps));

  io.on('connection', (socket) => {
    const { code, role } = socket.data;
    const build = deps.clientBuild();
    socket.emit('hello', { protocol: PROTOCOL_VERSION, ...(build ? { build } : {}) });
    const audience: Audience = role === 'facilitator' ? 'facilitator' : 'public';
    // Listeners go in place synchronously, before the client's first event can arrive.
    socket.join([rooms.group(code), rooms.audience(code, audience)]);
    const { name, device, offer } = socket.data;
    const attendee = { role, offer, ...(name ? { name } : {}), ...(device ? { device } : {}) };
    const currentView = async () => (await groups.view(code, audience)) ?? undefined;
    const join = async (): Promise<void> => {
      await groups.join(code, socket.id, attendee);
      const view = await groups.view(code, audience);
      if (view) {
        socket.emit('session', view);
      } else {
        socket.emit('expired');
        socket.disconnect(true);
      }
    };
    // The store unreachable for a moment (Redis restarting) must not strand a screen: it stays
    // connected and is joined again shortly, until the store answers or it leaves.
    const joinUntilDone = async (waitMs: number): Promise<void> => {
      try {
        await join();
      } catch (error) {
        logger.error({ err: error, code }, 'screen not joined yet; trying again');
        // Real time, not the session clock: this waits for the store, not for the session.
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        if (socket.connected) await joinUntilDone(Math.min(waitMs * 2, JOIN_RETRY_MAX_MS));
      }
    };
    const joined = joinUntilDone(JOIN_RETRY_FIRST_MS);
    logger.debug({ code, role }, 'screen joined');
    socket.on('disconnect', () => {
      joined
        .then(() => groups.leave(code, socket.id))
        .catch((error: unknown) => logger.error({ err: error, code }, 'screen not let go'));
    });
    const commandAllowance = limits.commandAllowance();

    // Listeners take raw arguments: anything can arrive, and everything is checked.
    // A command sent without an ack is applied all the same (the screens hear of it through
    // `session`); only the answer has nowhere to go.
    const onCommand = async (...args: unknown[]) => {
      const ack = ackOf(args);
      const answer = (result: CommandAck) => ack?.(result);
      try {
        if (role !== 'facilitator') {
          const message = 'Only a facilitator can change the session.';
          return answer({
            ok: false,
            error: fail('forbidden', message),
            view: await currentView(),
          });
        }
        if (!commandAllowance.take()) {
          const message = 'Too many commands. Slow down a little.';
          return answer({
            ok: false,
            error: fail('rate_limited', message),
            view: await currentView(),
          });
        }
        const payload = ack && args.length === 1 ? undefined : args[0];
        if (sizeOf(payload) > MAX_PAYLOAD_BYTES) {
          const message = 'A command is at most 16 KB.';
          return answer({
            ok: false,
            error: fail('payload_too_large', message),
            view: await currentView(),
          });
        }
        const parsed = commandSchema.safeParse(payload);
        if (!parsed.success) {
          const error = toApiError(parsed.error, 'invalid_command', 'command');
          return answer({ ok: false, error, view: await currentView() });
        }
        const result = await groups.command(code, parsed.data);
        logger.debug({ code, command: parsed.data.type, ok: result.ok }, 'command');
        answer(result);
      } catch (error) {
        logger.error({ err: error, code }, 'command failed');
        answer({ ok: false, error: fail('internal', 'Something went wrong. Try again.') });
      }
    };
    const onClock = (...args: unknown[]) => {
      const ack = ackOf(args);
      if (!ack) return;
      const clientTime = args.length > 1 ? args[0] : undefined;
      if (typeof clientTime !== 'number' || !Number.isFinite(clientTime)) {
        ack({ ok: false, error: fail('invalid_request', 'clock takes your time in epoch ms.') });
        return;
      }
      ack(clock.now());
    };
    // Socket.IO's typed `on` wants the protocol's signatures; ours accept anything.
    (socket as Socket).on('command', onCommand);
    (socket as Socket).on('clock', onClock);
    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (event === 'command' || event === 'clock') return;
      ackOf(args)?.({ ok: false, error: fail('invalid_request', 'Unknown event.') });
    });
  });
}
