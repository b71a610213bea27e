/**
 * Prints what the fuzz generators reach: for each prop path, enum value and mode, the share of
 * generated cases (of its construct or mode) that carry it, lowest first, and the minimum the
 * coverage test demands. `npm run fuzz:coverage [-- N [seed]]` (default 10,000 cases, seed 1).
 */
import fc from 'fast-check';
import { jobDefinition } from '../test/fuzz/arbitraries';
import { measureCoverage } from '../test/fuzz/coverage';

const n = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? 1);
const rows = measureCoverage(fc.sample(jobDefinition, { numRuns: n, seed })).sort((a, b) => a.share - b.share || a.key.localeCompare(b.key));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`${n} generated definitions (seed ${seed}); ${rows.length} expectations, ${rows.filter((r) => r.share < r.min).length} below their minimum`);
for (const r of rows) console.log(`${pct(r.share).padStart(6)}  (min ${pct(r.min).padStart(5)})  ${String(r.count).padStart(5)}/${String(r.of).padEnd(5)}  ${r.population.padEnd(26)}  ${r.key}`);
