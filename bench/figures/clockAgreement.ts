import { countdownAt } from '@balint/shared';
import { io } from 'socket.io-client';
import { seededRandom } from '../../tests/support/random.ts';
import { createGroup } from '../lib/api.ts';
import { sharedNow, sleep, waitFor } from '../lib/clock.ts';
import { type Figure, type FigureResult, table } from '../lib/figure.ts';
import { JitterProxy } from '../lib/jitterProxy.ts';
import { ClockedScreen } from '../lib/screenClock.ts';
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
    const screenA = new ClockedScreen(server.url, { code: group.code, role: 'display' }, sharedNow);
    const screenB = new ClockedScreen(
      `http://127.0.0.1:${proxy.port}`,
      { code: group.code, role: 'member', name: 'B' },
      () => sharedNow() + skewB,
    );
    const facilitator = io(server.url, {
      forceNew: true,
      transports: ['websocket'],
      auth: { code: group.code, role: 'facilitator', key: group.facilitatorKey },
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

      const before = samples.filter((s) => s.at < stepAt);
      const after = samples.filter((s) => s.at >= stepAt);
      const steady = summarize(before.map((s) => s.disagreement));
      const errorsA = summarize(before.map((s) => Math.abs(s.errorA)));
      const errorsB = summarize(before.map((s) => Math.abs(s.errorB)));
      const stepped = summarize(after.map((s) => s.disagreement));
      const stepBound = Math.max(...after.map((s) => (s.roundTripB ?? 0) / 2));
      // The first flip from which on the two agree again, if any.
      const lastApart = after.findLastIndex((s) => s.disagreement > TARGET_MS);
      const settledAt = lastApart < after.length - 1 ? after[lastApart + 1]?.at : undefined;
      const details = [
        `Screen A: a display on loopback. Screen B: a member behind \`bench/lib/jitterProxy.ts\`, a ` +
          `TCP proxy that holds each chunk 0–${MAX_JITTER_MS} ms (uniform, seeded, order kept) each ` +
          `way; B's wall clock runs ${fmt(SKEW_MS / 1000, 3)} s off. Both use \`ServerClock\` from ` +
          'client/src/clock.ts with the options the pages use, re-measuring on connect and every ' +
          '45 s; their views come from real sockets. At every digit flip of either screen ' +
          '(scheduled as the countdown model does) both are read at that instant and their shown ' +
          `remaining times compared. ${fmt(durationMs / 1000, 0)} s of a running phase; after ` +
          `${fmt(stepAfterMs / 1000, 0)} s B's wall clock steps ${STEP_MS} ms forward.`,
        '',
        table(
          ['', 'flips read', 'p50', 'p99', 'max'],
          [
            [
              'A vs B, before the step',
              String(steady.count),
              `${fmt(steady.p50, 1)} ms`,
              `${fmt(steady.p99, 1)} ms`,
              `${fmt(steady.max, 1)} ms`,
            ],
            [
              'A’s clock error',
              String(errorsA.count),
              `${fmt(errorsA.p50, 1)} ms`,
              `${fmt(errorsA.p99, 1)} ms`,
              `${fmt(errorsA.max, 1)} ms`,
            ],
            [
              'B’s clock error',
              String(errorsB.count),
              `${fmt(errorsB.p50, 1)} ms`,
              `${fmt(errorsB.p99, 1)} ms`,
              `${fmt(errorsB.max, 1)} ms`,
            ],
            [
              'A vs B, after B’s clock steps',
              String(stepped.count),
              `${fmt(stepped.p50, 1)} ms`,
              `${fmt(stepped.p99, 1)} ms`,
              `${fmt(stepped.max, 1)} ms`,
            ],
          ],
        ),
        '',
        `${skipped} flips fell while the two screens had different revisions and were not compared. ` +
          `After the step B's estimate claims an error of at most ${fmt(stepBound, 1)} ms (half its round trip); ` +
          (settledAt
            ? `the two agree within ${TARGET_MS} ms again ${fmt((settledAt - stepAt) / 1000, 1)} s after the step.`
            : `they did not agree within ${TARGET_MS} ms again before the run ended (${fmt((startedAt + durationMs - stepAt) / 1000, 0)} s after the step).`),
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
          title: `A screen's wall clock steps ${STEP_MS} ms`,
          measured: `shown time off by up to ${fmt(stepped.max, 0)} ms; ${settledAt ? `back within ${TARGET_MS} ms after ${fmt((settledAt - stepAt) / 1000, 1)} s` : 'not back before the run ended'}`,
          target: "moves by no more than the estimate's error",
          holds: stepped.count > 0 ? stepped.max <= Math.max(stepBound, TARGET_MS) : null,
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
