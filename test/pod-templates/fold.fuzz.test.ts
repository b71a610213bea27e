/**
 * Property: whatever job-wide and component pod templates a user declares (sidecars, init containers,
 * volumes, mounts), the constructs never emit a pair of templates the operator would merge
 * (`FlinkUtils.mergePodTemplates`): the pod each component gets is the same whether the operator merges
 * lists by position or by name, and it is the declared one (the job-wide template extended by the
 * component's, plus the agent wiring), with every declared container, init container, volume and mount.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AgentInjection, BlueGreenFlinkJob, Colour, Cutover, FlinkJob, Gate, OperatorVersion } from '../../src';
import { declaredMergePodTemplates, operatorMergePodTemplates } from '../../src/spec/pod-template-merge';
import { baseSpec, newChart } from '../constructs/helpers';
import { validateDocument } from '../../src/validation';

const MERGE_RULES = ['POD-MERGE-OVERWRITE', 'POD-MAIN-CONTAINER', 'POD-VOLUME-SOURCE', 'POD-AGENT-WIRING-LOST'];
const RUNS = Math.min(Number(process.env.FUZZ_RUNS ?? 150), 2000);

const volumeName = fc.constantFrom('logs', 'cache', 'config', 'data');
const mount = fc.record({ name: volumeName, mountPath: fc.constantFrom('/a', '/b', '/opt/flink/log', '/c') });
const container = (names: string[]) =>
  fc.record({
    name: fc.constantFrom(...names),
    image: fc.constantFrom('registry.example.com/x:1', 'registry.example.com/y:2'),
    volumeMounts: fc.uniqueArray(mount, { selector: (m) => m.mountPath, maxLength: 2 }),
  });
const volume = fc.record({ name: volumeName, emptyDir: fc.constant({}) });
const template = fc.record({
  spec: fc.record(
    {
      containers: fc.uniqueArray(container(['flink-main-container', 'log-shipper', 'proxy']), { selector: (c) => c.name, maxLength: 3 }),
      initContainers: fc.uniqueArray(container(['setup', 'fetch']), { selector: (c) => c.name, maxLength: 2 }),
      volumes: fc.uniqueArray(volume, { selector: (v) => v.name, maxLength: 3 }),
    },
    { requiredKeys: [] },
  ),
});
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

function names(pod: any, field: string): string[] {
  return (pod?.spec?.[field] ?? []).map((x: any) => x.name);
}

function checkSpec(spec: any, declared: { base?: any; jm?: any; tm?: any }, components: readonly string[] = ['jobManager', 'taskManager']): void {
  for (const [c, own] of [['jobManager', declared.jm], ['taskManager', declared.tm]] as const) {
    if (!components.includes(c)) continue;
    const byPosition = operatorMergePodTemplates(spec.podTemplate, spec[c].podTemplate, false);
    const byName = operatorMergePodTemplates(spec.podTemplate, spec[c].podTemplate, true);
    expect(byPosition.events).toEqual([]);
    expect(byPosition.pod).toEqual(byName.pod);
    const pod: any = byPosition.pod;
    const want: any = declaredMergePodTemplates(declared.base, own);
    for (const field of ['containers', 'initContainers', 'volumes']) {
      for (const n of names(want, field)) expect(names(pod, field)).toContain(n);
    }
    for (const wc of want?.spec?.containers ?? []) {
      const got = (pod.spec.containers as any[]).find((x) => x.name === wc.name);
      for (const m of wc.volumeMounts ?? []) expect(got.volumeMounts).toContainEqual(m);
    }
  }
}

describe(`pod templates the constructs emit (${RUNS} cases)`, () => {
  it('FlinkJob: no pair to merge, the declared pods intact', () => {
    fc.assert(
      fc.property(maybe(template), maybe(template), maybe(template), (base, jm, tm) => {
        const { chart } = newChart();
        const job = new FlinkJob(chart, 'J', { name: 'j', ...baseSpec({ podTemplate: base, jobManager: { memory: '2g', podTemplate: jm }, taskManager: { memory: '2g', podTemplate: tm } }) });
        const doc: any = (job as any).resource.toJson();
        const spec: any = doc.spec;
        if (jm !== undefined || tm !== undefined) expect(spec.podTemplate).toBeUndefined();
        checkSpec(spec, { base, jm, tm });
        // What the merge could break never shows in the constructs' output.
        const rules = validateDocument(doc, { operatorVersion: OperatorVersion.V1_15 }).map((f) => f.rule);
        for (const r of MERGE_RULES) expect(rules).not.toContain(r);
      }),
      { numRuns: RUNS },
    );
  });

  it('BlueGreenFlinkJob, manifest-wired: the agent wiring and the declared pods survive', () => {
    fc.assert(
      fc.property(maybe(template), maybe(template), maybe(template), (base, jm, tm) => {
        const { chart } = newChart();
        const job = new BlueGreenFlinkJob(chart, 'B', {
          name: 'b',
          operatorVersion: OperatorVersion.V1_15,
          ...baseSpec({ podTemplate: base, jobManager: { memory: '2g', podTemplate: jm }, taskManager: { memory: '2g', podTemplate: tm } }),
          gate: Gate.watermark({ fieldPath: 't' }),
          injection: AgentInjection.manifest({ agentImage: 'registry.example.com/op:1.16.0' }),
          cutover: Cutover.startOn(Colour.BLUE),
        });
        const spec: any = job.render()[0].spec;
        expect(spec.podTemplate).toBeUndefined();
        const rules = validateDocument(job.render()[0], { operatorVersion: OperatorVersion.V1_15 }).map((f) => f.rule);
        for (const r of MERGE_RULES) expect(rules).not.toContain(r);
        checkSpec(spec, { base, tm }, ['taskManager']); // the JobManager pod (with the agent) is checked below
        const pod: any = operatorMergePodTemplates(spec.podTemplate, spec.jobManager.podTemplate, false).pod;
        expect(names(pod, 'volumes')).toContain('bluegreen-agent');
        expect(names(pod, 'initContainers')).toContain('bluegreen-agent-init');
        const main = (pod.spec.containers as any[]).filter((c) => c.name === 'flink-main-container');
        expect(main).toHaveLength(1);
        expect(main[0].volumeMounts.map((m: any) => m.mountPath)).toContain('/opt/flink/lib/bluegreen-agent.jar');
        const want: any = declaredMergePodTemplates(base, jm);
        for (const field of ['containers', 'initContainers', 'volumes']) {
          for (const n of names(want, field)) expect(names(pod, field)).toContain(n);
        }
        for (const wc of want?.spec?.containers ?? []) {
          const got = (pod.spec.containers as any[]).find((x) => x.name === wc.name);
          for (const m of wc.volumeMounts ?? []) expect(got.volumeMounts).toContainEqual(m);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('BlueGreenFlinkJob, operator-injected (FLIP-504 ADVANCED): the agent the operator appends merges with nothing', () => {
    fc.assert(
      fc.property(maybe(template), maybe(template), maybe(template), (base, jm, tm) => {
        const { chart } = newChart();
        const job = new BlueGreenFlinkJob(chart, 'A', {
          name: 'a',
          operatorVersion: OperatorVersion.FLIP_504,
          ...baseSpec({ podTemplate: base, jobManager: { memory: '2g', podTemplate: jm }, taskManager: { memory: '2g', podTemplate: tm } }),
          gate: Gate.watermark({ fieldPath: 't' }),
        });
        const doc: any = job.render()[0];
        const rules = validateDocument(doc, { operatorVersion: OperatorVersion.FLIP_504 }).map((f) => f.rule);
        for (const r of MERGE_RULES) expect(rules).not.toContain(r);
        checkSpec(doc.spec.template.spec, { base, jm, tm });
      }),
      { numRuns: RUNS },
    );
  });

  it('BlueGreenFlinkJob on a FLIP-504 operator with a gate: the operator appends to jobManager.podTemplate, so the job-wide template is folded', () => {
    const { chart } = newChart();
    const job = new BlueGreenFlinkJob(chart, 'A', {
      name: 'a',
      operatorVersion: OperatorVersion.FLIP_504,
      ...baseSpec({ podTemplate: { spec: { volumes: [{ name: 'logs', emptyDir: {} }] } } }),
      gate: Gate.watermark({ fieldPath: 't' }),
    });
    const spec: any = (job.render()[0] as any).spec.template.spec;
    expect(spec.podTemplate).toBeUndefined();
    expect(names(spec.jobManager.podTemplate, 'volumes')).toEqual(['logs']);
    expect(names(spec.taskManager.podTemplate, 'volumes')).toEqual(['logs']);
  });
});
