/**
 * The syntax of Quartz cron expressions (`org.quartz.CronExpression`) and of Quartz `DailyCalendar`
 * time ranges, as the autoscaler reads `job.autoscaler.excluded.periods` (`CalendarUtils`). A small
 * grammar rather than a library: the cron libraries on npm implement Unix/Vixie cron or their own
 * dialect (they refuse Quartz's `0/5` and `L-2`, and accept day-of-week 0 and `*` in both day fields,
 * which Quartz refuses). Checked against the examples of the Quartz CronTrigger tutorial
 * (test/validation/quartz-cron.test.ts).
 */

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'seconds', min: 0, max: 59 },
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS },
  { name: 'year', min: 1970, max: 2199 },
];

function value(text: string, f: FieldSpec): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= f.min && n <= f.max ? n : undefined;
  }
  const i = f.names?.indexOf(text) ?? -1;
  return i >= 0 ? i + 1 : undefined;
}

/** One comma-separated item of a field; an error text, or undefined when valid. */
function item(text: string, f: FieldSpec, index: number): string | undefined {
  const bad = `invalid ${f.name} "${text}"`;
  if (text === '*') return undefined;
  if (text === '?') return index === 3 || index === 5 ? undefined : `"?" is allowed only in day-of-month or day-of-week, not in ${f.name}`;
  if (index === 3) {
    // L, LW, L-n (n up to 30), nW.
    if (/^L(W|-\d+)?$/.test(text)) return text.startsWith('L-') && Number(text.slice(2)) > 30 ? `${bad}: the offset from the last day must be at most 30` : undefined;
    const w = /^(\d+)W$/.exec(text);
    if (w) return value(w[1], f) === undefined ? bad : undefined;
  }
  if (index === 5) {
    if (text === 'L') return undefined;
    const last = /^([A-Z0-9]+)L$/.exec(text);
    if (last) return value(last[1], f) === undefined ? bad : undefined;
    const nth = /^([A-Z0-9]+)#(\d+)$/.exec(text);
    if (nth) return value(nth[1], f) === undefined || Number(nth[2]) < 1 || Number(nth[2]) > 5 ? `${bad}: "#" needs a day and a week 1-5` : undefined;
  }
  const m = /^(\*|[A-Z0-9]+)(?:-([A-Z0-9]+))?(?:\/(\d+))?$/.exec(text);
  if (!m) return bad;
  const [, start, end, step] = m;
  if (start === '*' && end !== undefined) return bad;
  if (start !== '*' && value(start, f) === undefined) return `${bad}: ${f.name} runs ${f.min}-${f.max}${f.names ? ` or ${f.names[0]}-${f.names[f.names.length - 1]}` : ''}`;
  if (end !== undefined && value(end, f) === undefined) return `${bad}: ${f.name} runs ${f.min}-${f.max}`;
  if (step !== undefined && (Number(step) === 0 || Number(step) > f.max - (f.min === 0 ? -1 : 0))) return `${bad}: step ${step} is out of range`;
  return undefined;
}

/**
 * Why a Quartz cron expression is invalid (6 or 7 fields: seconds minutes hours day-of-month month
 * day-of-week [year]; exactly one of the day fields is "?"), or undefined when it is valid.
 */
export function quartzCronError(expression: string): string | undefined {
  const fields = expression.trim().toUpperCase().split(/[ \t]+/).filter((x) => x !== '');
  if (fields.length < 6 || fields.length > 7) return `a Quartz cron expression has 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), got ${fields.length}`;
  for (let i = 0; i < fields.length; i++) {
    for (const part of fields[i].split(',')) {
      const err = item(part, FIELDS[i], i);
      if (err) return err;
    }
  }
  const domQ = fields[3] === '?';
  const dowQ = fields[5] === '?';
  if (domQ === dowQ) return domQ ? '"?" can be used in day-of-month or day-of-week, not both' : 'set "?" in day-of-month or day-of-week: Quartz does not support both';
  return undefined;
}

/**
 * Why a Quartz `DailyCalendar` range `HH:MM[:SS[:mmm]]-HH:MM[:SS[:mmm]]` is invalid, or undefined.
 * The start must be before the end (DailyCalendar refuses ranges across midnight).
 */
export function dailyRangeError(expression: string): string | undefined {
  const parts = expression.split('-');
  if (parts.length !== 2) return 'a daily range is start-end, e.g. 9:30:30-10:50:20';
  const times: number[] = [];
  for (const p of parts) {
    const m = /^(\d+):(\d+)(?::(\d+)(?::(\d+))?)?$/.exec(p); // DailyCalendar parses each part with Integer.parseInt: no spaces
    if (!m) return `"${p}" is not a time HH:MM[:SS]`;
    const [h, min, s, ms] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
    if (h > 23 || min > 59 || s > 59 || ms > 999) return `"${p}" is not a time of day`;
    times.push(((h * 60 + min) * 60 + s) * 1000 + ms);
  }
  return times[0] < times[1] ? undefined : 'the start time must be before the end time';
}

/**
 * Why one `job.autoscaler.excluded.periods` expression is invalid (`CalendarUtils.validateExcludedExpression`),
 * or undefined: a daily range, a Quartz cron expression, or one of each joined by `&&`.
 */
export function excludedPeriodError(expression: string): string | undefined {
  const subs = expression.split('&&');
  // Java's String.split drops trailing empty strings.
  while (subs.length > 1 && subs[subs.length - 1] === '') subs.pop();
  if (subs.length > 2) return 'at most two subexpressions joined by &&';
  let daily = 0;
  let cron = 0;
  for (const raw of subs) {
    const sub = raw.trim();
    const d = dailyRangeError(sub) === undefined;
    const c = quartzCronError(sub) === undefined;
    if (!d && !c) return `"${sub}" is neither a daily range (${dailyRangeError(sub)}) nor a Quartz cron expression (${quartzCronError(sub)})`;
    if (d) daily++;
    if (c) cron++;
  }
  if (subs.length === 2 && (daily === 0 || cron === 0)) return 'two subexpressions must be one daily range && one cron expression';
  return undefined;
}
