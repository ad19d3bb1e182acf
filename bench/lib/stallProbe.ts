import { sharedNow, sleep } from './clock.ts';

export interface StallReport {
  probes: number;
  /** The slowest answer, ms. */
  maxMs: number;
  /** Answers over 50 ms: when (s from the start) and how long. */
  slow: Array<{ atS: number; ms: number }>;
}

/**
 * How long the server's event loop goes without answering: asks GET /healthz every 20 ms for
 * `durationMs` while nothing else is sent. A slow answer is a stall (work the server does by
 * itself: timers, sweeps, garbage collection) that any command arriving then would wait for.
 */
export async function probeStalls(baseUrl: string, durationMs: number): Promise<StallReport> {
  const report: StallReport = { probes: 0, maxMs: 0, slow: [] };
  const startedAt = sharedNow();
  while (sharedNow() - startedAt < durationMs) {
    const sentAt = sharedNow();
    await fetch(`${baseUrl}/healthz`);
    const ms = sharedNow() - sentAt;
    report.probes += 1;
    report.maxMs = Math.max(report.maxMs, ms);
    if (ms > 50) report.slow.push({ atS: (sentAt - startedAt) / 1000, ms });
    await sleep(20);
  }
  return report;
}
