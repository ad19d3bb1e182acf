import { withTimeout } from './clock.ts';

interface Waiter {
  workersLeft: Set<number>;
  lastAt: number;
  resolve: (lastAt: number) => void;
}

/**
 * Turns each worker's "all my screens of room X have revision R, the last at T" into "every
 * screen of room X has revision R, the last at T". Times are on the coordinator's clock.
 */
export class ArrivalBoard {
  /** `${code}:${revision}` → workers that reported it before anyone waited, and when. */
  private readonly early = new Map<string, Map<number, number>>();
  private readonly waiters = new Map<string, Waiter>();
  /** Which workers hold counted screens of each room. */
  private readonly holders = new Map<string, Set<number>>();

  /** Worker `index` holds at least one counted screen of room `code`. */
  addHolder(code: string, index: number): void {
    const holders = this.holders.get(code) ?? new Set<number>();
    holders.add(index);
    this.holders.set(code, holders);
  }

  report(index: number, code: string, revision: number, at: number): void {
    const key = `${code}:${revision}`;
    const waiter = this.waiters.get(key);
    if (!waiter) {
      const seen = this.early.get(key) ?? new Map<number, number>();
      seen.set(index, at);
      this.early.set(key, seen);
      return;
    }
    waiter.workersLeft.delete(index);
    waiter.lastAt = Math.max(waiter.lastAt, at);
    if (waiter.workersLeft.size === 0) {
      this.waiters.delete(key);
      waiter.resolve(waiter.lastAt);
    }
  }

  /** When the last counted screen of `code` got `revision`; rejects after `timeoutMs`. */
  last(code: string, revision: number, timeoutMs: number): Promise<number> {
    const key = `${code}:${revision}`;
    const workersLeft = new Set(this.holders.get(code) ?? []);
    let lastAt = 0;
    for (const [index, at] of this.early.get(key) ?? []) {
      workersLeft.delete(index);
      lastAt = Math.max(lastAt, at);
    }
    this.early.delete(key);
    if (workersLeft.size === 0) return Promise.resolve(lastAt);
    const arrived = new Promise<number>((resolve) => {
      this.waiters.set(key, { workersLeft, lastAt, resolve });
    });
    return withTimeout(arrived, timeoutMs, `room ${code} revision ${revision}`).finally(() =>
      this.waiters.delete(key),
    );
  }

  /** Forgets reports nobody waited for (the views screens get on connecting). */
  clearEarly(): void {
    this.early.clear();
  }
}
