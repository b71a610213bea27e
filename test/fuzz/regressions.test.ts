/**
 * Shrunk counterexamples from the fuzz suites, kept as regular tests. Cases marked `it.fails` are
 * open bugs in files this suite does not own (patches in the issue 9 report): they document the
 * wrong behaviour and pass while it lasts; turn each into `it` when its patch lands (and drop
 * FUZZ_INCLUDE_KNOWN_BUGS from arbitraries.ts once all have).
 */
import { App, Chart } from 'cdk8s';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AgentInjection, BlueGreenFlinkJob, Colour, Cutover, FlinkVersion, Gate, OperatorVersion, UpgradeMode, type BlueGreenFlinkJobProps } from '../../src';
import { checkDefinition, synthDefinition } from './harness';

/** The shrunk counterexample of seed 686227855 (FUZZ_INCLUDE_KNOWN_BUGS=1 FUZZ_RUNS=2000). */
function shrunk(overrides: NonNullable<Parameters<typeof Cutover.startOn>[1]>['overrides']): BlueGreenFlinkJobProps {
  return {
    name: 'a',
    image: 'flink:1.20.1-java17',
    flinkVersion: FlinkVersion.V1_15,
    job: { parallelism: 1 },
    jobManager: { memory: '1024m' },
    taskManager: { memory: '1024m' },
    injection: AgentInjection.manifest({ agentImage: 'ghcr.io/apache/flink-kubernetes-operator:1.16.0-flip504' }),
    cutover: Cutover.startOn(Colour.BLUE, { overrides }),
    gate: Gate.watermark({ fieldIndex: 0 }),
  };
}

describe('fuzz regressions', () => {
  it('baseline: the shrunk definition without overrides is accepted and satisfies every invariant', () => {
    expect(() => checkDefinition({ construct: 'BlueGreenFlinkJob', props: shrunk(undefined) })).not.toThrow();
    expect(synthDefinition({ construct: 'BlueGreenFlinkJob', props: shrunk(undefined) }).accepted).toBe(true);
  });

  // Bug 1: a cutover override of serviceAccount runs the colour under an account the gate RBAC
  // does not bind (RoleBinding subject stays "flink"): the gate cannot read its ConfigMap.
  it.fails('a serviceAccount override is refused (or bound by the gate RBAC)', () => {
    checkDefinition({ construct: 'BlueGreenFlinkJob', props: shrunk({ serviceAccount: 'other-sa' }) });
  });

  // Bug 2: overrides skip the prop checks (zod), so values refused as props are emitted.
  it.fails('an invalid serviceAccount in overrides is refused like the prop', () => {
    expect(synthDefinition({ construct: 'BlueGreenFlinkJob', props: shrunk({ serviceAccount: 'Bad_SA' }) }).accepted).toBe(false);
  });
  it.fails('an empty image in overrides is refused like the prop', () => {
    expect(synthDefinition({ construct: 'BlueGreenFlinkJob', props: shrunk({ image: '' }) }).accepted).toBe(false);
  });
  it.fails('taskSlots 0 in overrides is refused like the prop', () => {
    expect(synthDefinition({ construct: 'BlueGreenFlinkJob', props: shrunk({ taskSlots: 0 }) }).accepted).toBe(false);
  });

  // Bug 3: cdk8s 2.70 validates the whole app once in App.synth() and again for every chart it
  // writes, and addSynthValidation prints the warnings on every call: (charts + 1) copies each.
  it.fails('each warning is printed once per synth, however many charts the app has', () => {
    const app = new App({ outdir: join(mkdtempSync(join(tmpdir(), 'warn-')), 'dist') });
    for (const id of ['a', 'b', 'c']) {
      new BlueGreenFlinkJob(new Chart(app, id), 'Job', {
        name: `job-${id}`,
        operatorVersion: OperatorVersion.FLIP_504,
        image: 'flink:1.20.1-java17',
        flinkVersion: FlinkVersion.V1_20,
        job: { jarURI: 'local:///opt/flink/usrlib/job.jar', parallelism: 1, upgradeMode: UpgradeMode.SAVEPOINT },
        jobManager: { memory: '2048m' },
        taskManager: { memory: '2048m' },
        checkpointsDir: 's3://state/job/checkpoints',
        savepointsDir: 's3://state/job/savepoints',
        gate: Gate.watermark({ fieldPath: 'eventTime' }),
      });
    }
    const before = process.env.CDK8S_FLINK_WARNINGS;
    delete process.env.CDK8S_FLINK_WARNINGS;
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      app.synth();
    } finally {
      write.mockRestore();
      process.env.CDK8S_FLINK_WARNINGS = before;
    }
    const lines = write.mock.calls.map((c) => String(c[0]));
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines).size).toBe(lines.length);
  });
});
