import type { ClockView } from '@balint/shared';
import { signal } from '@preact/signals-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServerClock } from '../../../client/src/clock.ts';
import { CountdownModel } from '../../../client/src/models/countdown.ts';
import { FakeSocket, serveClock } from './fakeSocket.ts';

/**
 * The device's wall clock steps (network time, a laptop waking up) while the server's does not.
 * Fake timers play the device: `vi.setSystemTime` steps `Date` and leaves `performance.now()`
 * running on, as a real step does. `stepped` tracks the step, so the fake server keeps true time.
 */
const TRUE_OFFSET = 12_345;
const T0 = Date.parse('2026-11-25T18:00:00Z');
let stepped = 0;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  stepped = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

function stepWallClock(ms: number): void {
  stepped += ms;
  vi.setSystemTime(Date.now() + ms);
}

/** The server's epoch ms now: the device's true time plus the offset. */
function serverNow(): number {
  return Date.now() - stepped + TRUE_OFFSET;
}

function syncedClock(delays = { upMs: 20, downMs: 20 }): {
  clock: ServerClock;
  socket: FakeSocket;
} {
  const socket = new FakeSocket();
  socket.connected = true;
  serveClock(
    socket,
    () => TRUE_OFFSET - stepped,
    () => delays,
  );
  const clock = new ServerClock(socket);
  clock.resync(true);
  return { clock, socket };
}

describe('ServerClock when the device’s wall clock steps', () => {
  for (const stepMs of [5_000, -5_000, 3_600_000]) {
    it(`keeps the server's time when the wall clock steps ${stepMs} ms`, async () => {
      const { clock } = syncedClock();
      await vi.advanceTimersByTimeAsync(2_000);
      expect(clock.now() - serverNow()).toBeCloseTo(0, 6);
      stepWallClock(stepMs);
      // At once, through the next refreshes, and after every old sample has aged out.
      for (const wait of [0, 1_000, 50_000, 200_000]) {
        await vi.advanceTimersByTimeAsync(wait);
        expect(Math.abs(clock.now() - serverNow()), `${wait} ms after the step`).toBeLessThan(1);
      }
      clock.dispose();
    });
  }

  it('never moves the shown digits: a countdown reads on as if nothing happened', async () => {
    const { clock } = syncedClock();
    await vi.advanceTimersByTimeAsync(2_000);
    const view = signal<ClockView | null>({
      running: true,
      phaseBudgetMs: 600_000,
      phaseElapsedMs: 0,
      serverTime: serverNow(),
    });
    const countdown = new CountdownModel(view, clock);
    expect(countdown.reading.value?.countdown.seconds).toBe(600);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(countdown.reading.value?.countdown.seconds).toBe(590);
    stepWallClock(5_000);
    for (let second = 1; second <= 60; second += 1) {
      await vi.advanceTimersByTimeAsync(1_000);
      expect(countdown.reading.value?.countdown.seconds, `${second} s after`).toBe(590 - second);
    }
    countdown.dispose();
    clock.dispose();
  });
});

describe('ServerClock when the device sleeps', () => {
  it('measures afresh when its monotonic clock stood still while the wall clock ran on', async () => {
    // A laptop lid closed for a minute: the page's monotonic clock pauses (Linux, macOS,
    // Android, iOS), the wall clock does not. The old samples are a minute off now.
    let sleptMs = 0;
    const socket = new FakeSocket();
    socket.connected = true;
    serveClock(
      socket,
      () => TRUE_OFFSET,
      () => ({ upMs: 20, downMs: 20 }),
    );
    const clock = new ServerClock(socket, {
      now: () => Date.now() - sleptMs,
      wallNow: () => Date.now(),
    });
    clock.resync(true);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(clock.now() - (Date.now() + TRUE_OFFSET)).toBeCloseTo(0, 6);
    const pingsBefore = socket.pings();
    sleptMs = 60_000;
    // The next reading notices, and a fresh burst replaces every old sample.
    clock.now();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(socket.pings()).toBeGreaterThan(pingsBefore);
    expect(clock.now() - (Date.now() + TRUE_OFFSET)).toBeCloseTo(0, 6);
    clock.dispose();
  });
});
