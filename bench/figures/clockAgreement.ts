import { countdownAt, PROTOCOL_VERSION } from '@balint/shared';
import { io } from 'socket.io-client';
import { seededRandom } from '../../tests/support/random.ts';
import { createGroup } from '../lib/api.ts';
import { sharedNow, sleep, waitFor } from '../lib/clock.ts';
import { type Figure, type FigureResult, table } from '../lib/figure.ts';
import { JitterProxy } from '../lib/jitterProxy.ts';
import { ClockedScreen, deviceClocks } from '../lib/screenClock.ts';
import { ServerProcess } from '../lib/serverProcess.ts';
import { fmt, summarize } from '../lib/stats.ts';

const MAX_JITTER_MS = 100;
const SKEW_MS = -97_531;
const STEP_MS = 1_500;
const TARGET_MS = 10;

interface FlipSample {
  at: number;
  /** |shown remaining on A − on B| at one of the two screens' digit flips. */
  disagreement: number;
  /** How far B's estimate of the server clock is from the server's own clock. */
  errorB: number;
  errorA: number;
  roundTripB: number | null;
}

/**
 * Figure 5: two screens with the client's real clock code; B behind a proxy adding 0–100 ms
 * each way and with its wall clock skewed. At every digit flip of either, both are read at
 * the same instant. Then B's wall clock steps forward and the same is read again.
 */
export const clockAgreementFigure: Figure = {
  id: '5',
  title: 'Clock agreement between two screens',
  async run({ quick, log }) {
    const durationMs = quick ? 4_000 : 200_000;
    const stepAfterMs = quick ? 2_500 : 100_000;
    const server = await ServerProcess.start();
    const proxy = await JitterProxy.start(server.port, MAX_JITTER_MS, seededRandom(5));
    const group = await createGroup(server.url, 'Clocks');
    let skewB = SKEW_MS;
    const screenA = new ClockedScreen(server.url, { code: group.code, role: 'display' });
    const screenB = new ClockedScreen(
      `http://127.0.0.1:${proxy.port}`,
      { code: group.code, role: 'member', name: 'B' },
      deviceClocks(() => Date.now() + skewB),
    );
    const facilitator = io(server.url, {
      forceNew: true,
      transports: ['websocket'],
      auth: {
        code: group.code,
        role: 'facilitator',
        key: group.facilitatorKey,
        v: PROTOCOL_VERSION,
      },
    });
    const timers = new Set<ReturnType<typeof setTimeout>>();
    try {
      await waitFor(
        'both screens synced',
        () => (screenA.clock.synced.value && screenB.clock.synced.value ? true : undefined),
        20_000,
      );
      const ack = await facilitator.timeout(10_000).emitWithAck('command', { type: 'start' });
      if (!ack?.ok) throw new Error(`start refused: ${JSON.stringify(ack)}`);
      await waitFor(
        'the start at both screens',
        () => (screenA.view?.running && screenB.view?.running ? true : undefined),
        5_000,
      );
      const startedAt = sharedNow();
      const stepAt = startedAt + stepAfterMs;
      const pingsAtStart = [screenA.pings, screenB.pings];
      const samples: FlipSample[] = [];
      let skipped = 0;
      const sample = () => {
        const a = screenA.remaining();
        const b = screenB.remaining();
        if (a === null || b === null || screenA.view?.revision !== screenB.view?.revision) {
          skipped += 1;
          return;
        }
        const now = sharedNow();
        samples.push({
          at: now,
          disagreement: Math.abs(a - b),
          errorA: screenA.clock.now() - now,
          errorB: screenB.clock.now() - now,
          roundTripB: screenB.clock.roundTripMs.value,
        });
      };
      // Each screen re-reads at its own digit flips, as CountdownModel does.
      const followFlips = (screen: ClockedScreen) => {
        const view = screen.view;
        const wait = view ? countdownAt(view, screen.clock.now()).msToNextFlip : null;
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            sample();
            if (sharedNow() < startedAt + durationMs) followFlips(screen);
          },
          wait === null ? 100 : Math.max(1, Math.ceil(wait)),
        );
        timers.add(timer);
      };
      followFlips(screenA);
      followFlips(screenB);
      log(
        `clock agreement: ${durationMs / 1000} s, B's wall clock steps ${STEP_MS} ms at ${stepAfterMs / 1000} s`,
      );
      await sleep(stepAt - sharedNow());
      skewB += STEP_MS;
      await sleep(startedAt + durationMs - sharedNow() + 50);

      const perMinute = (screen: ClockedScreen, index: number) =>
        ((screen.pings - (pingsAtStart[index] ?? 0)) * 60_000) / durationMs;
      const pingsA = perMinute(screenA, 0);
      const pingsB = perMinute(screenB, 1);
      const before = samples.filter((s) => s.at < stepAt);
      const after = samples.filter((s) => s.at >= stepAt);
      const steady = summarize(before.map((s) => s.disagreement));
      const errorsA = summarize(before.map((s) => Math.abs(s.errorA)));
      const errorsB = summarize(before.map((s) => Math.abs(s.errorB)));
      const stepped = summarize(after.map((s) => s.disagreement));
      // How far the step moved what B shows, against what B's estimates claim as their error.
      const lastBefore = before[before.length - 1];
      const moved = summarize(after.map((s) => Math.abs(s.errorB - (lastBefore?.errorB ?? 0))));
      const halfTrip = (s: FlipSample | undefined) => (s?.roundTripB ?? 0) / 2;
      const moveBound = halfTrip(lastBefore) + Math.max(0, ...after.map(halfTrip));
      const row = (label: string, summary: ReturnType<typeof summarize>) => [
        label,
        String(summary.count),
        `${fmt(summary.p50, 1)} ms`,
        `${fmt(summary.p99, 1)} ms`,
        `${fmt(summary.max, 1)} ms`,
      ];
      const details = [
        `Screen A: a display on loopback. Screen B: a member behind \`bench/lib/jitterProxy.ts\`, a ` +
          `TCP proxy that holds each chunk 0–${MAX_JITTER_MS} ms (uniform, seeded, order kept) each ` +
          `way; B's wall clock runs ${fmt(SKEW_MS / 1000, 3)} s off. Both use \`ServerClock\` from ` +
          'client/src/clock.ts with the options the pages use (A exactly as a page: its defaults; ' +
          "B with the same monotonic local clock and wall-clock watch, built on B's skewed wall " +
          'clock), re-measuring on connect and every 45 s; their views come from real sockets. At ' +
          'every digit flip of either screen (scheduled as the countdown model does) both are read ' +
          `at that instant and their shown remaining times compared. ${fmt(durationMs / 1000, 0)} s ` +
          `of a running phase; after ${fmt(stepAfterMs / 1000, 0)} s B's wall clock steps ` +
          `${STEP_MS} ms forward. A clock error is the screen's idea of the server's time minus the ` +
          'server’s own (same machine, same clock).',
        '',
        table(
          ['', 'flips read', 'p50', 'p99', 'max'],
          [
            row('A vs B, before the step', steady),
            row('A’s clock error', errorsA),
            row('B’s clock error', errorsB),
            row('A vs B, after B’s wall clock steps', stepped),
            row('B moved by the step', moved),
          ],
        ),
        '',
        `${skipped} flips fell while the two screens had different revisions and were not compared. ` +
          `B's estimates claim errors of at most ${fmt(halfTrip(lastBefore), 1)} ms before the step and ` +
          `${fmt(moveBound - halfTrip(lastBefore), 1)} ms after it (half the span their samples ` +
          `leave the offset), so the step may move what B shows by ${fmt(moveBound, 1)} ms at ` +
          'most. Clock pings: A sent ' +
          `${pingsAtStart[0]} and B ${pingsAtStart[1]} before the phase started, then ` +
          `${fmt(pingsA, 1)} and ${fmt(pingsB, 1)} a minute while it ran (B's fresh burst after ` +
          'the step included).',
      ].join('\n');
      const results: FigureResult[] = [
        {
          id: '5a',
          title: `Clock agreement, 0–${MAX_JITTER_MS} ms jitter, skewed wall clock`,
          measured: `worst ${fmt(steady.max, 1)} ms (p50 ${fmt(steady.p50, 1)}) over ${steady.count} flips`,
          target: `≤ ${TARGET_MS} ms`,
          holds: steady.count > 0 ? steady.max <= TARGET_MS : null,
          details,
        },
        {
          id: '5b',
          title: `A screen's wall clock steps ${fmt(STEP_MS / 1000, 1)} s`,
          measured: `shown time moved by up to ${fmt(moved.max, 1)} ms (its estimates' error: ≤ ${fmt(moveBound, 1)} ms)`,
          target: "moves by no more than the estimate's error",
          holds: moved.count > 0 ? moved.max <= moveBound : null,
          details: 'See 5a: the same two screens, after the step.',
        },
      ];
      return results;
    } finally {
      for (const timer of timers) clearTimeout(timer);
      screenA.close();
      screenB.close();
      facilitator.close();
      await proxy.close();
      await server.stop();
    }
  },
};
