import type { Command, SessionView } from '@balint/shared';

/** One socket a load worker opens. */
export interface ScreenSpec {
  /** Unique over the whole run. */
  sid: number;
  url: string;
  code: string;
  role: 'facilitator' | 'display' | 'member';
  key?: string;
  name?: string;
  /** A phone's own id, as member pages send it. */
  device?: string;
  /** A screen whose arrivals count toward "the last screen" (facilitators do not). */
  counted: boolean;
}

/** What a screen kept of a view it received after a moment of interest (a restart). */
export interface SeenView {
  at: number;
  revision: number;
  running: boolean;
  phaseBudgetMs: number;
  phaseElapsedMs: number;
  serverTime: number;
}

export interface AckSummary {
  ok: boolean;
  revision: number | null;
  phaseBudgetMs: number | null;
  error: string | null;
}

export type WorkerRequest =
  | {
      type: 'connect';
      screens: ScreenSpec[];
      /** Handshakes in flight at once. */
      concurrency: number;
      /** Reconnect as the pages do (after a restart), instead of staying down. */
      reconnect: boolean;
      /** Stop opening sockets after this long (null: open them all). */
      budgetMs: number | null;
    }
  | { type: 'command'; sid: number; command: Command }
  | { type: 'ping' }
  | { type: 'viewCounts' }
  | { type: 'lastView'; sid: number }
  | { type: 'markDown' }
  | { type: 'seenSinceDown' };

export type WorkerReply =
  | {
      type: 'connected';
      connected: number;
      failed: number;
      /** Not tried: the time budget ran out first. */
      skipped: number;
      firstError: string | null;
    }
  | { type: 'commanded'; emitAt: number; ackAt: number; ack: AckSummary }
  | { type: 'pong'; now: number }
  | { type: 'viewCounts'; perScreen: number[] }
  | { type: 'lastView'; view: SessionView | null }
  | { type: 'seen'; perScreen: Array<{ sid: number; code: string; views: SeenView[] }> }
  | { type: 'done' }
  | { type: 'error'; message: string };

/** Sent by a worker unasked: all its counted screens of `code` have seen `revision`. */
export interface Arrival {
  type: 'arrived';
  code: string;
  revision: number;
  /** When the last of them got it (the worker's shared clock). */
  at: number;
}

export type WorkerMessage = { id: number; reply: WorkerReply } | Arrival;
