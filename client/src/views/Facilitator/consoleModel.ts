import type { ApiError, Command, CommandAck } from '@balint/shared';
import { effect, signal } from '@preact/signals-core';
import type { ConsoleWords } from '../../i18n/console/en.ts';
import { consoleWords } from '../../i18n/console/words.ts';
import type { SessionModel } from '../../models/session.ts';

const ENGLISH_REFUSAL: Pick<ConsoleWords['refused'], 'stale' | 'other'> = {
  stale: 'Someone else already moved the session; this screen now shows where it is.',
  other: 'The server refused that.',
};

/** What the console says about a refused command (the server's own message, if it sent one). */
export function refusalText(
  error: ApiError,
  words: Pick<ConsoleWords['refused'], 'stale' | 'other'> = ENGLISH_REFUSAL,
): string {
  if (error.code === 'stale_revision') return words.stale;
  return error.message || words.other;
}

/** How long a notice about a refused command stays: time to read it twice. */
export const NOTICE_MS = 6_000;

/** The facilitator's commands, with the latest refusal kept for a passing notice. */
export class ConsoleModel {
  /**
   * The last refusal. It is transient: gone after `noticeMs`, at the next accepted command, and
   * as soon as the session moves on (a view of another revision), whichever comes first.
   */
  readonly refusal = signal<string | null>(null);
  /** True while a command is on its way or waiting for one to land. */
  readonly pending = signal(false);

  /** Commands on their way, by type, and how many of each. */
  private readonly inFlight = new Map<Command['type'], number>();
  private queue: Promise<unknown> = Promise.resolve();
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  /** The revision on screen when the notice appeared; another one makes it stale. */
  private noticeRevision: number | null = null;
  private readonly stopWatching: () => void;

  constructor(
    private readonly session: Pick<SessionModel, 'send' | 'view'>,
    private readonly noticeMs = NOTICE_MS,
  ) {
    this.stopWatching = effect(() => {
      const revision = this.session.view.value?.revision ?? null;
      if (this.refusal.peek() !== null && revision !== this.noticeRevision) this.dismiss();
    });
  }

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
        if (ack.ok) this.dismiss();
        else this.notify(refusalText(ack.error, consoleWords.words.peek()?.refused));
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
    clearTimeout(this.noticeTimer);
    this.refusal.value = null;
  }

  dispose(): void {
    clearTimeout(this.noticeTimer);
    this.stopWatching();
  }

  private notify(text: string): void {
    clearTimeout(this.noticeTimer);
    // The refused command's answer carries the current view, already on screen by now.
    this.noticeRevision = this.session.view.peek()?.revision ?? null;
    this.refusal.value = text;
    this.noticeTimer = setTimeout(() => this.dismiss(), this.noticeMs);
  }
}
