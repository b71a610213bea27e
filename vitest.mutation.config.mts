import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs against each mutant (npm run mutation): the in-process tests of the
 * mutated modules (tests that spawn a CLI run unmutated code and cannot kill a mutant), with the
 * fuzz properties on a fixed seed and 60 cases.
 */
/** `npm run mutation:ci` (MUTATION_SCOPE=ci): the fast unit tests of the modules CI mutates. */
const CI_TESTS = [
  'test/json-pointer.test.ts',
  'test/cutover-overrides.test.ts',
  'test/validation/rule-modules.test.ts',
  'test/validation/suppression.test.ts',
  'test/validation/rules.test.ts',
  'test/fuzz/regressions.test.ts',
];

export default defineConfig({
  test: {
    include: process.env.MUTATION_SCOPE === 'ci' ? CI_TESTS : [
      'test/validation/rule-modules.test.ts',
      'test/io/load-documents.test.ts',
      'test/cutover.test.ts',
      'test/json-pointer.test.ts',
      'test/chart-writer.test.ts',
      'test/cutover-overrides.test.ts',
      'test/cli/input-limit.test.ts',
      'test/fuzz/regressions.test.ts',
      'test/fuzz/constructs.fuzz.test.ts',
      'test/constructs/manifest-wired.test.ts',
      'test/validation/rules.test.ts',
      'test/validation/suppression.test.ts',
      'test/validation/security.test.ts',
      'test/gitops/kustomize.test.ts',
      'test/plan/plan.test.ts',
      'test/fuzz/cli.fuzz.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // As in vitest.config.ts: a private temp folder per test file, removed afterwards (every mutant runs the tests again).
    setupFiles: ['test/setup/private-tmp.ts'],
    env: { CDK8S_FLINK_BLUEGREEN_FROM_SOURCE: '1', FUZZ_RUNS: '60', FUZZ_SEED: '19', CDK8S_FLINK_WARNINGS: 'off' },
  },
});
