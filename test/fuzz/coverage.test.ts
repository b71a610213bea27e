/**
 * The generators reach every prop (issue 19): each prop path of the props schemas, each enum
 * value and each mode appears in at least its stated share of generated cases (MIN_PROP_SHARE of
 * the cases of its construct or mode, MIN_ENUM_SHARE, MIN_MODE_SHARE). `npm test` samples 2,000
 * definitions, `npm run fuzz` 10,000; `npm run fuzz:coverage` prints the table.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jobDefinition, opt } from './arbitraries';
import { expectations, measureCoverage, MIN_MODE_SHARE, MIN_PROP_SHARE, reached, schemaPaths } from './coverage';
import { flinkSpecShape } from '../../src/spec/props-schema';

const N = Math.max(2_000, Number(process.env.FUZZ_RUNS ?? 0));
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 19;

describe(`fuzz generator coverage (${N} definitions)`, () => {
  it('every prop, enum value and mode reaches its minimum share', () => {
    const rows = measureCoverage(fc.sample(jobDefinition, { numRuns: N, seed: SEED }));
    const short = rows.filter((r) => r.share < r.min).map((r) => `${r.key} in ${r.population}: ${r.count}/${r.of} (${(r.share * 100).toFixed(1)}%, min ${(r.min * 100).toFixed(0)}%)`);
    expect(short).toEqual([]);
    expect(rows.length).toBeGreaterThan(200);
  });

  it('the expectations come from the props schemas: nested pod-template, ingress and job paths included', () => {
    const keys = expectations().map((e) => e.key);
    for (const k of ['labels', 'imagePullPolicy', 'job.entryClass', 'job.args', 'jobManager.podTemplate.spec.initContainers[].name', 'taskManager.resources.limits', 'ingress.tls[].secretName', 'activeIngress.className', 'gate.beforeUid', 'injection.agentJarPath', 'cutover.overrides.taskManager.memory']) {
      expect(keys).toContain(k);
    }
    expect(schemaPaths({ podTemplate: flinkSpecShape.podTemplate })).toEqual(
      expect.arrayContaining(['podTemplate.metadata.labels', 'podTemplate.spec.containers[].name', 'podTemplate.spec.volumes[].name']),
    );
  });

  it('a prop that is never generated fails the check (the old fc.option freq-1 default)', () => {
    // Generator with `imagePullPolicy` always left out, as fc.option(arb, { freq: 1 }) did.
    const without = jobDefinition.map((d) => ({ ...d, props: { ...d.props, imagePullPolicy: undefined } }) as typeof d);
    const rows = measureCoverage(fc.sample(without, { numRuns: 300, seed: 1 }));
    expect(rows.filter((r) => r.share < r.min).map((r) => r.key)).toEqual(expect.arrayContaining(['imagePullPolicy', 'imagePullPolicy=Always']));
    expect(MIN_PROP_SHARE).toBeGreaterThan(0);
    expect(MIN_MODE_SHARE).toBeGreaterThan(MIN_PROP_SHARE);
  });

  it('opt() generates its value about half the time by default and refuses a share that would never generate it', () => {
    const values = fc.sample(opt(fc.constant(1)), { numRuns: 1_000, seed: 3 });
    const present = values.filter((v) => v === 1).length;
    expect(present).toBeGreaterThan(400);
    expect(present).toBeLessThan(600);
    expect(() => opt(fc.constant(1), 1)).toThrow('absentOneIn must be at least 2');
  });

  it('reached() sees modes and enum values', () => {
    const [def] = fc.sample(jobDefinition.filter((d) => d.construct === 'BlueGreenFlinkJob' && d.props.injection?.mode === 'manifest'), { numRuns: 1, seed: 5 });
    const keys = reached(def);
    expect(keys.has('construct=BlueGreenFlinkJob')).toBe(true);
    expect(keys.has('injection=manifest')).toBe(true);
  });
});
