/** Shrunk counterexamples from the fuzz suites, kept as regular tests (each failed before its fix). */
import { App, Chart } from 'cdk8s';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { AgentInjection, BlueGreenFlinkJob, Colour, Cutover, FlinkVersion, Gate, OperatorVersion, UpgradeMode, type BlueGreenFlinkJobProps, type JobProps } from '../../src';
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
    const parent = mkdtempSync(join(tmpdir(), 'warn-'));
    onTestFinished(() => rmSync(parent, { recursive: true, force: true }));
    const app = new App({ outdir: join(parent, 'dist') });
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

  // Found with the generator fixed (issue 19; seeds 1377063497 and 1758101273, shrunk).
  describe('generator reaching pod templates and overrides (issue 19)', () => {
    const base = (extra: Partial<BlueGreenFlinkJobProps>): BlueGreenFlinkJobProps => ({
      name: 'a',
      image: 'flink:1.20.1-java17',
      flinkVersion: FlinkVersion.V1_15,
      job: { parallelism: 1 },
      jobManager: { memory: '1024m' },
      taskManager: { memory: '1024m' },
      ...extra,
    });
    const manifest = { injection: AgentInjection.manifest({ agentImage: 'ghcr.io/apache/flink-kubernetes-operator:1.16.0-flip504' }), gate: Gate.watermark({ fieldPath: 'eventTime' }) };
    const refusal = (props: BlueGreenFlinkJobProps): string => {
      const out = synthDefinition({ construct: 'BlueGreenFlinkJob', props });
      expect(out.accepted).toBe(false);
      return out.accepted ? '' : out.message;
    };

    // Product defect: the pod held the agent's init container and the user's container of one name.
    it('manifest-wired: a JobManager container named bluegreen-agent-init is refused', () => {
      const message = refusal(base({ ...manifest, jobManager: { memory: '1024m', podTemplate: { spec: { containers: [{ name: 'bluegreen-agent-init' }] } } } }));
      expect(message).toContain('POD-DUPLICATE-NAME');
      expect(message).toContain('Kubernetes requires unique container names in a pod (init containers included)');
    });
    it('manifest-wired: a container named bluegreen-agent-init in the common pod template (a cutover override) is refused', () => {
      const message = refusal(
        base({
          ...manifest,
          name: 'a'.repeat(36),
          cutover: Cutover.startOn(Colour.BLUE, { overrides: { podTemplate: { spec: { containers: [{ name: 'bluegreen-agent-init' }] } } } }),
        }),
      );
      // The job-wide template is folded into the JobManager's (the operator would merge it by
      // position), where the container meets the agent's init container of the same name.
      expect(message).toContain('POD-DUPLICATE-NAME');
      expect(message).toContain('is named "bluegreen-agent-init" like initContainers[0]');
    });
    it('operator-managed gate: a container named bluegreen-agent-init collides with the init container the operator injects', () => {
      const message = refusal(
        base({
          operatorVersion: OperatorVersion.FLIP_504,
          gate: Gate.watermark({ fieldPath: 'eventTime' }),
          job: { parallelism: 1, upgradeMode: UpgradeMode.SAVEPOINT },
          checkpointsDir: 's3://b/c',
          savepointsDir: 's3://b/s',
          podTemplate: { spec: { containers: [{ name: 'bluegreen-agent-init' }] } },
        }),
      );
      expect(message).toContain('GATE-WIRING-COLLISION');
    });
    it('a container and an init container of one name in one pod template are refused', () => {
      const message = refusal(base({ jobManager: { memory: '1024m', podTemplate: { spec: { containers: [{ name: 'bluegreen-agent-init' }], initContainers: [{ name: 'bluegreen-agent-init' }] } } } }));
      expect(message).toContain('POD-DUPLICATE-NAME');
    });

    // Harness defect: the operator injects the agent only for a gate; without one, a user's own
    // init container of that name or a -javaagent flag are not duplicates of anything.
    it('operator-managed without a gate: the harness accepts the user\'s own agent-like names', () => {
      checkDefinition({ construct: 'BlueGreenFlinkJob', props: base({ jobManager: { memory: '1024m', podTemplate: { spec: { initContainers: [{ name: 'bluegreen-agent-init' }] } } } }) });
      checkDefinition({ construct: 'BlueGreenFlinkJob', props: base({ jobManagerJvmOptions: '-javaagent:/opt/flink/lib/bluegreen-agent.jar' }) });
      expect(synthDefinition({ construct: 'BlueGreenFlinkJob', props: base({ jobManagerJvmOptions: '-javaagent:/opt/flink/lib/bluegreen-agent.jar' }) }).accepted).toBe(true);
    });

    // The promise behind cutover overrides: nested groups are merged, not replaced.
    it('an override of taskManager.memory keeps the colour\'s cpu and replicas; an override of job.jarURI keeps its parallelism', () => {
      const props = base({
        ...manifest,
        job: { parallelism: 3, upgradeMode: UpgradeMode.SAVEPOINT },
        checkpointsDir: 's3://b/c',
        savepointsDir: 's3://b/s',
        taskManager: { memory: '1024m', cpu: 2, replicas: 3 },
        cutover: Cutover.startOn(Colour.BLUE).cutoverTo(Colour.GREEN, {
          at: new Date('2026-12-01T02:00:00Z'),
          savepointPath: 's3://b/s/savepoint-1',
          overrides: { taskManager: { memory: '4096m' }, job: { jarURI: 'local:///opt/flink/usrlib/v2.jar' } as JobProps },
        }),
      });
      const out = synthDefinition({ construct: 'BlueGreenFlinkJob', props });
      expect(out.accepted).toBe(true);
      const green = out.accepted ? out.objects.find((o) => o.metadata.name === 'a-green') : undefined;
      expect(green.spec.taskManager).toEqual({ replicas: 3, resource: { memory: '4096m', cpu: 2 } });
      expect(green.spec.job).toMatchObject({ jarURI: 'local:///opt/flink/usrlib/v2.jar', parallelism: 3, upgradeMode: 'savepoint' });
      checkDefinition({ construct: 'BlueGreenFlinkJob', props });
    });
  });
});
