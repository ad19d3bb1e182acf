import { readdirSync, readFileSync } from 'node:fs';

/**
 * How busy the machine was with processes that are not the bench's own (other engineers'
 * tests, builds): sampled from /proc once a second while a figure runs. A process is the
 * bench's if the bench's process is among its ancestors.
 */
export class ContentionSampler {
  private readonly ticksPerSecond = 100;
  private previous = new Map<number, number>();
  private parents = new Map<number, number>();
  private otherTicks = 0;
  private ourTicks = 0;
  private elapsedMs = 0;
  private lastAt = Date.now();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor() {
    this.previous = this.read().ticks;
    this.timer = setInterval(() => this.sample(), 1_000);
    this.timer.unref();
  }

  private read(): { ticks: Map<number, number> } {
    const ticks = new Map<number, number>();
    const parents = new Map<number, number>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // Fields after the command name, which may hold spaces and parentheses.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const pid = Number(entry);
        parents.set(pid, Number(fields[1]));
        ticks.set(pid, Number(fields[11]) + Number(fields[12]));
      } catch {
        // The process ended while we looked.
      }
    }
    this.parents = parents;
    return { ticks };
  }

  private isOurs(pid: number): boolean {
    for (let current = pid, hops = 0; current > 1 && hops < 64; hops += 1) {
      if (current === process.pid) return true;
      current = this.parents.get(current) ?? 0;
    }
    return false;
  }

  private sample(): void {
    const { ticks } = this.read();
    const now = Date.now();
    this.elapsedMs += now - this.lastAt;
    this.lastAt = now;
    for (const [pid, total] of ticks) {
      // A process that started since the last sample counts from zero.
      const delta = total - (this.previous.get(pid) ?? 0);
      if (delta <= 0) continue;
      if (this.isOurs(pid)) this.ourTicks += delta;
      else this.otherTicks += delta;
    }
    this.previous = ticks;
  }

  /** CPU used by other processes and by the bench, in cores (2.0 = both cores busy). */
  stop(): { otherCores: number; benchCores: number } {
    clearInterval(this.timer);
    this.sample();
    const seconds = Math.max(0.001, this.elapsedMs / 1000);
    return {
      otherCores: this.otherTicks / this.ticksPerSecond / seconds,
      benchCores: this.ourTicks / this.ticksPerSecond / seconds,
    };
  }
}
