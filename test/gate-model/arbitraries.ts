/** fast-check generators for the gate model: record streams, watermarks and the timing of a cutover sequence. */
import fc from 'fast-check';
import type { CutoverPlan, SimulationPlan, Stream, StreamRecord } from './simulation';

/** Event time of record 0 (2027-01-15): realistic epoch ms, and > 0 as the gate expects. */
export const EPOCH = Date.UTC(2027, 0, 15);
/** Event-time ms per tick (one record per tick). */
export const MS_PER_RECORD = 10;

/**
 * A stream: record `i` has event time EPOCH + 10·i + jitter (out of order when jitter < 0), goes to
 * a subtask, and meets that subtask's bounded-out-of-orderness watermark (max event time seen there
 * minus `bound`, minus 1, like Flink's `BoundedOutOfOrdernessWatermarks`). Records older than the
 * watermark are late, as in real jobs.
 */
export function buildStream(items: ReadonlyArray<{ jitter: number; subtask: number }>, parallelism: number, bound: number): Stream {
  const maxTs = new Array<number>(parallelism).fill(Number.NEGATIVE_INFINITY);
  const records: StreamRecord[] = items.map((it, i) => {
    // Skewed: subtask 0 gets most records, the others few, so their watermarks lag (as with uneven keys).
    const subtask = it.subtask < parallelism ? it.subtask : 0;
    const ts = EPOCH + i * MS_PER_RECORD + it.jitter;
    const wm = maxTs[subtask] === Number.NEGATIVE_INFINITY ? Number.MIN_SAFE_INTEGER : maxTs[subtask] - bound - 1;
    maxTs[subtask] = Math.max(maxTs[subtask], ts);
    return { id: i, ts, subtask, wm };
  });
  return { records, parallelism };
}

/** Mostly mild disorder, now and then a record far behind (late data exists in every real stream). */
const jitterArb = fc.oneof({ arbitrary: fc.integer({ min: -60, max: 30 }), weight: 9 }, { arbitrary: fc.integer({ min: -400, max: -61 }), weight: 1 });

export const streamArb = (opts: { minLength?: number; maxLength?: number; maxParallelism?: number } = {}): fc.Arbitrary<Stream> =>
  fc
    .record({
      parallelism: fc.integer({ min: 1, max: opts.maxParallelism ?? 3 }),
      bound: fc.integer({ min: 0, max: 40 }),
      items: fc.array(fc.record({ jitter: jitterArb, subtask: fc.nat(7) }), {
        minLength: opts.minLength ?? 60,
        maxLength: opts.maxLength ?? 160,
      }),
    })
    .map(({ parallelism, bound, items }) => buildStream(items, parallelism, bound));

export const cutoverPlanArb = (margin: fc.Arbitrary<number> = fc.integer({ min: 1, max: 400 })): fc.Arbitrary<CutoverPlan> =>
  fc.record({
    gap: fc.integer({ min: 0, max: 15 }),
    applyDelay: fc.integer({ min: 0, max: 10 }),
    clusterJitter: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 2, maxLength: 2 }),
    configMapFirst: fc.boolean(),
    objectGap: fc.integer({ min: 0, max: 5 }),
    margin,
    completeDelay: fc.integer({ min: 0, max: 10 }),
  });

export interface PlanOptions {
  readonly cutovers?: { min: number; max: number };
  readonly margin?: fc.Arbitrary<number>;
  readonly mergePolicy?: SimulationPlan['mergePolicy'];
  readonly stream?: fc.Arbitrary<Stream>;
  readonly completeLast?: fc.Arbitrary<boolean>;
  readonly failover?: fc.Arbitrary<SimulationPlan['failover']>;
}

/** A short description for fast-check's reports (the stream itself is summarised, not listed). */
function describePlan(p: SimulationPlan): string {
  const late = p.stream.records.filter((r) => r.ts < r.wm).length;
  const { stream: _s, ...rest } = p;
  return `{ stream: ${p.stream.records.length} records, ${p.stream.parallelism} subtask(s), ${late} late, ${JSON.stringify(rest)} }`;
}

export const planArb = (opts: PlanOptions = {}): fc.Arbitrary<SimulationPlan> =>
  planRecordArb(opts).map((p) => Object.assign(p, { [fc.toStringMethod]: () => describePlan(p) }));

const planRecordArb = (opts: PlanOptions): fc.Arbitrary<SimulationPlan> =>
  fc.record({
    stream: opts.stream ?? streamArb(),
    cutovers: fc.array(cutoverPlanArb(opts.margin), { minLength: opts.cutovers?.min ?? 1, maxLength: opts.cutovers?.max ?? 3 }),
    completeLast: opts.completeLast ?? fc.boolean(),
    startDelay: fc.integer({ min: 1, max: 10 }),
    speed: fc.integer({ min: 1, max: 4 }),
    lags: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
    writeDelay: fc.integer({ min: 0, max: 3 }),
    mergePolicy: fc.constant(opts.mergePolicy ?? 'runbook'),
    failover: opts.failover ?? fc.option(fc.record({ afterComplete: fc.integer({ min: 0, max: 20 }), rewind: fc.integer({ min: 1, max: 60 }) }), { nil: undefined }),
    cutoverFailover: fc.option(fc.record({ afterApply: fc.integer({ min: 0, max: 40 }), rewind: fc.integer({ min: 1, max: 60 }), old: fc.boolean() }), { nil: undefined }),
  });
