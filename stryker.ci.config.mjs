// The mutation run CI enforces (.ci/run, `npm run mutation:ci`): the modules of stryker.config.json
// whose tests are fast enough to run against every mutant in a few minutes on 2 cores, with a
// break threshold. `npm run mutation` runs every module behind the Guarantees rows.
import { readFileSync } from 'node:fs';

// Selects the fast unit tests in vitest.mutation.config.mts (the Stryker workers inherit it).
process.env.MUTATION_SCOPE = 'ci';

const base = JSON.parse(readFileSync(new URL('./stryker.config.json', import.meta.url), 'utf8'));
delete base.$schema;
delete base._comment;

export default {
  ...base,
  mutate: ['src/json-pointer.ts', 'src/cutover-overrides.ts', 'src/validation/suppression.ts', 'src/validation/rules/pod-template-names.ts', 'src/validation/rules/agent-wiring.ts'],
  reporters: ['clear-text', 'progress'],
  thresholds: { ...base.thresholds, break: 90 },
};
