import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { estimateOffset, ServerClock } from '../../../client/src/clock.ts';
import { seededRandom } from '../../support/random.ts';
import { FakeSocket, serveClock } from './fakeSocket.ts';

const TRUE_OFFSET = 12_345;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-25T18:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

function connectedSocket(): FakeSocket {
  const socket = new FakeSocket();
  socket.connected = true;
  return socket;
}

describe('ServerClock', () => {
  it('finds the offset exactly when the path is symmetric', async () => {
    const socket = connectedSocket();
    serveClock(
      socket,
      () => TRUE_OFFSET,
      () => ({ upMs: 40, downMs: 40 }),
    );
    const clock = new ServerClock(socket);
    clock.resync(true);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(clock.synced.value).toBe(true);
    expect(clock.offsetMs.value).toBeCloseTo(TRUE_OFFSET, 6);
    expect(clock.roundTripMs.value).toBe(80);
    expect(clock.now() - Date.now()).toBeCloseTo(TRUE_OFFSET, 6);
    clock.dispose();
  });

  it('stays within a few ms of the truth under 0–100 ms of random, asymmetric jitter', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const random = seededRandom(seed);
      const socket = connectedSocket();
      // Each direction: 2 ms of wire plus up to 100 ms of queueing, drawn independently.
      serveClock(
        socket,
        () => TRUE_OFFSET,
        () => ({ upMs: 2 + Math.round(random() * 100), downMs: 2 + Math.round(random() * 100) }),
      );
      const clock = new ServerClock(socket);
      clock.resync(true);
      await vi.advanceTimersByTimeAsync(2_000);
      const first = Math.abs(clock.offsetMs.value - TRUE_OFFSET);
      expect(first, `seed ${seed}, first burst`).toBeLessThan(50);
      // After a few refreshes the estimate draws on every sample of the last 3 minutes.
      await vi.advanceTimersByTimeAsync(180_000);
      const error = Math.abs(clock.offsetMs.value - TRUE_OFFSET);
      // The error can never exceed half the round trip of the sample used…
      expect(error).toBeLessThanOrEqual((clock.roundTripMs.value ?? 0) / 2);
      // …and keeping only the fastest sample makes it small.
      expect(error, `seed ${seed}`).toBeLessThan(10);
      clock.dispose();
    }
  });

  it('ignores slow, lopsided samples that would drag an average away', () => {
    const samples = [
      { offsetMs: 100, roundTripMs: 20 },
      { offsetMs: 250, roundTripMs: 320 },
      { offsetMs: 102, roundTripMs: 24 },
    ];
    expect(estimateOffset(samples)).toEqual({ offsetMs: 100, roundTripMs: 20 });
    expect(estimateOffset([])).toBeNull();
  });

  it('averages the fastest eighth of the samples', () => {
    const slow = Array.from({ length: 14 }, () => ({ offsetMs: 400, roundTripMs: 300 }));
    const fast = [
      { offsetMs: 96, roundTripMs: 10 },
      { offsetMs: 104, roundTripMs: 12 },
    ];
    expect(estimateOffset([...slow, ...fast])).toEqual({ offsetMs: 100, roundTripMs: 12 });
  });

  it('prefers the sample with the smallest round trip over later ones', async () => {
    const socket = connectedSocket();
    const delays = [
      { upMs: 5, downMs: 5 },
      { upMs: 300, downMs: 10 },
      { upMs: 10, downMs: 200 },
    ];
    let index = 0;
    serveClock(
      socket,
      () => TRUE_OFFSET,
      () => delays[index++ % delays.length] ?? { upMs: 5, downMs: 5 },
    );
    const clock = new ServerClock(socket, { samplesPerBurst: 3 });
    clock.resync(true);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(clock.roundTripMs.value).toBe(10);
    expect(clock.offsetMs.value).toBeCloseTo(TRUE_OFFSET, 6);
    clock.dispose();
  });

  it('moves on when a ping is never answered', async () => {
    const socket = connectedSocket();
    let calls = 0;
    socket.onClock = (_clientTime, ack) => {
      calls += 1;
      if (calls === 1) return; // lost
      setTimeout(() => ack(Date.now() + TRUE_OFFSET), 10);
    };
    const clock = new ServerClock(socket, { samplesPerBurst: 4, ackTimeoutMs: 500 });
    clock.resync(true);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(calls).toBe(4);
    expect(clock.offsetMs.value).toBeCloseTo(TRUE_OFFSET + 5, 6);
    clock.dispose();
  });

  it('does not ping while disconnected (a buffered ping would measure the outage)', async () => {
    const socket = new FakeSocket();
    serveClock(
      socket,
      () => TRUE_OFFSET,
      () => ({ upMs: 5, downMs: 5 }),
    );
    const clock = new ServerClock(socket);
    clock.resync(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(socket.pings()).toBe(0);
    expect(clock.synced.value).toBe(false);
    clock.dispose();
  });

  it('measures again periodically, with few pings, and forgets old samples', async () => {
    const socket = connectedSocket();
    let upMs = 1;
    serveClock(
      socket,
      () => TRUE_OFFSET,
      () => ({ upMs, downMs: 5 }),
    );
    const clock = new ServerClock(socket, {
      samplesPerBurst: 4,
      samplesPerRefresh: 2,
      refreshMs: 30_000,
      maxSampleAgeMs: 60_000,
    });
    clock.resync(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(socket.pings()).toBe(4);
    expect(clock.offsetMs.value).toBe(TRUE_OFFSET - 2);
    // Slower but symmetric pings follow; once the fast, lopsided ones age out, they count.
    upMs = 5;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(socket.pings()).toBe(6);
    expect(clock.offsetMs.value).toBe(TRUE_OFFSET - 2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.pings()).toBe(10);
    expect(clock.offsetMs.value).toBe(TRUE_OFFSET);
    clock.dispose();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.pings()).toBe(10);
  });
});
