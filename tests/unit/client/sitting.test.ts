import { fitToEnd, MINUTE_MS, type SessionView } from '@balint/shared';
import { signal } from '@preact/signals-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clockMinutesBetween,
  differenceText,
  msToOutlookChange,
  outlookAt,
  ProjectionModel,
  worthFitting,
} from '../../../client/src/models/projection.ts';
import { endAtFromField, fieldFromEndAt } from '../../../client/src/views/Facilitator/endTime.ts';
import { createGroup } from '../../../client/src/views/Home/createGroup.ts';
import {
  homeKeys,
  rememberedPlan,
  rememberGroup,
} from '../../../client/src/views/Home/homeMemory.ts';
import { useFakeLocalStorage } from './fakeStorage.ts';
import { makeView } from './views.ts';

const MINUTE = MINUTE_MS;
const HOUR = 60 * MINUTE;

describe('the end time field', () => {
  // A zone with summer time, so the day it ends can be tested.
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Europe/Budapest';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  const local = (month: number, day: number, hours: number, minutes = 0) =>
    new Date(2026, month - 1, day, hours, minutes).getTime();

  it('reads HH:MM as the next such time of day, today or tomorrow', () => {
    const now = local(11, 25, 12, 10);
    expect(endAtFromField('13:30', now)).toBe(local(11, 25, 13, 30));
    expect(endAtFromField('09:00', now)).toBe(local(11, 26, 9, 0));
    expect(endAtFromField('00:15', local(11, 25, 23, 50))).toBe(local(11, 26, 0, 15));
    // The minute now is already past: tomorrow's, exactly 24 h on at most.
    expect(endAtFromField('12:10', now)).toBe(local(11, 26, 12, 10));
    expect(endAtFromField('12:10', local(11, 25, 12, 10) + 30_000)).toBe(local(11, 26, 12, 10));
    expect(endAtFromField('13:30:00', now)).toBe(local(11, 25, 13, 30));
  });

  it('refuses what is no time, and a moment more than 24 h ahead', () => {
    const now = local(11, 25, 12, 0);
    for (const value of ['', '7', '25:00', '12:60', '1:30 PM', 'noon']) {
      expect(endAtFromField(value, now), value).toBeNull();
    }
    // The night summer time ends has 25 hours: 22:30 tomorrow is 24.5 h away.
    expect(endAtFromField('22:30', local(10, 24, 23, 0))).toBeNull();
    expect(endAtFromField('22:30', local(10, 24, 22, 0))).toBe(local(10, 24, 22, 30));
  });

  it('shows a planned end back in the field as HH:MM', () => {
    expect(fieldFromEndAt(local(11, 25, 9, 5))).toBe('09:05');
    expect(fieldFromEndAt(local(11, 25, 13, 30) + 45_000)).toBe('13:30');
  });
});

describe('the outlook against the planned end', () => {
  const T0 = Date.UTC(2026, 10, 25, 12, 0);

  /** In the presentation of case 1 of 2, with `leftMs` of it to go. */
  function presenting(leftMs: number, overrides: Partial<SessionView> = {}): SessionView {
    return makeView({
      phase: 'presentation',
      serverTime: T0,
      phaseBudgetMs: 10 * MINUTE,
      phaseElapsedMs: 10 * MINUTE - leftMs,
      casesPlanned: 2,
      ...overrides,
    });
  }

  it('says the difference in whole minutes, calmly', () => {
    expect(differenceText(7)).toBe('7 min over');
    expect(differenceText(0)).toBe('on time');
    expect(differenceText(-3)).toBe('3 min to spare');
    expect(differenceText(75)).toBe('1 h 15 min over');
    expect(differenceText(-120)).toBe('2 h to spare');
    // As the two times read: 13:37:40 against 13:30 is 7 over; 13:28:30 is 2 to spare.
    const end = Date.UTC(2026, 10, 25, 13, 30);
    expect(clockMinutesBetween(end + 7 * MINUTE + 40_000, end)).toBe(7);
    expect(clockMinutesBetween(end - 90_000, end)).toBe(-2);
    expect(clockMinutesBetween(end + 59_999, end)).toBe(0);
  });

  it('re-evaluates the projection at the time asked, paused time and overtime pushing it', () => {
    // 4 min of the presentation + 5 + 25 + 10, then case 2 (50 min): 94 min.
    const view = presenting(4 * MINUTE, { endsAt: T0 + 90 * MINUTE });
    expect(outlookAt(view, T0)).toEqual({
      endsAt: T0 + 90 * MINUTE,
      projectedAt: T0 + 94 * MINUTE,
      overMinutes: 4,
    });
    expect(outlookAt(view, T0 + 3 * MINUTE).overMinutes).toBe(4);
    expect(outlookAt(view, T0 + 7 * MINUTE).overMinutes).toBe(7);
    const paused = { ...view, running: false };
    expect(outlookAt(paused, T0 + 2 * MINUTE).overMinutes).toBe(6);
    expect(outlookAt({ ...view, endsAt: null }, T0).overMinutes).toBeNull();
    expect(outlookAt(makeView({ phase: 'ended', endsAt: T0 }), T0).projectedAt).toBeNull();
    expect(worthFitting(outlookAt(view, T0))).toBe(true);
    expect(worthFitting(outlookAt({ ...view, endsAt: T0 + 94 * MINUTE }, T0))).toBe(false);
    expect(worthFitting(outlookAt({ ...view, endsAt: T0 + 93 * MINUTE }, T0))).toBe(true);
  });

  it('knows when what it shows can next change', () => {
    const view = presenting(4 * MINUTE + 500, { endsAt: T0 + 90 * MINUTE });
    // Running within the budget, the projection stands still until time-up.
    expect(msToOutlookChange(view, T0)).toBe(4 * MINUTE + 500);
    // Paused or in overtime it moves with the clock: the next whole minute of it.
    expect(msToOutlookChange({ ...view, running: false }, T0)).toBe(MINUTE - 500);
    expect(msToOutlookChange(view, T0 + 5 * MINUTE)).toBe(MINUTE);
    expect(msToOutlookChange(view, T0 + 5 * MINUTE + 100)).toBe(MINUTE - 100);
    expect(msToOutlookChange(makeView({ phase: 'lobby', serverTime: T0 }), T0 + 1)).toBe(
      MINUTE - 1,
    );
    expect(msToOutlookChange(makeView({ phase: 'ended' }), T0)).toBeNull();
  });

  it('[E3] fits only the phases to come, never the one running', () => {
    // Case 1 of 2, in the discussion with 5 min left: the discussion comes again in case 2, but
    // a setBudget for it would also cut the discussion now running.
    const view = makeView({
      phase: 'discussion',
      serverTime: T0,
      phaseBudgetMs: 25 * MINUTE,
      phaseElapsedMs: 20 * MINUTE,
      casesPlanned: 2,
    });
    // 5 + 10 now, 50 for case 2: 65 min projected, 25 over.
    expect(fitToEnd(view, T0, T0 + 40 * MINUTE)).toEqual({
      changes: [
        { phase: 'questions', fromMs: 5 * MINUTE, toMs: 3 * MINUTE },
        { phase: 'presentation', fromMs: 10 * MINUTE, toMs: 5 * MINUTE },
        { phase: 'reflection', fromMs: 10 * MINUTE, toMs: 5 * MINUTE },
      ],
      stillOverMs: 8 * MINUTE,
    });
    // Running the presentation of case 1 of 2, 14.5 min over: the phases after it give instead.
    const presenting = makeView({ serverTime: T0, phaseElapsedMs: 0, casesPlanned: 2 });
    expect(fitToEnd(presenting, T0, T0 + 85.5 * MINUTE)).toEqual({
      changes: [
        { phase: 'questions', fromMs: 5 * MINUTE, toMs: 3 * MINUTE },
        { phase: 'reflection', fromMs: 10 * MINUTE, toMs: 5 * MINUTE },
        { phase: 'discussion', fromMs: 25 * MINUTE, toMs: 24 * MINUTE },
      ],
      stillOverMs: 0,
    });
    // Outside the five phases, or with the running phase not to come again: fitToEnd as it is.
    const lobby = makeView({ phase: 'lobby', serverTime: T0, casesPlanned: 2 });
    expect(fitToEnd(lobby, T0, T0 + 90 * MINUTE)).toEqual(fitToEnd(lobby, T0, T0 + 90 * MINUTE));
  });
});

describe('ProjectionModel', () => {
  const T0 = Date.UTC(2026, 10, 25, 12, 0, 30);
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('moves the projection on as a paused clock lets time pass, without a tick counter', async () => {
    const view = signal<SessionView | null>(
      makeView({
        phase: 'opening',
        running: false,
        phaseBudgetMs: 5 * MINUTE,
        serverTime: T0,
        endsAt: T0 + HOUR,
      }),
    );
    const clock = { offsetMs: signal(0), now: () => Date.now() };
    const model = new ProjectionModel(view, clock);
    const first = model.outlook.value;
    expect(first?.projectedAt).toBe(T0 + 55 * MINUTE);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(model.outlook.value).toBe(first);
    await vi.advanceTimersByTimeAsync(1);
    expect(model.outlook.value?.projectedAt).toBe(T0 + 55 * MINUTE + 30_000);
    view.value = { ...(view.value as SessionView), running: true, serverTime: Date.now() };
    expect(vi.getTimerCount()).toBe(1);
    model.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('cases planned at creation', () => {
  useFakeLocalStorage();

  it('posts plan.cases with the group, and remembers it for the next one', async () => {
    let sent: unknown;
    const fetcher = (async (_url: string, init: RequestInit) => {
      sent = JSON.parse(String(init.body));
      return new Response('{}', { status: 500 });
    }) as typeof fetch;
    await createGroup(
      { name: '', language: 'en', budgets: {}, autoAdvance: false, cases: 2 },
      fetcher,
    );
    expect(sent).toEqual({ language: 'en', plan: { budgets: {}, autoAdvance: false, cases: 2 } });

    const minutes = { opening: '5', presentation: '10', questions: '5', discussion: '25' };
    const plan = { name: 'Two a night', minutes: { ...minutes, reflection: '10' } };
    rememberGroup(
      { code: 'K7M2QX', name: '', createdAt: 0 },
      { ...plan, autoAdvance: false, cases: 3 },
      0,
    );
    expect(rememberedPlan()?.cases).toBe(3);
    localStorage.setItem(homeKeys.lastPlan, JSON.stringify({ ...plan, cases: 7 }));
    expect(rememberedPlan()).not.toHaveProperty('cases');
  });
});
