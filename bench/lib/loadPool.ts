import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { Command, SessionView } from '@balint/shared';
import { ArrivalBoard } from './arrivals.ts';
import { exited, track } from './children.ts';
import { sharedNow, withTimeout } from './clock.ts';
import type {
  AckSummary,
  ScreenSpec,
  SeenView,
  WorkerMessage,
  WorkerReply,
  WorkerRequest,
} from './loadMessages.ts';

type ReplyOf<T extends WorkerReply['type']> = Extract<WorkerReply, { type: T }>;

interface Worker {
  child: ChildProcess;
  /** This worker's shared clock minus the coordinator's, measured over IPC. */
  offsetMs: number;
  pending: Map<number, (reply: WorkerReply) => void>;
}

/**
 * The coordinator's side of the load workers: forks them, measures their clock offsets,
 * hands them screens and gathers arrivals into "every screen of room X has revision R".
 */
export class LoadPool {
  private readonly workers: Worker[] = [];
  private nextId = 1;
  private readonly arrivals = new ArrivalBoard();
  /** Which worker holds each socket. */
  private readonly socketWorker = new Map<number, number>();
  maxClockOffsetMs = 0;

  private constructor() {}

  static async start(count: number): Promise<LoadPool> {
    const pool = new LoadPool();
    for (let index = 0; index < count; index += 1) pool.workers.push(pool.forkWorker(index));
    await pool.calibrate();
    return pool;
  }

  /** How many worker processes hold the sockets. */
  get size(): number {
    return this.workers.length;
  }

  private forkWorker(index: number): Worker {
    const child = track(
      fork(join(import.meta.dirname, 'loadWorker.ts'), [], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    const worker: Worker = { child, offsetMs: 0, pending: new Map() };
    child.on('message', (message: WorkerMessage) => {
      if ('type' in message) {
        const at = this.toLocal(index, message.at);
        this.arrivals.report(index, message.code, message.revision, at);
      } else worker.pending.get(message.id)?.(message.reply);
    });
    return worker;
  }

  /** Sends one request to worker `index` and waits for its reply. */
  private async request<T extends WorkerReply['type']>(
    index: number,
    request: WorkerRequest,
    expect: T,
    timeoutMs = 60_000,
  ): Promise<ReplyOf<T>> {
    const worker = this.workers[index];
    if (!worker) throw new Error(`no worker ${index}`);
    const id = this.nextId++;
    const reply = new Promise<WorkerReply>((resolve) => worker.pending.set(id, resolve));
    worker.child.send({ id, request });
    try {
      const answer = await withTimeout(reply, timeoutMs, `worker ${index} ${request.type}`);
      if (answer.type === 'error') throw new Error(`worker ${index}: ${answer.message}`);
      if (answer.type !== expect) throw new Error(`worker ${index}: unexpected ${answer.type}`);
      return answer as ReplyOf<T>;
    } finally {
      worker.pending.delete(id);
    }
  }

  /**
   * Each worker's clock offset, NTP-style over IPC: the fastest of 30 round trips. Stamps
   * from workers are corrected by it; `maxClockOffsetMs` goes into the report.
   */
  private async calibrate(): Promise<void> {
    for (const [index, worker] of this.workers.entries()) {
      let best = { roundTrip: Number.POSITIVE_INFINITY, offset: 0 };
      for (let ping = 0; ping < 30; ping += 1) {
        const sentAt = sharedNow();
        const { now } = await this.request(index, { type: 'ping' }, 'pong', 10_000);
        const receivedAt = sharedNow();
        if (receivedAt - sentAt < best.roundTrip) {
          best = { roundTrip: receivedAt - sentAt, offset: now - (sentAt + receivedAt) / 2 };
        }
      }
      worker.offsetMs = best.offset;
      this.maxClockOffsetMs = Math.max(this.maxClockOffsetMs, Math.abs(best.offset));
    }
  }

  private toLocal(index: number, at: number): number {
    return at - (this.workers[index]?.offsetMs ?? 0);
  }

  /** When (coordinator clock) the last counted screen of `code` got `revision`. */
  lastArrival(code: string, revision: number, timeoutMs: number): Promise<number> {
    return this.arrivals.last(code, revision, timeoutMs);
  }

  /** Forgets arrivals nobody waited for (the views screens get on connecting). */
  clearArrivals(): void {
    this.arrivals.clearEarly();
  }

  /**
   * Opens `screens`, each on the worker `placement` chooses (default: round robin), at most
   * `concurrency` handshakes in flight per worker, and resolves with how many are open. With
   * `budgetMs`, workers stop opening sockets when it runs out; a failure throws unless
   * `countFailures` (then it is counted).
   */
  async connect(
    screens: ScreenSpec[],
    options: {
      concurrency?: number;
      reconnect?: boolean;
      placement?: (s: ScreenSpec) => number;
      budgetMs?: number;
      countFailures?: boolean;
    } = {},
  ): Promise<{ connected: number; skipped: number; failed: number; firstError: string | null }> {
    const perWorker: ScreenSpec[][] = this.workers.map(() => []);
    for (const [position, screen] of screens.entries()) {
      const index = (options.placement?.(screen) ?? position) % this.workers.length;
      perWorker[index]?.push(screen);
      this.socketWorker.set(screen.sid, index);
      if (screen.counted) this.arrivals.addHolder(screen.code, index);
    }
    const budgetMs = options.budgetMs ?? null;
    const results = await Promise.all(
      perWorker.map((specs, index) =>
        this.request(
          index,
          {
            type: 'connect',
            screens: specs,
            concurrency: options.concurrency ?? 50,
            reconnect: options.reconnect ?? false,
            budgetMs,
          },
          'connected',
          (budgetMs ?? specs.length * 20) + 30_000,
        ),
      ),
    );
    const failed = results.reduce((sum, result) => sum + result.failed, 0);
    const firstError = results.find((result) => result.firstError)?.firstError ?? null;
    if (failed > 0 && !options.countFailures) {
      throw new Error(`${failed} of ${screens.length} sockets failed to connect: ${firstError}`);
    }
    return {
      connected: results.reduce((sum, result) => sum + result.connected, 0),
      skipped: results.reduce((sum, result) => sum + result.skipped, 0),
      failed,
      firstError,
    };
  }

  /** Sends a command from facilitator socket `sid`; times on the coordinator's clock. */
  async command(
    sid: number,
    command: Command,
  ): Promise<{ emitAt: number; ackAt: number; ack: AckSummary }> {
    const index = this.workerOf(sid);
    const reply = await this.request(index, { type: 'command', sid, command }, 'commanded', 15_000);
    return {
      emitAt: this.toLocal(index, reply.emitAt),
      ackAt: this.toLocal(index, reply.ackAt),
      ack: reply.ack,
    };
  }

  async lastView(sid: number): Promise<SessionView | null> {
    return (await this.request(this.workerOf(sid), { type: 'lastView', sid }, 'lastView')).view;
  }

  /** Views received so far by every counted screen, over all workers. */
  async viewCounts(): Promise<number[]> {
    const replies = await Promise.all(
      this.workers.map((_, index) => this.request(index, { type: 'viewCounts' }, 'viewCounts')),
    );
    return replies.flatMap((reply) => reply.perScreen);
  }

  /** From now on every screen keeps the first views it gets (to time a recovery). */
  async markDown(): Promise<void> {
    await Promise.all(
      this.workers.map((_, index) => this.request(index, { type: 'markDown' }, 'done')),
    );
  }

  /** What each counted screen received since `markDown`, on the coordinator's clock. */
  async seenSinceDown(): Promise<Array<{ sid: number; code: string; views: SeenView[] }>> {
    const replies = await Promise.all(
      this.workers.map((_, index) => this.request(index, { type: 'seenSinceDown' }, 'seen')),
    );
    return replies.flatMap((reply, index) =>
      reply.perScreen.map((screen) => ({
        ...screen,
        views: screen.views.map((view) => ({ ...view, at: this.toLocal(index, view.at) })),
      })),
    );
  }

  /** Ends every worker (their sockets close with them). */
  async stop(): Promise<void> {
    await Promise.all(
      this.workers.map(async ({ child }) => {
        child.disconnect();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited(child);
        clearTimeout(timer);
      }),
    );
  }

  private workerOf(sid: number): number {
    const index = this.socketWorker.get(sid);
    if (index === undefined) throw new Error(`no worker holds socket ${sid}`);
    return index;
  }
}
