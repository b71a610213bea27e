/**
 * job.autoscaler.excluded.periods as the autoscaler reads it (flink-autoscaler CalendarUtils:
 * Quartz CronCalendar / DailyCalendar). Valid cron examples are those of the Quartz 2.3 CronTrigger
 * tutorial that the option's description links to.
 */
import { describe, expect, it } from 'vitest';
import { dailyRangeError, excludedPeriodError, quartzCronError } from '../../src/validation/quartz-cron';

const QUARTZ_TUTORIAL = [
  '0 0 12 * * ?', '0 15 10 ? * *', '0 15 10 * * ?', '0 15 10 * * ? *', '0 15 10 * * ? 2005', '0 * 14 * * ?',
  '0 0/5 14 * * ?', '0 0/5 14,18 * * ?', '0 0-5 14 * * ?', '0 10,44 14 ? 3 WED', '0 15 10 ? * MON-FRI',
  '0 15 10 15 * ?', '0 15 10 L * ?', '0 15 10 L-2 * ?', '0 15 10 ? * 6L', '0 15 10 ? * 6L 2002-2005',
  '0 15 10 ? * 6#3', '0 0 12 1/5 * ?', '0 11 11 11 11 ?', '0 0/5 * * * ?', '0 0 0 ? * SUN,SAT', '0 15 10 LW * ?', '0 15 10 15W * ?',
  // the option's own examples (AutoScalerOptions.EXCLUDED_PERIODS)
  '* * 9-11,14-16 * * ?', '* * * ? * 2-6', '* * * ? * 2,5',
];

describe('quartzCronError', () => {
  for (const e of QUARTZ_TUTORIAL) it(`accepts ${e}`, () => expect(quartzCronError(e)).toBeUndefined());

  it.each([
    ['* * * * *', /6 or 7 fields/],
    ['* * * * * *', /not support both/],
    ['0 0 12 ? * ?', /not both/],
    ['0 0 12 ? * 0', /day-of-week runs 1-7/],
    ['0 0 12 ? * 8', /day-of-week/],
    ['0 0 25 * * ?', /hours runs 0-23/],
    ['60 0 12 * * ?', /seconds/],
    ['0 0 12 W * ?', /day-of-month/],
    ['0 0 12 ? * 6#6', /week 1-5/],
    ['0 0 12 ? FOO * ', /month/],
    ['0 0/0 12 * * ?', /step 0/],
    ['0 ? 12 * * *', /"\?" is allowed only in day-of-month or day-of-week/],
  ])('refuses %s', (e, why) => expect(quartzCronError(e)).toMatch(why));
});

describe('dailyRangeError (Quartz DailyCalendar)', () => {
  it('accepts HH:MM[:SS[:mmm]] ranges with start before end', () => {
    for (const r of ['9:30:30-10:50:20', '09:00-17:00', '0:00:00:000-23:59:59:999']) expect(dailyRangeError(r)).toBeUndefined();
  });
  it('refuses reversed, out-of-range or spaced times', () => {
    expect(dailyRangeError('22:00-06:00')).toMatch(/before the end/);
    expect(dailyRangeError('9:60-10:00')).toMatch(/not a time of day/);
    expect(dailyRangeError('9:00 - 10:00')).toMatch(/not a time/);
    expect(dailyRangeError('9-10')).toMatch(/not a time/);
  });
});

describe('excludedPeriodError (CalendarUtils.validateExcludedExpression)', () => {
  it('accepts a cron, a daily range, or one of each joined by &&', () => {
    for (const e of ['* * 9-11,14-16 * * ?', '9:30:30-10:50:20', '9:30:30-10:50:20 && * * * ? * 2,5', '* * * ? * 2-6&&08:00-09:00']) expect(excludedPeriodError(e)).toBeUndefined();
  });
  it('refuses two of a kind, three parts, or neither kind', () => {
    expect(excludedPeriodError('9:00-10:00 && 11:00-12:00')).toMatch(/one daily range && one cron/);
    expect(excludedPeriodError('* * * ? * 2 && * * 9 * * ?')).toMatch(/one daily range && one cron/);
    expect(excludedPeriodError('9:00-10:00 && * * * ? * 2 && 0 0 12 * * ?')).toMatch(/at most two/);
    expect(excludedPeriodError('weekends')).toMatch(/neither a daily range/);
  });
});
