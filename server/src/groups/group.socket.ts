import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '@balint/shared';
import type { Server, Socket } from 'socket.io';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { RateLimits } from '../rateLimits.ts';
import type { Groups } from './group.service.ts';

/** The typed Socket.IO server and socket of the wire protocol. */
export type GroupServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type GroupSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** What the handshake and the socket handlers need. */
export interface GroupHandlerDeps {
  groups: Groups;
  limits: RateLimits;
  clock: Clock;
  logger: Logger;
  /** The client's address, as rate limits see it. */
  addressOf(socket: GroupSocket): string;
  /** The id of the client build served now, announced in `hello`; undefined while none is. */
  clientBuild(): string | undefined;
}
