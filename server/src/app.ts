import { createServer, type Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { MAX_PAYLOAD_BYTES } from '@balint/shared';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Server, type ServerOptions } from 'socket.io';
import { clientBuildId } from './clientBuild.ts';
import type { Clock } from './clock.ts';
import { registerGroupHandlers, rooms } from './groups/group.handlers.ts';
import { groupCreationLimit, groupRoutes } from './groups/group.routes.ts';
import { createGroups, type Groups } from './groups/group.service.ts';
import type { GroupServer } from './groups/group.socket.ts';
import { createRegister } from './groups/register.service.ts';
import { type GroupStore, HEARTBEAT_INTERVAL_MS } from './groups/store.ts';
import { onlyMethods } from './httpErrors.ts';
import type { Logger } from './logger.ts';
import { pageRoutes } from './pages.ts';
import { createRateLimits, type LimiterStore } from './rateLimits.ts';
import { clientAddress, hostOf, sameOrigin, securityHeaders } from './security.ts';

export interface AppDeps {
  store: GroupStore;
  clock: Clock;
  logger: Logger;
  /** Base of the join links, e.g. http://192.168.1.20:3000; no trailing slash. */
  publicUrl: string;
  /** Where the built client lives (client/dist); it may not exist yet. */
  clientDist: string;
  /**
   * The client build announced to every screen (`hello.build`); by default the id the client
   * build left in `clientDist`. BUILD_ID sets it, e.g. to make every open page reload.
   */
  clientBuild?: string;
  /** GROUP_TTL_HOURS in ms. */
  groupTtlMs?: number;
  /** STANDING_TTL_DAYS in ms (400 days). */
  standingTtlMs?: number;
  /** RATE_LIMIT: false turns the limits off. */
  rateLimit?: boolean;
  /** TRUST_PROXY: false, true or a hop count. */
  trustProxy?: boolean | number;
  /** How often idle groups are swept; every minute by default, more often for short TTLs. */
  sweepIntervalMs?: number;
  /** Presence updates per group are coalesced to one per this window (1 s). */
  presenceWindowMs?: number;
  /**
   * Scale-out: the Socket.IO adapter that carries broadcasts and disconnects to every process
   * (Redis streams). Socket.IO's in-memory adapter by default: this process only.
   */
  adapter?: ServerOptions['adapter'];
  /** Scale-out: where failed joins and group creations are counted; this process's memory by default. */
  limiterStore?: LimiterStore;
}

export interface App {
  http: HttpServer;
  io: GroupServer;
  groups: Groups;
  /** Stops sweeping, drops every connection and closes the HTTP server; not the store. */
  close(): Promise<void>;
}

/** Room for a Socket.IO frame's envelope (event name, ack id) around a 16 KB payload. */
const SOCKET_BUFFER_BYTES = MAX_PAYLOAD_BYTES + 8 * 1024;
const DAY_MS = 86_400_000;

/** Express and Socket.IO on one HTTP server over the store; does not listen. */
export async function createApp(deps: AppDeps): Promise<App> {
  const { store, clock, logger } = deps;
  const trustProxy = deps.trustProxy ?? false;
  const limits = createRateLimits(deps.rateLimit ?? true, () => clock.now(), deps.limiterStore);
  const originPolicy = { publicHost: hostOf(deps.publicUrl), trustProxy };
  const groupTtlMs = deps.groupTtlMs ?? DAY_MS;

  const app = express();
  app.set('trust proxy', trustProxy);
  app.use(securityHeaders());
  // Phones on a busy room Wi-Fi: the member page is ~30 KB gzipped, ~80 KB without.
  app.use(compression());
  const http = createServer(app);
  http.on('clientError', answerClientError);
  const io: GroupServer = new Server(http, {
    maxHttpBufferSize: SOCKET_BUFFER_BYTES,
    allowRequest: (request, callback) => callback(null, sameOrigin(request, originPolicy)),
    serveClient: false,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });

  const groups = createGroups({
    store,
    clock,
    logger,
    groupTtlMs,
    standingTtlMs: deps.standingTtlMs,
    presenceWindowMs: deps.presenceWindowMs,
    broadcaster: {
      session: (code, views) => {
        io.to(rooms.audience(code, 'facilitator')).emit('session', views.facilitator);
        io.to(rooms.audience(code, 'public')).emit('session', views.public);
      },
      expired: (code) => {
        io.to(rooms.group(code)).emit('expired');
        io.in(rooms.group(code)).disconnectSockets(true);
      },
    },
  });

  app.get('/healthz', (_request, response) => {
    response.json({ ok: true });
  });
  app.all('/healthz', onlyMethods('GET'));
  // Only groups actually created count, but over the limit 429 comes before the body is read.
  app.post('/api/groups', groupCreationLimit(limits));
  app.use('/api', express.json({ limit: '16kb' }));
  const register = createRegister({ store, logger });
  app.use('/api', groupRoutes({ groups, register, limits, publicUrl: deps.publicUrl }));
  app.use(pageRoutes(deps.clientDist));
  app.use((_request: Request, response: Response) => {
    response.status(404).json({ error: { code: 'not_found', message: 'Not found.' } });
  });
  app.use(errorHandler(logger));

  registerGroupHandlers(io, {
    groups,
    limits,
    clock,
    logger,
    addressOf: (socket) =>
      clientAddress(socket.handshake.address, socket.handshake.headers, trustProxy),
    clientBuild: deps.clientBuild ? () => deps.clientBuild : clientBuildId(deps.clientDist),
  });

  // Nothing is loaded at start: groups are read from the store when their screens come back,
  // caught up from timestamps (a running phase kept running, auto-advances replayed).
  const heartbeat = () =>
    groups.heartbeat().catch((error: unknown) => logger.error({ err: error }, 'heartbeat failed'));
  const sweep = () =>
    groups.sweep().catch((error: unknown) => logger.error({ err: error }, 'sweep failed'));
  await heartbeat();
  await sweep();
  const sweeper = setInterval(sweep, deps.sweepIntervalMs ?? sweepIntervalFor(groupTtlMs));
  sweeper.unref();
  const beater = setInterval(heartbeat, HEARTBEAT_INTERVAL_MS);
  beater.unref();

  return {
    http,
    io,
    groups,
    close: async () => {
      clearInterval(sweeper);
      clearInterval(beater);
      await groups.close();
      // Closing the transports (not a Socket.IO disconnect) lets clients reconnect by
      // themselves to the next process.
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
    },
  };
}

/** Every minute; a TTL shorter than 4 minutes is swept 4 times a TTL, at most once a second. */
function sweepIntervalFor(groupTtlMs: number): number {
  return Math.min(60_000, Math.max(1000, Math.floor(groupTtlMs / 4)));
}

/**
 * What Node refuses before Express sees it (headers over 16 KB, a request that is not HTTP)
 * still gets the protocol's JSON error body.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // As Node's own handler does: never write into a response already under way on this socket.
  const ongoing = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || ongoing?.headersSent) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const body = JSON.stringify({
    error: tooLarge
      ? { code: 'payload_too_large', message: 'The request headers are larger than 16 KB.' }
      : { code: 'invalid_request', message: 'This is not a well-formed HTTP request.' },
  });
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Body-parser failures become protocol errors; anything else is logged and sanitised. */
function errorHandler(logger: Logger) {
  return (error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    const type = (error as { type?: unknown } | null)?.type;
    if (type === 'entity.too.large') {
      response.status(413).json({
        error: { code: 'payload_too_large', message: 'The body is larger than 16 KB.' },
      });
      return;
    }
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message =
        type === 'entity.parse.failed' ? 'The body is not valid JSON.' : 'Bad request.';
      response.status(status === 404 ? 404 : 400).json({
        error: { code: status === 404 ? 'not_found' : 'invalid_request', message },
      });
      return;
    }
    logger.error({ err: error }, 'request failed');
    response.status(500).json({ error: { code: 'internal', message: 'Something went wrong.' } });
  };
}
