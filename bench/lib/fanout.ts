import { sharedNow, sleep } from './clock.ts';
import type { LoadPool } from './loadPool.ts';
import { nextCommand, type Room } from './rooms.ts';

export interface FanoutResult {
  /** Emit → last screen, ms. */
  latencies: number[];
  /** Emit → ack at the facilitator, ms. */
  ackLatencies: number[];
  refused: number;
  timedOut: number;
  firstError: string | null;
  elapsedMs: number;
}

/** Starts every room's session (not measured), a few at a time. */
export async function startRooms(pool: LoadPool, rooms: Room[], parallel = 20): Promise<void> {
  for (let index = 0; index < rooms.length; index += parallel) {
    await Promise.all(
      rooms.slice(index, index + parallel).map(async (room) => {
        const { ack } = await pool.command(room.facilitatorSid, { type: 'start' });
        if (!ack.ok || ack.revision === null) throw new Error(`start refused: ${ack.error}`);
        room.revision = ack.revision;
      }),
    );
  }
  pool.clearArrivals();
}

/** One command in `room`: resolves with emit → ack and emit → last screen. */
export async function timeCommand(
  pool: LoadPool,
  room: Room,
  timeoutMs = 10_000,
): Promise<{ latency: number; ackLatency: number } | { error: string }> {
  const target = room.revision + 1;
  const lastArrival = pool.lastArrival(room.code, target, timeoutMs);
  // A refusal leaves the waiter pending: it rejects at its timeout; nobody listens then.
  lastArrival.catch(() => undefined);
  let sent: Awaited<ReturnType<LoadPool['command']>>;
  try {
    sent = await pool.command(room.facilitatorSid, nextCommand(room));
  } catch (error) {
    return { error: String(error) };
  }
  const { emitAt, ackAt, ack } = sent;
  if (!ack.ok || ack.revision !== target) {
    if (ack.revision !== null) room.revision = ack.revision;
    return { error: ack.error ?? `revision ${ack.revision}, expected ${target}` };
  }
  room.revision = target;
  try {
    return { latency: (await lastArrival) - emitAt, ackLatency: ackAt - emitAt };
  } catch (error) {
    return { error: String(error) };
  }
}

/**
 * Open-loop load: a command every `1000 / ratePerSecond` ms to the next room that has none
 * in flight, `count` commands in all, stopping at `deadlineMs` whatever happens.
 */
export async function pacedCommands(
  pool: LoadPool,
  rooms: Room[],
  options: { count: number; ratePerSecond: number; deadlineMs: number },
): Promise<FanoutResult> {
  const result: FanoutResult = {
    latencies: [],
    ackLatencies: [],
    refused: 0,
    timedOut: 0,
    firstError: null,
    elapsedMs: 0,
  };
  const startedAt = sharedNow();
  const busy = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const interval = 1000 / options.ratePerSecond;
  let roomIndex = 0;
  for (let sent = 0; sent < options.count; sent += 1) {
    if (sharedNow() - startedAt > options.deadlineMs) break;
    const due = startedAt + sent * interval;
    const wait = due - sharedNow();
    if (wait > 0) await sleep(wait);
    const room = pickFree(rooms, busy, roomIndex);
    if (!room) {
      // Every room still has a command in flight: wait for one instead of queueing.
      await Promise.race(inFlight);
      sent -= 1;
      continue;
    }
    roomIndex = rooms.indexOf(room) + 1;
    busy.add(room.code);
    const task = timeCommand(pool, room).then((outcome) => {
      busy.delete(room.code);
      if ('error' in outcome) {
        if (outcome.error.includes('timed out') || outcome.error.includes('no answer')) {
          result.timedOut += 1;
        } else result.refused += 1;
        result.firstError ??= outcome.error;
      } else {
        result.latencies.push(outcome.latency);
        result.ackLatencies.push(outcome.ackLatency);
      }
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  }
  await Promise.all(inFlight);
  result.elapsedMs = sharedNow() - startedAt;
  return result;
}

function pickFree(rooms: Room[], busy: Set<string>, from: number): Room | undefined {
  for (let offset = 0; offset < rooms.length; offset += 1) {
    const room = rooms[(from + offset) % rooms.length];
    if (room && !busy.has(room.code)) return room;
  }
  return undefined;
}
