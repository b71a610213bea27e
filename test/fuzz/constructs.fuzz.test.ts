/**
 * Property-based tests over the public constructs (issue 9, part 1). The default `npm test` runs
 * FUZZ_RUNS (default 200) cases per property; `npm run fuzz` runs 10,000. Seeds are random per run
 * and printed with any counterexample (replay with FUZZ_SEED=<seed>); shrunk counterexamples go to
 * regressions.test.ts.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { blueGreenDefinition, jobDefinition } from './arbitraries';
import { checkDefinition, newStats } from './harness';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : undefined;
/** Generous: ~10 ms per case here, ×3 for slow CI machines. */
const TIMEOUT = Math.max(60_000, RUNS * 30);

/** The share of generated definitions that must be accepted. */
const MIN_ACCEPTED_SHARE = 0.6;

const stats = newStats();
let failures = 0;

function assertProperty(property: fc.IProperty<[unknown]> | fc.IProperty<any>, numRuns: number): void {
  try {
    fc.assert(property, params(numRuns));
  } catch (e) {
    failures++;
    throw e;
  }
}

function params(numRuns: number): fc.Parameters<unknown> {
  return { numRuns, ...(SEED !== undefined ? { seed: SEED } : {}) };
}

describe(`constructs under fuzz (${RUNS} cases per property)`, () => {
  it(
    'any definition: synth throws nothing but our validation error; accepted output is valid, wired exactly once, within name limits, deterministic',
    () => {
      assertProperty(
        fc.property(jobDefinition, (def) => checkDefinition(def, stats)),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'blue/green definitions only: the same invariants',
    () => {
      assertProperty(
        fc.property(blueGreenDefinition, (def) => checkDefinition(def, stats)),
        Math.ceil(RUNS / 2),
      );
    },
    TIMEOUT,
  );

  afterAll(() => {
    // The summary the full run reports (cases, accepted/refused per construct and mode, failures).
    const lines = Object.entries(stats.byKind)
      .sort()
      .map(([k, n]) => `    ${k}: ${n}`);
    process.stdout.write(
      `fuzz: ${stats.runs} cases (${stats.accepted} accepted, ${stats.refused} refused by validation), ${failures} failures${SEED !== undefined ? `, seed ${SEED}` : ''}\n${lines.join('\n')}\n`,
    );
    expect(stats.runs).toBeGreaterThan(0);
  });

  // Runs after the two properties (tests of a file run in order).
  it(`most generated definitions are accepted (more than ${MIN_ACCEPTED_SHARE * 100}%), so the invariants on accepted output run on most cases`, () => {
    // About three quarters are (`npm run fuzz:refusals`). Judged only on enough cases, and only
    // when no property failed early.
    if (stats.runs < 100 || failures > 0) return;
    // Seeds are random, so the share of one run scatters around the true one: allow four standard
    // errors for the number of cases (about 11 points at npm test's 300 cases, 1.6 at the full
    // run's 15,000), so a healthy generator never fails by chance and a collapse still does.
    const allowance = 4 * Math.sqrt((MIN_ACCEPTED_SHARE * (1 - MIN_ACCEPTED_SHARE)) / stats.runs);
    expect(stats.accepted / stats.runs).toBeGreaterThan(MIN_ACCEPTED_SHARE - allowance);
  });
});
