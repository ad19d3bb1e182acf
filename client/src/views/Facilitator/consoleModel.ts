import type { ApiError, Command, CommandAck } from '@balint/shared';
import { signal } from '@preact/signals-core';
import type { SessionModel } from '../../models/session.ts';

/** What the console says about a refused command. */
export function refusalText(error: ApiError): string {
  if (error.code === 'stale_revision') {
    return 'Someone else already moved the session; this screen now shows where it is.';
  }
  return error.message || 'The server refused that.';
}

/** The facilitator's commands, with the latest refusal kept for the alert line. */
export class ConsoleModel {
  /** The last refusal, shown in an alert until the next accepted command. */
  readonly refusal = signal<string | null>(null);
  /** True while a command is on its way or waiting for one to land. */
  readonly pending = signal(false);

  /** Commands on their way, by type, and how many of each. */
  private readonly inFlight = new Map<Command['type'], number>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly session: Pick<SessionModel, 'send'>) {}

  /**
   * Sends a command once the one before it has landed, so it carries the revision that one left
   * (a budget saved on blur, then the click on "Next phase", both count). The same command again
   * while it is on its way is dropped (null): a double click moves the session once. Extensions
   * add up instead: +1 min pressed twice is two minutes.
   */
  run(command: Command): Promise<CommandAck | null> {
    const type = command.type;
    if (this.inFlight.has(type) && type !== 'extend') return Promise.resolve(null);
    // Nothing on its way: send at once, in the same turn as the click or key press.
    const sent =
      this.inFlight.size === 0
        ? this.session.send(command)
        : this.queue.then(() => this.session.send(command));
    this.inFlight.set(type, (this.inFlight.get(type) ?? 0) + 1);
    this.pending.value = true;
    const result = sent
      .then((ack) => {
        this.refusal.value = ack.ok ? null : refusalText(ack.error);
        return ack;
      })
      .finally(() => {
        const left = (this.inFlight.get(type) ?? 1) - 1;
        if (left > 0) this.inFlight.set(type, left);
        else this.inFlight.delete(type);
        this.pending.value = this.inFlight.size > 0;
      });
    this.queue = result.catch(() => undefined);
    return result;
  }

  dismiss(): void {
    this.refusal.value = null;
  }
}
