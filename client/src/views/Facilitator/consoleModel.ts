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
  readonly pending = signal(false);

  constructor(private readonly session: Pick<SessionModel, 'send'>) {}

  /**
   * Sends a command; while one is on its way, another is dropped (null): a double click would
   * otherwise come back as a confusing stale revision.
   */
  async run(command: Command): Promise<CommandAck | null> {
    if (this.pending.peek()) return null;
    this.pending.value = true;
    try {
      const ack = await this.session.send(command);
      this.refusal.value = ack.ok ? null : refusalText(ack.error);
      return ack;
    } finally {
      this.pending.value = false;
    }
  }

  dismiss(): void {
    this.refusal.value = null;
  }
}
