import { foldJobWidePodTemplate } from '../../src/spec/pod-template-merge';
import { validateDocument } from '../../src/validation';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BlueGreenFlinkJob, Duration, FlinkJob, FlinkVersion, Gate, HighAvailability, OperatorVersion, UpgradeMode } from '../../src';
import { newChart } from './helpers';

/**
 * The upstream examples expressed with our constructs: after normalising what means the same
 * to the operator (flat vs nested config, string vs number values, defaults), the specs are equal.
 */
function upstream(file: string, kind: string): any {
  const text = readFileSync(join(__dirname, '..', '..', 'examples-upstream', file), 'utf8');
  return parseAllDocuments(text)
    .map((d) => d.toJS())
    .find((d) => d?.kind === kind);
}

function flatten(conf: Record<string, unknown>, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(conf ?? {})) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out);
    else out[key] = String(v);
  }
  return out;
}

/** Operator-equivalent form of a FlinkDeployment spec. */
function normaliseSpec(spec: any): any {
  const s = JSON.parse(JSON.stringify(spec));
  s.flinkConfiguration = flatten(s.flinkConfiguration);
  if (s.mode === 'native') delete s.mode; // null means native
  if (s.job) {
    if (s.job.state === 'running') delete s.job.state; // default
    if (s.job.upgradeMode === 'stateless') delete s.job.upgradeMode; // default
    if (s.job.savepointTriggerNonce === 0) delete s.job.savepointTriggerNonce; // deprecated; 0 on creation triggers nothing
  }
  for (const c of ['jobManager', 'taskManager']) if (s[c]?.replicas === 1 && c === 'jobManager') delete s[c].replicas;
  return s;
}

function normaliseBlueGreen(spec: any): any {
  const s = JSON.parse(JSON.stringify(spec));
  s.template.spec = normaliseSpec(s.template.spec);
  if (s.transitionMode === 'BASIC') delete s.transitionMode; // CRD default
  return s;
}

const stateMachine = {
  jarURI: 'local:///opt/flink/examples/streaming/StateMachineExample.jar',
  entryClass: 'org.apache.flink.streaming.examples.statemachine.StateMachineExample',
  args: ['--error-rate', '0.15', '--sleep', '30'],
  parallelism: 1,
};

describe('upstream examples expressed with the constructs', () => {
  it('bluegreen-laststate.yaml', () => {
    const { chart } = newChart();
    const job = new BlueGreenFlinkJob(chart, 'Job', {
      name: 'basic-bg-laststate-example',
      operatorVersion: OperatorVersion.MAIN,
      image: 'flink:1.20',
      flinkVersion: FlinkVersion.V1_20,
      taskSlots: 1,
      checkpointInterval: Duration.seconds(10),
      checkpointsDir: 'file:///opt/flink/volume/flink-cp',
      savepointsDir: 'file:///opt/flink/volume/flink-sp',
      flinkConfiguration: {
        'rest.port': '8081',
        'execution.checkpointing.storage': 'filesystem',
        'state.backend.incremental': 'true',
        'state.checkpoints.num-retained': '5',
      },
      jobManager: {
        resources: { requests: { memory: '1G', cpu: '1' } },
        podTemplate: {
          spec: {
            containers: [
              {
                name: 'flink-main-container',
                resources: { requests: { 'ephemeral-storage': '2048Mi' }, limits: { 'ephemeral-storage': '2048Mi' } },
                volumeMounts: [{ mountPath: '/opt/flink/volume', name: 'flink-volume' }],
              },
            ],
            volumes: [{ name: 'flink-volume', persistentVolumeClaim: { claimName: 'flink-bg-laststate' } }],
          },
        },
      },
      taskManager: { resources: { requests: { memory: '2G', cpu: '1' } } },
      job: { ...stateMachine, upgradeMode: UpgradeMode.LAST_STATE },
      deploymentDeletionDelay: Duration.seconds(1),
    });
    const ours = job.render()[0] as any;
    const theirs = upstream('bluegreen-laststate.yaml', 'FlinkBlueGreenDeployment');
    expect(ours.metadata.name).toBe(theirs.metadata.name);
    // Flink reads "1 s" and "1s" alike; compare durations by value.
    theirs.spec.configuration['kubernetes.operator.bluegreen.deployment-deletion.delay'] = '1 s';
    theirs.spec.template.spec.flinkConfiguration['execution.checkpointing.interval'] = '10 s';
    expect(normaliseBlueGreen(ours.spec)).toEqual(normaliseBlueGreen(theirs.spec));
  });

  it('bluegreen-ingress.yaml', () => {
    const { chart } = newChart();
    const job = new BlueGreenFlinkJob(chart, 'Job', {
      name: 'bg-ingress-test',
      operatorVersion: OperatorVersion.MAIN,
      image: 'flink:1.20',
      flinkVersion: FlinkVersion.V1_20,
      taskSlots: 1,
      flinkConfiguration: { 'rest.port': '8081' },
      jobManager: { resources: { requests: { memory: '1G', cpu: '1' } } },
      taskManager: { resources: { requests: { memory: '2G', cpu: '1' } } },
      job: { ...stateMachine, upgradeMode: UpgradeMode.STATELESS },
      deploymentDeletionDelay: Duration.seconds(2),
      activeIngress: { template: '{{name}}.{{namespace}}.example.com', className: 'nginx', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } },
    });
    const theirs = upstream('bluegreen-ingress.yaml', 'FlinkBlueGreenDeployment');
    theirs.spec.configuration['kubernetes.operator.bluegreen.deployment-deletion.delay'] = '2 s';
    expect(normaliseBlueGreen((job.render()[0] as any).spec)).toEqual(normaliseBlueGreen(theirs.spec));
  });

  it('bluegreen-advanced.yaml (FLIP-504)', () => {
    const { chart } = newChart();
    const job = new BlueGreenFlinkJob(chart, 'Job', {
      name: 'bg-advanced-example',
      operatorVersion: OperatorVersion.FLIP_504,
      image: 'flink-bluegreen-advanced-example:ci-latest',
      imagePullPolicy: undefined,
      flinkVersion: FlinkVersion.V1_20,
      taskSlots: 2,
      checkpointInterval: Duration.seconds(5),
      checkpointsDir: 'file:///opt/flink/volume/flink-cp',
      savepointsDir: 'file:///opt/flink/volume/flink-sp',
      flinkConfiguration: { 'taskmanager.memory.managed.size': '0' },
      podTemplate: {
        spec: {
          containers: [{ name: 'flink-main-container', volumeMounts: [{ mountPath: '/opt/flink/volume', name: 'flink-volume' }] }],
          volumes: [{ name: 'flink-volume', persistentVolumeClaim: { claimName: 'flink-bg-advanced' } }],
        },
      },
      jobManager: { resources: { requests: { memory: '1024m', cpu: '0.5' } } },
      taskManager: { resources: { requests: { memory: '1Gi', cpu: '0.5' } } },
      job: {
        jarURI: 'local:///opt/flink/job/bluegreen-advanced-example.jar',
        entryClass: 'org.apache.flink.examples.bluegreen.BlueGreenAdvancedExample',
        args: ['--output', '/opt/flink/volume/output'],
        parallelism: 2,
        upgradeMode: UpgradeMode.SAVEPOINT,
      },
      gate: Gate.watermark({ fieldPath: 'eventTime', timeout: Duration.minutes(5) }),
      deploymentDeletionDelay: Duration.seconds(10),
    });
    const theirs = upstream('bluegreen-advanced.yaml', 'FlinkBlueGreenDeployment');
    delete theirs.spec.template.spec.imagePullPolicy; // IfNotPresent is Kubernetes' default for a non-latest tag
    theirs.spec.configuration['kubernetes.operator.bluegreen.deployment-deletion.delay'] = '10 s';
    theirs.spec.template.spec.flinkConfiguration['execution.checkpointing.interval'] = '5 s';
    // We always state the gate position; BEFORE_SINK is what the operator assumes when it is absent.
    theirs.spec.template.spec.flinkConfiguration['bluegreen.gate.injection.position'] = 'BEFORE_SINK';
    // As written upstream, the FLIP-504 operator appends its agent wiring to jobManager.podTemplate and merges it
    // with podTemplate by position: the PVC volume and the agent's emptyDir become one volume with two sources.
    const asWritten = validateDocument(theirs, { operatorVersion: OperatorVersion.FLIP_504 });
    expect(asWritten.filter((f) => f.rule === 'POD-VOLUME-SOURCE').map((f) => f.path)).toEqual(['/spec/template/spec/podTemplate/spec/volumes/0']);
    // The construct folds the job-wide template into both component templates, so nothing is merged by position.
    theirs.spec.template.spec = foldJobWidePodTemplate(theirs.spec.template.spec, true);
    expect(normaliseBlueGreen((job.render()[0] as any).spec)).toEqual(normaliseBlueGreen(theirs.spec));
    expect(validateDocument(job.render()[0], { operatorVersion: OperatorVersion.FLIP_504 }).filter((f) => f.rule.startsWith('POD-'))).toEqual([]);
  });

  it('basic-checkpoint-ha.yaml (nested flinkConfiguration upstream, flat here)', () => {
    const { chart } = newChart();
    const job = new FlinkJob(chart, 'Job', {
      name: 'basic-checkpoint-ha-example',
      operatorVersion: OperatorVersion.MAIN,
      image: 'flink:2.2',
      flinkVersion: FlinkVersion.V2_2,
      taskSlots: 2,
      savepointsDir: 'file:///flink-data/savepoints',
      checkpointsDir: 'file:///flink-data/checkpoints',
      highAvailability: HighAvailability.kubernetes({ storageDir: 'file:///flink-data/ha' }),
      flinkConfiguration: { 'kubernetes.operator.savepoint.format.type': 'NATIVE' },
      jobManager: { resources: { requests: { memory: '2048m', cpu: '1' } } },
      taskManager: { resources: { requests: { memory: '2048m', cpu: '1' } } },
      podTemplate: {
        spec: {
          containers: [{ name: 'flink-main-container', volumeMounts: [{ mountPath: '/flink-data', name: 'flink-volume' }] }],
          volumes: [{ name: 'flink-volume', hostPath: { path: '/tmp/flink', type: 'Directory' } }],
        },
      },
      job: { jarURI: 'local:///opt/flink/examples/streaming/StateMachineExample.jar', parallelism: 2, upgradeMode: UpgradeMode.SAVEPOINT },
    });
    const theirs = upstream('basic-checkpoint-ha.yaml', 'FlinkDeployment');
    expect(normaliseSpec((job.render().object as any).spec)).toEqual(normaliseSpec(theirs.spec));
  });
});
