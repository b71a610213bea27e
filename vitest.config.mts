import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Consumer projects run in their own install (scripts/consumer-test.sh), against the packed tarball.
    exclude: ['test/consumers/**', '**/node_modules/**'],
    // A private temp folder per test file, removed afterwards (see the file).
    setupFiles: ['test/setup/private-tmp.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Spawned CLIs run src/, never a stale lib/ from an earlier `npm run build` (bin/cdk8s-flink-bluegreen.js).
    env: { CDK8S_FLINK_BLUEGREEN_FROM_SOURCE: '1' },
  },
});
