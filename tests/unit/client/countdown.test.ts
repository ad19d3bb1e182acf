import type { ClockView } from '@balint/shared';
import { signal } from '@preact/signals-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { de } from '../../../client/src/i18n/de.ts';
import { en } from '../../../client/src/i18n/en.ts';
import { hu } from '../../../client/src/i18n/hu.ts';
import { CountdownModel, readingAt } from '../../../client/src/models/countdown.ts';
import { clockText, clockWords } from '../../../client/src/models/phaseText.ts';

const T0 = Date.parse('2026-11-25T18:00:00Z');

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

function fakeClock(offsetMs = 0) {
  const offset = signal(offsetMs);
  return { offsetMs: offset, now: () => Date.now() + offset.peek() };
}

function running(overrides: Partial<ClockView> = {}): ClockView {
  return { running: true, phaseBudgetMs: 10_000, phaseElapsedMs: 0, serverTime: T0, ...overrides };
}

describe('readingAt', () => {
  it('counts whole seconds down and reports progress', () => {
    const reading = readingAt(running({ phaseElapsedMs: 2_500 }), T0);
    expect(reading.countdown).toEqual({ overtime: false, seconds: 8, msToNextFlip: 500 });
    expect(reading.progress).toBeCloseTo(0.25);
    expect(clockText(reading)).toBe('0:08');
    expect(clockWords(reading, en)).toBe('8 seconds left');
    expect(clockWords(reading, de)).toBe('noch 8 Sekunden');
    expect(clockWords(reading, hu)).toBe('még 8 másodperc');
  });

  it('counts up in overtime with a plus sign', () => {
    const reading = readingAt(running({ phaseElapsedMs: 145_400 }), T0);
    expect(reading.countdown.overtime).toBe(true);
    expect(clockText(reading)).toBe('+2:15');
    expect(clockWords(reading, en)).toBe('2 minutes 15 seconds over time');
    expect(clockWords(reading, de)).toBe('2 Minuten 15 Sekunden über der Zeit');
    expect(reading.progress).toBe(1);
  });
});

describe('CountdownModel', () => {
  it('flips exactly on the server’s second boundaries, not on a fixed interval', async () => {
    const view = signal<ClockView | null>(running({ phaseElapsedMs: 300 }));
    const model = new CountdownModel(view, fakeClock());
    expect(model.reading.value?.countdown.seconds).toBe(10);
    await vi.advanceTimersByTimeAsync(699);
    expect(model.reading.value?.countdown.seconds).toBe(10);
    await vi.advanceTimersByTimeAsync(1);
    expect(model.reading.value?.countdown.seconds).toBe(9);
    await vi.advanceTimersByTimeAsync(999);
    expect(model.reading.value?.countdown.seconds).toBe(9);
    await vi.advanceTimersByTimeAsync(1);
    expect(model.reading.value?.countdown.seconds).toBe(8);
    model.dispose();
  });

  it('keeps one timer at a time and none while paused', async () => {
    const view = signal<ClockView | null>(running());
    const model = new CountdownModel(view, fakeClock());
    expect(vi.getTimerCount()).toBe(1);
    view.value = { ...running(), running: false, phaseElapsedMs: 4_200 };
    expect(vi.getTimerCount()).toBe(0);
    expect(model.reading.value?.countdown.seconds).toBe(6);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(model.reading.value?.countdown.seconds).toBe(6);
    model.dispose();
  });

  it('does not drift over a long session', async () => {
    const view = signal<ClockView | null>(running({ phaseBudgetMs: 3_600_000 }));
    const model = new CountdownModel(view, fakeClock());
    await vi.advanceTimersByTimeAsync(45 * 60_000);
    expect(model.reading.value?.countdown.seconds).toBe(15 * 60);
    model.dispose();
  });

  it('goes into overtime and counts up', async () => {
    const view = signal<ClockView | null>(running({ phaseBudgetMs: 2_000 }));
    const model = new CountdownModel(view, fakeClock());
    await vi.advanceTimersByTimeAsync(2_000);
    expect(model.reading.value?.countdown).toMatchObject({ overtime: true, seconds: 0 });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(model.reading.value?.countdown).toMatchObject({ overtime: true, seconds: 3 });
    model.dispose();
  });

  it('re-reads at once when the clock offset is corrected', () => {
    const clock = fakeClock(0);
    const view = signal<ClockView | null>(running());
    const model = new CountdownModel(view, clock);
    expect(model.reading.value?.countdown.seconds).toBe(10);
    clock.offsetMs.value = 3_000;
    expect(model.reading.value?.countdown.seconds).toBe(7);
    model.dispose();
  });

  it('shows nothing without a view and stops its timer when disposed', () => {
    const view = signal<ClockView | null>(null);
    const model = new CountdownModel(view, fakeClock());
    expect(model.reading.value).toBeNull();
    view.value = running();
    expect(vi.getTimerCount()).toBe(1);
    model.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });
});
