import { signal } from '@preact/signals-core';
import type { SessionSocket } from './socket.ts';

/** One ping: the offset it suggests and how long the round trip took. */
export interface ClockSample {
  offsetMs: number;
  roundTripMs: number;
}

interface TakenSample extends ClockSample {
  /** Local time the answer came back. */
  takenAt: number;
}

export interface ClockOptions {
  /**
   * Local epoch ms that only real time moves: the wall clock once, plus a monotonic count since
   * (see `monotonicEpoch`). A device stepping its own wall clock must not move what it shows.
   */
  now?: () => number;
  /** The device's wall clock, watched only to notice a step or a sleep. */
  wallNow?: () => number;
  /** Pings when (re)connected. */
  samplesPerBurst?: number;
  /** Pings of each later refresh: few, so 20,000 screens stay cheap for the server. */
  samplesPerRefresh?: number;
  /** Pause between pings of a burst, so one slow moment does not spoil them all. */
  gapMs?: number;
  /** A ping unanswered this long is dropped. */
  ackTimeoutMs?: number;
  /** How often to measure again while connected. */
  refreshMs?: number;
  /**
   * How long samples count: more samples find a faster round trip, old ones carry the drift
   * between the two clocks (a 20 ppm crystal drifts 3.6 ms in 3 minutes).
   */
  maxSampleAgeMs?: number;
}

/**
 * The local and the wall clock may part by this much before the samples are measured afresh.
 * They part by well under a millisecond a second on their own (network time slews the rate).
 */
const CLOCKS_PARTED_MS = 250;

/**
 * Epoch ms from the monotonic clock: the wall clock when called, plus `performance.now()` since.
 * A step of the wall clock (network time, a phone's carrier time) leaves it alone.
 */
export function monotonicEpoch(): () => number {
  const origin = Date.now() - performance.now();
  return () => origin + performance.now();
}

/**
 * The estimate from a set of samples: a fast round trip leaves little room for asymmetric
 * delay, so only the fastest eighth count (at least one), averaged so that their remaining
 * asymmetries cancel. `roundTripMs` is the slowest of those, which bounds the error to half.
 */
export function estimateOffset(samples: readonly ClockSample[]): ClockSample | null {
  if (samples.length === 0) return null;
  const fastest = [...samples]
    .sort((a, b) => a.roundTripMs - b.roundTripMs)
    .slice(0, Math.max(1, Math.ceil(samples.length / 8)));
  const offsetMs = fastest.reduce((sum, sample) => sum + sample.offsetMs, 0) / fastest.length;
  return { offsetMs, roundTripMs: fastest[fastest.length - 1]?.roundTripMs ?? 0 };
}

/**
 * Estimates the server's clock as local time plus an offset, NTP-style: the server stamps a
 * ping, and the replies that came back fastest carry the least uncertainty. Local time is
 * monotonic, so a step of the device's wall clock changes nothing shown. But the monotonic
 * clock stands still while a device sleeps (Linux, macOS, Android, iOS): when it and the wall
 * clock part, nobody here can tell which one moved, so the samples are dropped and measured
 * afresh, the estimate kept meanwhile.
 */
export class ServerClock {
  /** Server time minus local time, in ms. */
  readonly offsetMs = signal(0);
  readonly synced = signal(false);
  /** The slowest round trip among the samples in use: the estimate is good to half of it. */
  readonly roundTripMs = signal<number | null>(null);

  private readonly localNow: () => number;
  private readonly wallNow: () => number;
  /** Wall minus local time when last looked at. */
  private clocksApartMs: number;
  private readonly options: Required<Omit<ClockOptions, 'now' | 'wallNow'>>;
  private samples: TakenSample[] = [];
  private burst = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly socket: Pick<SessionSocket, 'connected' | 'emit'>,
    options: ClockOptions = {},
  ) {
    this.localNow = options.now ?? monotonicEpoch();
    this.wallNow = options.wallNow ?? (() => Date.now());
    this.clocksApartMs = this.wallNow() - this.localNow();
    this.options = {
      samplesPerBurst: options.samplesPerBurst ?? 8,
      samplesPerRefresh: options.samplesPerRefresh ?? 4,
      gapMs: options.gapMs ?? 60,
      ackTimeoutMs: options.ackTimeoutMs ?? 2000,
      refreshMs: options.refreshMs ?? 45_000,
      maxSampleAgeMs: options.maxSampleAgeMs ?? 180_000,
    };
  }

  /** The server's epoch ms now, as well as this screen can tell. */
  now(): number {
    const local = this.localNow();
    this.noticeStep(local);
    return local + this.offsetMs.peek();
  }

  /** Measures again; `fresh` forgets older samples (after a reconnect the path may differ). */
  resync(fresh = false): void {
    if (fresh) this.samples = [];
    this.burst += 1;
    clearTimeout(this.timer);
    const { samplesPerBurst, samplesPerRefresh } = this.options;
    this.ping(this.burst, 0, fresh ? samplesPerBurst : samplesPerRefresh);
  }

  dispose(): void {
    this.burst += 1;
    clearTimeout(this.timer);
  }

  private ping(burst: number, index: number, count: number): void {
    if (burst !== this.burst) return;
    const { gapMs, ackTimeoutMs, refreshMs } = this.options;
    if (index >= count) {
      this.timer = setTimeout(() => this.resync(), refreshMs);
      return;
    }
    // A ping sent while offline would be buffered and measure the outage; wait instead.
    if (!this.socket.connected) return;
    let answered = false;
    const sentAt = this.localNow();
    const next = () => {
      answered = true;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.ping(burst, index + 1, count), gapMs);
    };
    this.timer = setTimeout(() => {
      if (!answered && burst === this.burst) next();
    }, ackTimeoutMs);
    this.socket.emit('clock', sentAt, (serverTime: number) => {
      if (answered || burst !== this.burst || typeof serverTime !== 'number') return;
      const receivedAt = this.localNow();
      this.record({
        roundTripMs: receivedAt - sentAt,
        offsetMs: serverTime - (sentAt + receivedAt) / 2,
        takenAt: receivedAt,
      });
      next();
    });
  }

  /** A wall clock that jumped against the local one: measure afresh (see the class comment). */
  private noticeStep(local: number): void {
    const apartMs = this.wallNow() - local;
    if (Math.abs(apartMs - this.clocksApartMs) <= CLOCKS_PARTED_MS) return;
    this.clocksApartMs = apartMs;
    this.resync(true);
  }

  private record(sample: TakenSample): void {
    const oldest = sample.takenAt - this.options.maxSampleAgeMs;
    this.samples = [sample, ...this.samples.filter((kept) => kept.takenAt >= oldest)];
    const estimate = estimateOffset(this.samples);
    if (!estimate) return;
    this.offsetMs.value = estimate.offsetMs;
    this.roundTripMs.value = estimate.roundTripMs;
    this.synced.value = true;
  }
}
