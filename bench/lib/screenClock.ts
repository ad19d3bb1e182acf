import {
  type HandshakeAuth,
  PROTOCOL_VERSION,
  remainingMs,
  type SessionView,
} from '@balint/shared';
import { io, type Socket } from 'socket.io-client';
import { type ClockOptions, ServerClock } from '../../client/src/clock.ts';

type ClockSocket = ConstructorParameters<typeof ServerClock>[0];

/**
 * The clocks of a device whose wall clock reads `wallNow`, as the pages derive them: local
 * time is the wall clock once plus a monotonic count since (client/src/clock.ts
 * `monotonicEpoch`, which reads the real Date.now), and the wall clock is watched for steps.
 */
export function deviceClocks(wallNow: () => number): Pick<ClockOptions, 'now' | 'wallNow'> {
  const origin = wallNow() - performance.now();
  return { now: () => origin + performance.now(), wallNow };
}

/**
 * A screen as the pages run one, in Node: a real socket, the client's own clock estimator
 * (client/src/clock.ts, re-measured on every connect as the session model does) and the
 * newest view. `clocks` stand in for the device's clocks (default: this machine's, as a page's).
 */
export class ClockedScreen {
  readonly socket: Socket;
  readonly clock: ServerClock;
  view: SessionView | null = null;
  /** Clock pings sent so far: what the estimator costs the network. */
  pings = 0;

  constructor(
    url: string,
    auth: HandshakeAuth,
    clocks: Pick<ClockOptions, 'now' | 'wallNow'> = {},
  ) {
    this.socket = io(url, {
      forceNew: true,
      transports: ['websocket'],
      auth: { ...auth, v: PROTOCOL_VERSION },
      reconnectionDelay: 500,
      reconnectionDelayMax: 1000,
      randomizationFactor: 0.3,
    });
    // socket.io-client's overloads are wider than the estimator's socket type; same events.
    this.clock = new ServerClock(this.socket as unknown as ClockSocket, clocks);
    this.socket.on('connect', () => this.clock.resync(true));
    this.socket.onAnyOutgoing((event: string) => {
      if (event === 'clock') this.pings += 1;
    });
    this.socket.on('session', (view: SessionView) => {
      const current = this.view;
      const newer =
        !current ||
        view.revision > current.revision ||
        (view.revision === current.revision && view.serverTime >= current.serverTime);
      if (newer) this.view = view;
    });
  }

  /** The remaining time this screen shows the digits of, right now (ms, before rounding). */
  remaining(): number | null {
    return this.view ? remainingMs(this.view, this.clock.now()) : null;
  }

  close(): void {
    this.clock.dispose();
    this.socket.close();
  }
}
