import { describe, expect, it } from 'vitest';
import {
  type Command,
  PHASE_IDS,
  phaseAfter,
  phaseBefore,
  type SessionPhase,
} from '../../../shared/src/index.ts';
import { pick, seededRandom } from '../../support/random.ts';
import { createHarness, type Harness, restart, SECOND } from './harness.ts';

const SEQUENCES = 150;
const STEPS = 80;

function randomCommand(random: () => number): Command {
  const ms = pick(random, [SECOND, 3 * SECOND, 10 * SECOND, 0, 999, 10_800_001, 2.5]);
  return pick<Command>(random, [
    { type: 'start' },
    { type: 'pause' },
    { type: 'resume' },
    { type: 'next' },
    { type: 'next' },
    { type: 'back' },
    { type: 'extend', ms },
    { type: 'setBudget', phase: pick(random, PHASE_IDS), ms },
    { type: 'setPresenter', name: pick(random, ['', 'Ann', ' B ', 'x'.repeat(41)]) },
    { type: 'nextCase' },
    { type: 'end' },
    { type: 'reset' },
  ]);
}

/** The phases a command may lead to from `from`, by the command table. */
function allowedTargets(command: Command, from: SessionPhase): SessionPhase[] {
  switch (command.type) {
    case 'start':
      return from === 'lobby' ? ['opening', from] : [from];
    case 'next':
      return from !== 'lobby' && from !== 'ended' ? [phaseAfter(from) ?? from, from] : [from];
    case 'back':
      return from !== 'lobby' && from !== 'ended' ? [phaseBefore(from) ?? from, from] : [from];
    case 'nextCase':
      return ['presentation', from];
    case 'end':
      return ['ended'];
    case 'reset':
      return ['lobby'];
    default:
      return [from];
  }
}

function check(h: Harness) {
  const view = h.view();
  expect(view.phaseElapsedMs).toBeGreaterThanOrEqual(0);
  expect(view.phaseBudgetMs).toBeGreaterThanOrEqual(0);
  if (view.phase === 'lobby' || view.phase === 'ended') expect(view.running).toBe(false);
  return view;
}

describe('random sequences', () => {
  it('[I1] never break the invariants: revision, elapsed, phase order', () => {
    for (let seed = 1; seed <= SEQUENCES; seed++) {
      const random = seededRandom(seed);
      const autoAdvance = random() < 0.5;
      let h = createHarness({
        autoAdvance,
        budgets: Object.fromEntries(
          PHASE_IDS.map((p) => [p, pick(random, [SECOND, 2 * SECOND, 5 * SECOND])]),
        ),
      });
      for (let step = 0; step < STEPS; step++) {
        const before = check(h);
        const roll = random();
        if (roll < 0.25) {
          h.advance(Math.floor(random() * 4 * SECOND));
          // resync as the server does before acting: catches up anything due
          h.sendRaw({ type: 'resync', at: h.clock.now() });
          const after = check(h);
          const advances = after.revision - before.revision;
          expect(advances, `seed ${seed} step ${step}`).toBeGreaterThanOrEqual(0);
          if (!autoAdvance || advances === 0) {
            expect(after.revision).toBe(before.revision);
            expect(after.phase).toBe(before.phase);
          } else {
            let phase = before.phase;
            for (let i = 0; i < advances; i++) {
              expect(phase).not.toBe('reflection');
              phase = phaseAfter(phase as (typeof PHASE_IDS)[number]) ?? phase;
            }
            expect(after.phase, `seed ${seed} step ${step}`).toBe(phase);
          }
        } else if (roll < 0.3) {
          h = restart(h, Math.floor(random() * 3 * SECOND));
          expect(h.view().revision).toBeGreaterThanOrEqual(before.revision);
        } else {
          const command = randomCommand(random);
          const stored = h.session;
          const refusal = h.send(command);
          const after = check(h);
          if (refusal) {
            expect(h.session, `seed ${seed} step ${step}`).toBe(stored);
          } else if (after.revision === before.revision + 2) {
            // a budget cut below the elapsed time ends an auto-advancing phase at once
            expect(autoAdvance && ['setBudget', 'resume'].includes(command.type)).toBe(true);
            expect(after.phase).toBe(phaseAfter(before.phase as (typeof PHASE_IDS)[number]));
          } else {
            expect(after.revision, `seed ${seed} step ${step}`).toBe(before.revision + 1);
            expect(allowedTargets(command, before.phase)).toContain(after.phase);
          }
        }
      }
    }
  }, 60_000);
});
