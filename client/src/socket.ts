import {
  type ClientToServerEvents,
  type ErrorCode,
  type HandshakeAuth,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
} from '@balint/shared';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

/** The one typed Socket.IO client of the app. */
export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A `connect_error` as the server sends it: `data.code` says why a join was refused. */
export interface ConnectError extends Error {
  data?: { code?: ErrorCode | string; message?: string; field?: string };
}

/** The events a model listens to: the server's plus the socket's own lifecycle. */
export interface IncomingEvents extends ServerToClientEvents {
  connect: () => void;
  disconnect: (reason: string) => void;
  connect_error: (error: ConnectError) => void;
}

/**
 * The part of a socket the models use. The real client satisfies it; tests pass a small fake,
 * so models take it as a dependency instead of creating it.
 */
export interface SessionSocket {
  readonly connected: boolean;
  on<E extends keyof IncomingEvents>(event: E, listener: IncomingEvents[E]): unknown;
  off<E extends keyof IncomingEvents>(event: E, listener: IncomingEvents[E]): unknown;
  emit<E extends keyof ClientToServerEvents>(
    event: E,
    ...args: Parameters<ClientToServerEvents[E]>
  ): unknown;
  connect(): unknown;
  disconnect(): unknown;
}

/**
 * Opens the socket of this page (of `url` if given: tests put a network in between). `auth` is
 * read at every (re)connection, so a changed name or presenter flag only needs a reconnect; it
 * always says which protocol the page speaks (`v`).
 * Retries come fast so screens recover within 3 s.
 */
export function connectSocket(auth: () => HandshakeAuth, url?: string): SessionSocket {
  const options: Partial<ManagerOptions & SocketOptions> = {
    autoConnect: false,
    // WebSocket first: no long-polling requests (nor sticky sessions behind a load balancer);
    // polling stays as the fallback for networks that block WebSockets.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    auth: (send) => send({ ...auth(), v: PROTOCOL_VERSION }),
    reconnectionDelay: 500,
    reconnectionDelayMax: 1000,
    randomizationFactor: 0.3,
    timeout: 5000,
  };
  const socket: AppSocket = url === undefined ? io(options) : io(url, options);
  // socket.io's overloads are wider than this interface; the events used are the same ones.
  return socket as unknown as SessionSocket;
}
