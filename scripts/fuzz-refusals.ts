/**
 * Synthesizes N generated definitions and prints the accepted share per construct and mode, and
 * the most frequent reasons for refusal (rule id or prop path). `npm run fuzz:refusals [-- N [seed]]`.
 */
import fc from 'fast-check';
import { jobDefinition } from '../test/fuzz/arbitraries';
import { synthDefinition } from '../test/fuzz/harness';

const n = Number(process.argv[2] ?? 1_000);
const seed = Number(process.argv[3] ?? 1);
const byMode = new Map<string, { accepted: number; total: number }>();
const reasons = new Map<string, number>();
for (const def of fc.sample(jobDefinition, { numRuns: n, seed })) {
  const mode = def.construct === 'FlinkJob' ? 'FlinkJob' : `BlueGreenFlinkJob/${def.props.injection?.mode ?? 'operator'}`;
  const m = byMode.get(mode) ?? { accepted: 0, total: 0 };
  byMode.set(mode, m);
  m.total++;
  const out = synthDefinition(def);
  if (out.accepted) {
    m.accepted++;
    continue;
  }
  const seen = new Set<string>();
  for (const line of out.message.split('\n')) {
    const rule = /\b(error|warning)\[([A-Z0-9-]+)\]/.exec(line)?.[2] ?? /^\s*\[[^\]]*\]\s*([\w.[\]]+):/.exec(line)?.[1]?.replace(/\[\d+\]/g, '[]');
    if (rule) seen.add(rule);
  }
  for (const r of seen.size ? seen : new Set(['(unparsed) ' + out.message.split('\n').slice(0, 2).join(' | ').slice(0, 160)])) reasons.set(r, (reasons.get(r) ?? 0) + 1);
}
let acc = 0;
for (const [mode, m] of [...byMode].sort()) {
  acc += m.accepted;
  console.log(`${mode}: ${m.accepted}/${m.total} accepted (${((100 * m.accepted) / m.total).toFixed(0)}%)`);
}
console.log(`all: ${acc}/${n} accepted (${((100 * acc) / n).toFixed(0)}%)`);
for (const [r, k] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${String(k).padStart(5)}  ${r}`);
