import {
  type Command,
  catchUp,
  countdownAt,
  decide,
  newSession,
  type PhaseId,
  phaseAfter,
  remainingMs,
  resolvePlan,
  type Session,
  type SessionView,
  toView,
} from '@balint/shared';
import { SimulatedClock } from 'xstate';
import { seededRandom } from '../../tests/support/random.ts';
import { type Figure, table } from '../lib/figure.ts';
import { ReferenceClock } from '../lib/referenceClock.ts';
import { fmt } from '../lib/stats.ts';

const SESSION_MS = 90 * 60_000;
const META: Parameters<typeof toView>[2] = {
  code: 'DRIFT0',
  name: 'Drift',
  counts: { facilitators: 1, displays: 1, members: 10 },
};

interface Tally {
  checks: number;
  /** Largest |shown remaining − reference| in ms, on the held view and on fresh ones. */
  maxErrorMs: number;
  digitMismatches: number;
  flipsChecked: number;
  /** Flips that did not happen exactly on the reference's second boundary. */
  flipsOff: number;
  restarts: number;
  commands: number;
  refused: string[];
}

/**
 * Figure 6: a 90-minute session with pauses, extensions, overtime, a second case and a server
 * restart, run on a simulated clock with the shared rules (`decide`, `catchUp`, `toView`,
 * `countdownAt`). A screen holds the last view it was sent and counts on by itself; every
 * shown value is compared with an independent reference (`ReferenceClock`).
 */
export const driftFigure: Figure = {
  id: '6',
  title: 'Drift over a 90-minute session',
  async run({ quick }) {
    const stepMs = quick ? 997 : 97;
    const random = seededRandom(90);
    const clock = new SimulatedClock();
    const T0 = Date.UTC(2026, 0, 13, 17, 0, 0);
    clock.set(T0);
    const plan = resolvePlan({});
    let session: Session = newSession(plan, T0);
    const reference = new ReferenceClock(plan);
    let held: SessionView = toView(session, T0, META);
    const tally: Tally = {
      checks: 0,
      maxErrorMs: 0,
      digitMismatches: 0,
      flipsChecked: 0,
      flipsOff: 0,
      restarts: 0,
      commands: 0,
      refused: [],
    };

    /** Compares what a screen shows at `at` with the reference. */
    const check = (view: SessionView, at: number) => {
      if (!reference.phase) return;
      tally.checks += 1;
      const error = Math.abs(remainingMs(view, at) - reference.remainingAt(at));
      tally.maxErrorMs = Math.max(tally.maxErrorMs, error);
      const shown = countdownAt(view, at);
      const expected = reference.shownAt(at);
      if (shown.seconds !== expected.seconds || shown.overtime !== expected.overtime) {
        tally.digitMismatches += 1;
      }
      if (shown.msToNextFlip !== null) {
        // The digit must change exactly at the flip the screen schedules, not a ms early or late.
        const flipAt = at + shown.msToNextFlip;
        tally.flipsChecked += 1;
        const justBefore = reference.shownAt(flipAt - 1);
        const atFlip = reference.shownAt(flipAt);
        const changes =
          justBefore.seconds !== atFlip.seconds || justBefore.overtime !== atFlip.overtime;
        if (!changes) tally.flipsOff += 1;
      }
    };

    /** Time passes: the screen counts on from its held view; now and then a fresh view. */
    const passTime = (ms: number) => {
      const end = clock.now() + ms;
      let sinceFresh = 0;
      while (clock.now() + stepMs < end) {
        clock.increment(stepMs);
        check(held, clock.now());
        sinceFresh += stepMs;
        if (sinceFresh >= 10_000) {
          sinceFresh = 0;
          check(toView(catchUp(session, clock.now()), clock.now(), META), clock.now());
        }
      }
      clock.set(end);
    };

    const send = (command: Command) => {
      const at = clock.now();
      const decision = decide(session, command, at);
      if (!decision.ok) {
        tally.refused.push(`${command.type}: ${decision.error.code}`);
        return false;
      }
      tally.commands += 1;
      session = decision.session;
      held = toView(session, at, META);
      return true;
    };

    const randomMs = (min: number, max: number) => Math.floor(min + random() * (max - min));
    passTime(randomMs(20_000, 60_000));
    if (send({ type: 'start' })) reference.enter('opening', clock.now());
    let phase: PhaseId | null = 'opening';
    let secondCase = false;
    const endAt = T0 + SESSION_MS;
    while (phase && clock.now() < endAt) {
      // A phase runs to 60–130 % of its budget, with a pause or an extension now and then.
      const planned = plan.budgets[phase];
      const phaseEnd = clock.now() + Math.floor(planned * (0.6 + random() * 0.7));
      while (clock.now() < Math.min(phaseEnd, endAt)) {
        passTime(Math.min(randomMs(30_000, 240_000), Math.max(1, phaseEnd - clock.now())));
        const roll = random();
        if (roll < 0.3 && reference.running) {
          if (send({ type: 'pause' })) reference.pause(clock.now());
          passTime(randomMs(5_000, 90_000));
          if (send({ type: 'resume' })) reference.resume(clock.now());
        } else if (roll < 0.5) {
          const ms = randomMs(1_000, 180_000);
          if (send({ type: 'extend', ms })) reference.extend(ms);
        }
      }
      if (!reference.running && send({ type: 'resume' })) reference.resume(clock.now());
      if (clock.now() >= endAt) break;
      if (tally.restarts === 0 && clock.now() > T0 + SESSION_MS / 2) {
        // The server restarts: the session is read back from its stored JSON.
        session = JSON.parse(JSON.stringify(session)) as Session;
        held = toView(catchUp(session, clock.now()), clock.now(), META);
        tally.restarts += 1;
      }
      const next = phaseAfter(phase);
      if (next && send({ type: 'next' })) {
        reference.enter(next, clock.now());
        phase = next;
      } else if (!next && !secondCase && send({ type: 'nextCase' })) {
        reference.enter('presentation', clock.now());
        phase = 'presentation';
        secondCase = true;
      } else phase = null;
    }
    passTime(Math.max(0, endAt - clock.now()));
    const finalError = reference.phase
      ? Math.abs(remainingMs(held, clock.now()) - reference.remainingAt(clock.now()))
      : 0;
    const holds =
      tally.maxErrorMs === 0 &&
      tally.digitMismatches === 0 &&
      tally.flipsOff === 0 &&
      tally.refused.length === 0;
    const details = [
      `A ${SESSION_MS / 60_000}-minute session on xstate's \`SimulatedClock\`: commands decided ` +
        'with the shared `decide()` (as the server does), views made with `toView()` and read with ' +
        '`countdownAt()`/`remainingMs()` (as the screens do). The script (seeded) runs each phase ' +
        'to 60–130 % of its budget (so into overtime at times), pauses and extends at odd ' +
        'millisecond counts, takes a second case and restarts the server halfway (the session read ' +
        `back from its JSON). A screen holds the last view it was sent; every ${stepMs} ms of ` +
        'simulated time its shown value is compared with a naive reference that adds up running ' +
        'time at each pause; every 10 s a freshly made view is compared too, and each scheduled ' +
        'digit flip is checked to fall exactly on the reference’s second boundary.',
      '',
      table(
        [
          'commands',
          'checks',
          'max error',
          'error at 90 min',
          'digit mismatches',
          'flips off their boundary',
          'PHASE_IDS',
        ],
        [
          [
            String(tally.commands),
            tally.checks.toLocaleString('en-US'),
            `${fmt(tally.maxErrorMs, 0)} ms`,
            `${fmt(finalError, 0)} ms`,
            String(tally.digitMismatches),
            `${tally.flipsOff} of ${tally.flipsChecked.toLocaleString('en-US')}`,
          ],
        ],
      ),
      ...(tally.refused.length ? ['', `Refused (unexpected): ${tally.refused.join(', ')}.`] : []),
    ].join('\n');
    return [
      {
        id: '6',
        title: 'Drift over a 90-minute session',
        measured: `max error ${fmt(tally.maxErrorMs, 0)} ms over ${tally.checks.toLocaleString('en-US')} checks; ${tally.digitMismatches} digit mismatches`,
        target: '0',
        holds,
        details,
      },
    ];
  },
};
