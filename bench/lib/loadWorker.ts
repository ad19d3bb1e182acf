import {
  type Command,
  type CommandAck,
  type HandshakeAuth,
  PROTOCOL_VERSION,
  type SessionView,
} from '@balint/shared';
import { io, type Socket } from 'socket.io-client';
import { sharedNow, withTimeout } from './clock.ts';
import type {
  AckSummary,
  ScreenSpec,
  SeenView,
  WorkerMessage,
  WorkerReply,
  WorkerRequest,
} from './loadMessages.ts';

/**
 * A load worker: a child process holding many real socket.io-client sockets, so that the
 * listening side of a benchmark is spread over processes. It stamps every arrival with the
 * shared clock and tells the coordinator when all its screens of a room have a revision.
 */

interface Screen {
  spec: ScreenSpec;
  socket: Socket;
  lastRevision: number;
  views: number;
  lastView: SessionView | null;
  /** Views after `markDown` (a restart), the first few. */
  seenSinceDown: SeenView[] | null;
}

const MAX_SEEN = 8;
const screens = new Map<number, Screen>();
/** Counted screens per room in this worker. */
const countedPerRoom = new Map<string, number>();
/** room → revision → screens that have it so far, and the latest arrival. */
const progress = new Map<string, Map<number, { count: number; at: number }>>();

function send(message: WorkerMessage): void {
  process.send?.(message);
}

function onView(screen: Screen, view: SessionView): void {
  const at = sharedNow();
  screen.views += 1;
  screen.lastView = view;
  if (screen.seenSinceDown && screen.seenSinceDown.length < MAX_SEEN) {
    const { revision, running, phaseBudgetMs, phaseElapsedMs, serverTime } = view;
    screen.seenSinceDown.push({ at, revision, running, phaseBudgetMs, phaseElapsedMs, serverTime });
  }
  if (view.revision <= screen.lastRevision) return;
  screen.lastRevision = view.revision;
  if (!screen.spec.counted) return;
  const code = screen.spec.code;
  const byRevision = progress.get(code) ?? new Map<number, { count: number; at: number }>();
  progress.set(code, byRevision);
  const entry = byRevision.get(view.revision) ?? { count: 0, at: 0 };
  entry.count += 1;
  entry.at = Math.max(entry.at, at);
  byRevision.set(view.revision, entry);
  if (entry.count >= (countedPerRoom.get(code) ?? 0)) {
    byRevision.delete(view.revision);
    send({ type: 'arrived', code, revision: view.revision, at: entry.at });
  }
}

function open(spec: ScreenSpec, reconnect: boolean): Promise<void> {
  // As the pages shake hands: the protocol they speak, and a phone's own id.
  const auth: HandshakeAuth = { code: spec.code, role: spec.role, v: PROTOCOL_VERSION };
  if (spec.key) auth.key = spec.key;
  if (spec.name) auth.name = spec.name;
  if (spec.device) auth.device = spec.device;
  const socket = io(spec.url, {
    forceNew: true,
    transports: ['websocket'],
    auth,
    // As the pages reconnect (client/src/socket.ts).
    reconnection: reconnect,
    reconnectionDelay: 500,
    reconnectionDelayMax: 1000,
    randomizationFactor: 0.3,
    timeout: 20_000,
  });
  const screen: Screen = {
    spec,
    socket,
    lastRevision: -1,
    views: 0,
    lastView: null,
    seenSinceDown: null,
  };
  screens.set(spec.sid, screen);
  if (spec.counted) countedPerRoom.set(spec.code, (countedPerRoom.get(spec.code) ?? 0) + 1);
  return new Promise((resolve, reject) => {
    socket.once('session', () => resolve());
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (!reconnect) socket.close();
      reject(new Error(`${error.message}${error.data?.code ? ` (${error.data.code})` : ''}`));
    });
    socket.on('session', (view: SessionView) => onView(screen, view));
  });
}

async function connectAll(
  specs: ScreenSpec[],
  concurrency: number,
  reconnect: boolean,
  budgetMs: number | null,
): Promise<WorkerReply> {
  const deadline = budgetMs === null ? Number.POSITIVE_INFINITY : Date.now() + budgetMs;
  let next = 0;
  let connected = 0;
  let failed = 0;
  let firstError: string | null = null;
  const lane = async () => {
    while (next < specs.length && Date.now() < deadline) {
      const spec = specs[next++];
      if (!spec) break;
      try {
        await withTimeout(open(spec, reconnect), 30_000, `screen ${spec.sid}`);
        connected += 1;
      } catch (error) {
        failed += 1;
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  const skipped = specs.length - next;
  return { type: 'connected', connected, failed, skipped, firstError };
}

function summarizeAck(ack: CommandAck): AckSummary {
  if (ack.ok) {
    return {
      ok: true,
      revision: ack.view.revision,
      phaseBudgetMs: ack.view.phaseBudgetMs,
      error: null,
    };
  }
  return {
    ok: false,
    revision: ack.view?.revision ?? null,
    phaseBudgetMs: ack.view?.phaseBudgetMs ?? null,
    error: `${ack.error.code}: ${ack.error.message}`,
  };
}

async function command(sid: number, command: Command): Promise<WorkerReply> {
  const screen = screens.get(sid);
  if (!screen) throw new Error(`no socket ${sid} here`);
  const emitAt = sharedNow();
  const ack = (await screen.socket.timeout(10_000).emitWithAck('command', command)) as CommandAck;
  return { type: 'commanded', emitAt, ackAt: sharedNow(), ack: summarizeAck(ack) };
}

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  switch (request.type) {
    case 'connect':
      return connectAll(request.screens, request.concurrency, request.reconnect, request.budgetMs);
    case 'command':
      return command(request.sid, request.command);
    case 'ping':
      return { type: 'pong', now: sharedNow() };
    case 'viewCounts':
      return {
        type: 'viewCounts',
        perScreen: [...screens.values()].filter((s) => s.spec.counted).map((s) => s.views),
      };
    case 'lastView':
      return { type: 'lastView', view: screens.get(request.sid)?.lastView ?? null };
    case 'markDown':
      for (const screen of screens.values()) screen.seenSinceDown = [];
      return { type: 'done' };
    case 'seenSinceDown':
      return {
        type: 'seen',
        perScreen: [...screens.values()]
          .filter((s) => s.spec.counted)
          .map((s) => ({ sid: s.spec.sid, code: s.spec.code, views: s.seenSinceDown ?? [] })),
      };
    default:
      return request satisfies never;
  }
}

process.on('message', (message: { id: number; request: WorkerRequest }) => {
  handle(message.request).then(
    (reply) => send({ id: message.id, reply }),
    (error: unknown) => send({ id: message.id, reply: { type: 'error', message: String(error) } }),
  );
});
// The coordinator going away ends the worker: no orphaned sockets.
process.on('disconnect', () => process.exit(0));
