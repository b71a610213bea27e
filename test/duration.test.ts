import { describe, expect, it } from 'vitest';
import { Duration, parseFlinkDuration } from '../src/duration';

describe('Duration', () => {
  it('renders in Flink syntax in the unit it was made with', () => {
    expect(Duration.minutes(5).toFlinkString()).toBe('5 min');
    expect(Duration.seconds(10).toFlinkString()).toBe('10 s');
    expect(Duration.millis(250).toFlinkString()).toBe('250 ms');
    expect(Duration.hours(1).toFlinkString()).toBe('1 h');
    expect(Duration.seconds(1.5).toFlinkString()).toBe('1500 ms');
  });

  it('converts to milliseconds', () => {
    expect(Duration.minutes(10).toMilliseconds()).toBe(600_000);
  });

  it('refuses negative and fractional milliseconds', () => {
    expect(() => Duration.seconds(-1)).toThrow('Duration must be a whole, non-negative number of milliseconds, got -1000 ms');
    expect(() => Duration.millis(0.5)).toThrow('got 0.5 ms');
  });

  it('parses what Flink parses and nothing else', () => {
    expect(parseFlinkDuration('10 min')).toBe(600_000);
    expect(parseFlinkDuration('321 s')).toBe(321_000);
    expect(parseFlinkDuration('123ms')).toBe(123);
    expect(parseFlinkDuration('1s')).toBe(1000);
    expect(parseFlinkDuration('42')).toBe(42);
    expect(parseFlinkDuration('2 d')).toBe(172_800_000);
    expect(parseFlinkDuration('PT5M')).toBeUndefined();
    expect(parseFlinkDuration('5 minutes ago')).toBeUndefined();
    expect(parseFlinkDuration('-5 s')).toBeUndefined();
    expect(parseFlinkDuration('1.5 s')).toBeUndefined();
    expect(() => Duration.parse('PT5M')).toThrow('"PT5M" is not a Flink duration');
  });
});
