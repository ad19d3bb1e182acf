import { signal } from '@preact/signals-core';
import type { SessionSocket } from './socket.ts';

/** One ping: the offset it suggests and how long the round trip took. */
export interface ClockSample {
  offsetMs: number;
  roundTripMs: number;
}

export interface TakenSample extends ClockSample {
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
  /** Most pings when (re)connected: many, as a jittery network needs them. */
  samplesPerBurst?: number;
  /** Most pings of each later refresh: few, so 20,000 screens stay cheap for the server. */
  samplesPerRefresh?: number;
  /** Pause between pings of a burst, so one slow moment does not spoil them all. */
  gapMs?: number;
  /** A ping unanswered this long is dropped. */
  ackTimeoutMs?: number;
  /** How often to measure again while connected. */
  refreshMs?: number;
  /** How long samples count at most; their bounds widen with the drift long before. */
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
 * How fast a device's clock may drift from the server's (a phone's crystal against network
 * time): a sample's bounds widen by this much per ms of its age.
 */
const DRIFT = 20e-6;

/**
 * A burst ends, after one ping at least, once the estimate is good to half this: a calm network
 * costs a ping a refresh, only a jittery one the most.
 */
const GOOD_SPAN_MS = 6;

/**
 * The estimate at local time `now` from samples, newest first. The server stamped each answer
 * between its ping and its return, so each sample bounds the offset to its own ± half its round
 * trip (widened by the drift since). The offset lies where all bounds overlap: that takes the
 * fastest way up and the fastest way down even when different pings took them. `roundTripMs`
 * is the span of the overlap: the estimate is good to half of it. A bound that misses the newer
 * ones' overlap (the server's clock stepped, or drifted faster than assumed) is left out.
 */
export function estimateOffset(samples: readonly TakenSample[], now: number): ClockSample | null {
  let low = -Infinity;
  let high = Infinity;
  for (const { offsetMs, roundTripMs, takenAt } of samples) {
    const slack = roundTripMs / 2 + (now - takenAt) * DRIFT;
    if (offsetMs + slack < low || offsetMs - slack > high) continue;
    low = Math.max(low, offsetMs - slack);
    high = Math.min(high, offsetMs + slack);
  }
  return high < Infinity ? { offsetMs: (low + high) / 2, roundTripMs: high - low } : null;
}

/**
 * Estimates the server's clock as local time plus an offset, NTP-style: the server stamps a
 * ping, and every answer bounds the offset (see `estimateOffset`). Local time is monotonic, so
 * a step of the device's wall clock changes nothing shown. But the monotonic clock stands still
 * while a device sleeps (Linux, macOS, Android, iOS): when it and the wall clock part, nobody
 * here can tell which one moved, so the samples are dropped and measured afresh, the estimate
 * kept meanwhile.
 */
export class ServerClock {
  /** Server time minus local time, in ms. */
  readonly offsetMs = signal(0);
  /** The first burst is done: the estimate is as good as a burst could make it. */
  readonly synced = signal(false);
  /** The span the offset is known to lie in (at first, one round trip): good to half of it. */
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
      samplesPerBurst: options.samplesPerBurst ?? 32,
      samplesPerRefresh: options.samplesPerRefresh ?? 6,
      gapMs: options.gapMs ?? 60,
      ackTimeoutMs: options.ackTimeoutMs ?? 2000,
      refreshMs: options.refreshMs ?? 45_000,
      maxSampleAgeMs: options.maxSampleAgeMs ?? 300_000,
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
    const span = estimateOffset(this.samples, this.localNow())?.roundTripMs ?? Infinity;
    if (index >= count || (index > 0 && span <= GOOD_SPAN_MS)) {
      if (span < Infinity) this.synced.value = true;
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
      const receivedAt = this.localNow();
      if (answered || burst !== this.burst || typeof serverTime !== 'number') return;
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
    const estimate = estimateOffset(this.samples, sample.takenAt);
    if (!estimate) return;
    this.offsetMs.value = estimate.offsetMs;
    this.roundTripMs.value = estimate.roundTripMs;
  }
}
