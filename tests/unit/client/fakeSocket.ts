import type { ClientToServerEvents, CommandAck, WireCommand } from '@balint/shared';
import type { IncomingEvents, SessionSocket } from '../../../client/src/socket.ts';

type Listener = (...args: never[]) => void;

/**
 * A socket for model tests: records what the model sends and lets the test play the server
 * (`accept`, `drop`, `refuse`, `fire`). `onClock` and `onCommand` decide how it answers.
 */
export class FakeSocket implements SessionSocket {
  connected = false;
  connectCalls = 0;
  disconnectCalls = 0;
  readonly sent: Array<{ event: keyof ClientToServerEvents; args: unknown[] }> = [];
  onClock: ((clientTime: number, ack: (serverTime: number) => void) => void) | null = null;
  onCommand: ((command: WireCommand, ack: (result: CommandAck) => void) => void) | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();

  on<E extends keyof IncomingEvents>(event: E, listener: IncomingEvents[E]): this {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    this.listeners.set(event, set);
    return this;
  }

  off<E extends keyof IncomingEvents>(event: E, listener: IncomingEvents[E]): this {
    this.listeners.get(event)?.delete(listener as Listener);
    return this;
  }

  emit<E extends keyof ClientToServerEvents>(
    event: E,
    ...args: Parameters<ClientToServerEvents[E]>
  ): this {
    this.sent.push({ event, args });
    if (event === 'clock') {
      const [clientTime, ack] = args as Parameters<ClientToServerEvents['clock']>;
      this.onClock?.(clientTime, ack);
    } else {
      const [command, ack] = args as Parameters<ClientToServerEvents['command']>;
      this.onCommand?.(command, ack);
    }
    return this;
  }

  connect(): this {
    this.connectCalls += 1;
    return this;
  }

  disconnect(): this {
    this.disconnectCalls += 1;
    if (this.connected) {
      this.connected = false;
      this.fire('disconnect', 'io client disconnect');
    }
    return this;
  }

  /** The server lets the handshake through. */
  accept(): void {
    this.connected = true;
    this.fire('connect');
  }

  /** The connection breaks (a server restart, Wi-Fi gone). */
  drop(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }

  /** The server refuses the handshake with a code. */
  refuse(code: string): void {
    this.connected = false;
    const error = Object.assign(new Error(code), { data: { code, message: code } });
    this.fire('connect_error', error);
  }

  fire<E extends keyof IncomingEvents>(event: E, ...args: Parameters<IncomingEvents[E]>): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      (listener as (...a: unknown[]) => void)(...args);
    }
  }

  listenerCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  pings(): number {
    return this.sent.filter((entry) => entry.event === 'clock').length;
  }
}

/** Makes the fake answer clock pings like a server whose clock is `offsetMs` ahead. */
export function serveClock(
  socket: FakeSocket,
  offsetMs: () => number,
  delays: () => { upMs: number; downMs: number },
): void {
  socket.onClock = (_clientTime, ack) => {
    const { upMs, downMs } = delays();
    setTimeout(() => {
      const serverTime = Date.now() + offsetMs();
      setTimeout(() => ack(serverTime), downMs);
    }, upMs);
  };
}
