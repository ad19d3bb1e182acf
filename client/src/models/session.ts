import type { ApiError, Command, CommandAck, SessionView } from '@balint/shared';
import { signal } from '@preact/signals-core';
import { type ClockOptions, ServerClock } from '../clock.ts';
import type { ConnectError, IncomingEvents, SessionSocket } from '../socket.ts';
import { type ConnectionStatus, isFinal, statusAfterConnectError } from './connection.ts';

export interface SessionOptions {
  clock?: ClockOptions;
  /** Wait before trying again after `rate_limited`. */
  rateLimitRetryMs?: number;
  /** An unanswered command is reported as failed after this long. */
  commandTimeoutMs?: number;
}

const OFFLINE: ApiError = {
  code: 'internal',
  message: 'Not connected to the server: the command was not sent. Try again in a moment.',
};

/**
 * One page's link to its group: the latest view, the connection status and the server clock.
 * Takes the socket (real or fake) and owns it from then on.
 */
export class SessionModel {
  readonly view = signal<SessionView | null>(null);
  readonly status = signal<ConnectionStatus>('connecting');
  readonly clock: ServerClock;

  private readonly unsubscribe: Array<() => void> = [];
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private acceptAnyView = true;

  constructor(
    private readonly socket: SessionSocket,
    private readonly options: SessionOptions = {},
  ) {
    this.clock = new ServerClock(socket, options.clock);
    this.listen('connect', () => {
      this.acceptAnyView = true;
      this.status.value = 'live';
      this.clock.resync(true);
    });
    this.listen('disconnect', () => {
      if (!isFinal(this.status.peek())) this.status.value = 'reconnecting';
    });
    this.listen('connect_error', (error: ConnectError) => {
      const status = statusAfterConnectError(error);
      this.status.value = status;
      if (status === 'rate_limited') {
        this.retryTimer = setTimeout(() => socket.connect(), options.rateLimitRetryMs ?? 30_000);
      }
    });
    this.listen('session', (view: SessionView) => this.receive(view));
    this.listen('expired', () => {
      this.status.value = 'expired';
      // The group is gone: no time is left to show, so nothing keeps counting.
      this.view.value = null;
      socket.disconnect();
    });
    if (socket.connected) this.status.value = 'live';
    else socket.connect();
  }

  /**
   * Sends a facilitator command pinned to the revision on screen, so a double click or two
   * co-facilitators move the session once. Resolves with the server's answer.
   */
  send(command: Command): Promise<CommandAck> {
    const view = this.view.peek();
    if (!this.socket.connected || this.status.peek() !== 'live') {
      return Promise.resolve({ ok: false, error: OFFLINE });
    }
    const wire = view ? { ...command, expectedRevision: view.revision } : command;
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => resolve({ ok: false, error: { code: 'internal', message: 'No answer.' } }),
        this.options.commandTimeoutMs ?? 5000,
      );
      this.socket.emit('command', wire, (ack: CommandAck) => {
        clearTimeout(timer);
        if (ack.view) this.receive(ack.view);
        resolve(ack);
      });
    });
  }

  /** Reconnects, so a changed handshake (name, presenter flag) reaches the server. */
  reconnect(): void {
    if (isFinal(this.status.peek())) return;
    this.socket.disconnect();
    this.status.value = 'connecting';
    this.socket.connect();
  }

  dispose(): void {
    clearTimeout(this.retryTimer);
    for (const off of this.unsubscribe) off();
    this.clock.dispose();
    this.socket.disconnect();
  }

  /** Keeps the newest view: a late ack must not roll back a broadcast that overtook it. */
  private receive(view: SessionView): void {
    const current = this.view.peek();
    const newer =
      this.acceptAnyView ||
      current === null ||
      view.revision > current.revision ||
      (view.revision === current.revision && view.serverTime >= current.serverTime);
    if (!newer) return;
    this.acceptAnyView = false;
    this.view.value = view;
  }

  private listen<E extends keyof IncomingEvents>(event: E, listener: IncomingEvents[E]): void {
    this.socket.on(event, listener);
    this.unsubscribe.push(() => this.socket.off(event, listener));
  }
}
