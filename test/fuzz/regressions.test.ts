/** Shrunk counterexamples from the fuzz suites, kept as regular tests (each failed before its fix). */
import { App, Chart } from 'cdk8s';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AgentInjection, BlueGreenFlinkJob, Colour, Cutover, FlinkVersion, Gate, OperatorVersion, UpgradeMode, type BlueGreenFlinkJobProps } from '../../src';
import { checkDefinition, synthDefinition } from './harness';

/** The shrunk counterexample of seed 686227855. */
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

  // Bug 1 (fixed: the RoleBinding binds every colour's account): a cutover override of serviceAccount runs the colour under an account the gate RBAC
  // does not bind (RoleBinding subject stays "flink"): the gate cannot read its ConfigMap.
  it('a serviceAccount override is refused (or bound by the gate RBAC)', () => {
    checkDefinition({ construct: 'BlueGreenFlinkJob', props: shrunk({ serviceAccount: 'other-sa' }) });
  });

  // Bug 2 (fixed: overrides go through the prop checks): overrides skipped the prop checks (zod), so values refused as props are emitted.
  it('an invalid serviceAccount in overrides is refused like the prop', () => {
    expect(synthDefinition({ construct: 'BlueGreenFlinkJob', props: shrunk({ serviceAccount: 'Bad_SA' }) }).accepted).toBe(false);
  });
  it('an empty image in overrides is refused like the prop', () => {
    expect(synthDefinition({ construct: 'BlueGreenFlinkJob', props: shrunk({ image: '' }) }).accepted).toBe(false);
  });
  it('taskSlots 0 in overrides is refused like the prop', () => {
    expect(synthDefinition({ construct: 'BlueGreenFlinkJob', props: shrunk({ taskSlots: 0 }) }).accepted).toBe(false);
  });

  // Bug 3 (fixed: printed once per synchronous synth): cdk8s 2.70 validates the whole app once in App.synth() and again for every chart it
  // writes, and addSynthValidation prints the warnings on every call: (charts + 1) copies each.
  it('each warning is printed once per synth, however many charts the app has', () => {
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
    let lines: string[];
    try {
      app.synth();
      // Read before mockRestore(), which also clears the recorded calls.
      lines = write.mock.calls.map((c) => String(c[0]));
    } finally {
      write.mockRestore();
      process.env.CDK8S_FLINK_WARNINGS = before;
    }
    // Three run-time warnings per gate job, three jobs: nine lines, each once.
    expect(lines.filter((l) => l.includes('warning[RUNTIME-'))).toHaveLength(9);
    expect(new Set(lines).size).toBe(lines.length);
  });
});
