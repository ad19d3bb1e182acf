import { describe, expect, it } from 'vitest';
import {
  type ClockView,
  countdownAt,
  elapsedMs,
  formatClock,
  formatDuration,
  isOvertime,
  overtimeMs,
  remainingMs,
} from '../../../shared/src/index.ts';

const T = 1_800_000_000_000;
const running = (budget: number, elapsed: number): ClockView => ({
  running: true,
  phaseBudgetMs: budget,
  phaseElapsedMs: elapsed,
  serverTime: T,
});

describe('time maths', () => {
  it('[T1] elapsed and remaining derive from the view and the time, paused or running', () => {
    const view = running(60_000, 10_000);
    expect(elapsedMs(view, T + 2_500)).toBe(12_500);
    expect(remainingMs(view, T + 2_500)).toBe(47_500);
    const paused = { ...view, running: false };
    expect(elapsedMs(paused, T + 99_999)).toBe(10_000);
    // a client clock slightly behind the view's server time never runs elapsed backwards
    expect(elapsedMs(view, T - 500)).toBe(10_000);
  });

  it('[S1] overtime is exactly elapsed ≥ budget', () => {
    const view = running(60_000, 59_999);
    expect(isOvertime(view, T)).toBe(false);
    expect(isOvertime(view, T + 1)).toBe(true);
    expect(overtimeMs(view, T + 1)).toBe(0);
    expect(overtimeMs(view, T + 4_001)).toBe(4_000);
  });

  it('[V2] counts down with ceil, up with floor, and flips on whole seconds of remaining time', () => {
    const view = running(10_000, 0);
    expect(countdownAt(view, T)).toEqual({ overtime: false, seconds: 10, msToNextFlip: 1_000 });
    expect(countdownAt(view, T + 1)).toEqual({ overtime: false, seconds: 10, msToNextFlip: 999 });
    expect(countdownAt(view, T + 1_000)).toEqual({
      overtime: false,
      seconds: 9,
      msToNextFlip: 1_000,
    });
    expect(countdownAt(view, T + 9_999)).toEqual({ overtime: false, seconds: 1, msToNextFlip: 1 });
    expect(countdownAt(view, T + 10_000)).toEqual({
      overtime: true,
      seconds: 0,
      msToNextFlip: 1_000,
    });
    expect(countdownAt(view, T + 10_999)).toEqual({ overtime: true, seconds: 0, msToNextFlip: 1 });
    expect(countdownAt(view, T + 71_500)).toEqual({
      overtime: true,
      seconds: 61,
      msToNextFlip: 500,
    });
  });

  it('[V2] two screens with different view times show the same digit at the same instant', () => {
    const first = running(300_000, 12_345);
    const second = running(300_000, 12_345 + 777);
    const secondAt = { ...second, serverTime: T + 777 };
    for (let now = T + 777; now < T + 20_000; now += 137) {
      expect(countdownAt(secondAt, now).seconds).toBe(countdownAt(first, now).seconds);
    }
  });

  it('[V2] a paused countdown never schedules a flip', () => {
    expect(countdownAt({ ...running(10_000, 2_500), running: false }, T + 5_000)).toEqual({
      overtime: false,
      seconds: 8,
      msToNextFlip: null,
    });
  });

  it('formats clocks for people', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(59)).toBe('0:59');
    expect(formatClock(25 * 60)).toBe('25:00');
    expect(formatClock(3_600 + 61)).toBe('1:01:01');
    expect(formatClock(-3)).toBe('0:00');
  });

  it('writes durations in each language’s own short units, to the second', () => {
    const each = (ms: number) => ['en', 'de', 'hu'].map((locale) => formatDuration(ms, locale));
    expect(each(45_000)).toEqual(['45 sec', '45 Sek.', '45 mp']);
    expect(each(25 * 60_000)).toEqual(['25 min', '25 Min.', '25 p']);
    expect(each(90_000)).toEqual(['1 min 30 sec', '1 Min. 30 Sek.', '1 p 30 mp']);
    expect(each(750_400)).toEqual(['12 min 30 sec', '12 Min. 30 Sek.', '12 p 30 mp']);
  });
});
