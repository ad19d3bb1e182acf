import { remainingMs, type SessionView } from '@balint/shared';
import { io, type Socket } from 'socket.io-client';
import { ServerClock } from '../../client/src/clock.ts';

type ClockSocket = ConstructorParameters<typeof ServerClock>[0];

/**
 * A screen as the pages run one, in Node: a real socket, the client's own clock estimator
 * (client/src/clock.ts, default options, re-measured on every connect as the session model
 * does) and the newest view. Its wall clock is `localNow`, which a test may skew or step.
 */
export class ClockedScreen {
  readonly socket: Socket;
  readonly clock: ServerClock;
  view: SessionView | null = null;

  constructor(url: string, auth: Record<string, string>, localNow: () => number) {
    this.socket = io(url, {
      forceNew: true,
      transports: ['websocket'],
      auth,
      reconnectionDelay: 500,
      reconnectionDelayMax: 1000,
      randomizationFactor: 0.3,
    });
    // socket.io-client's overloads are wider than the estimator's socket type; same events.
    this.clock = new ServerClock(this.socket as unknown as ClockSocket, { now: localNow });
    this.socket.on('connect', () => this.clock.resync(true));
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
