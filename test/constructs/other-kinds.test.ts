import { describe, expect, it } from 'vitest';
import {
  AgentInjection,
  BlueGreenFlinkJob,
  Colour,
  Cutover,
  FlinkJob,
  FlinkSessionCluster,
  FlinkSessionJob,
  FlinkStateSnapshot,
  FlinkVersion,
  Gate,
  JobReference,
  OperatorVersion,
  SavepointFormatType,
  Snapshot,
  UpgradeMode,
} from '../../src';
import { validateDocuments } from '../../src/validation';
import { baseSpec, byKind, newChart, synthValidated, validationErrors } from './helpers';

const { job: _job, ...clusterSpec } = baseSpec();

function cluster(chart: any, name = 'shared-session') {
  return new FlinkSessionCluster(chart, 'Session', { name, ...clusterSpec });
}

const JAR = 'https://artifacts.example.com/jobs/clicks-1.0.jar';

describe('FlinkSessionCluster', () => {
  it('emits a FlinkDeployment without spec.job as the child Resource, named from props', () => {
    const { chart } = newChart();
    const c = cluster(chart);
    expect(c.resource.node.id).toBe('Resource');
    const [obj] = synthValidated(chart);
    expect(obj.kind).toBe('FlinkDeployment');
    expect(obj.metadata).toEqual({ name: 'shared-session', namespace: 'streaming', annotations: { 'flink.bluegreen/operator-version': '1.15' } });
    expect(obj.spec.job).toBeUndefined();
    expect(obj.spec.flinkConfiguration['state.savepoints.dir']).toBe('s3://state/job/savepoints');
  });

  it('refuses a job prop and reports operator rules at synth', () => {
    const { chart } = newChart();
    new FlinkSessionCluster(chart, 'Bad', { name: 'Bad_Name', ...clusterSpec, job: { parallelism: 1 } } as any);
    expect(validationErrors(chart).join('\n')).toMatch(/unknown prop "job"/);
    const { chart: c2 } = newChart();
    new FlinkSessionCluster(c2, 'Bad', { name: 'Bad_Name', ...clusterSpec });
    expect(validationErrors(c2).join('\n')).toMatch(/FLINK-NAME/);
  });
});

describe('FlinkSessionJob', () => {
  it('takes the cluster construct: deploymentName and namespace from it, job props as on FlinkJob', () => {
    const { chart } = newChart();
    const c = cluster(chart);
    const j = new FlinkSessionJob(chart, 'Clicks', { name: 'clicks', cluster: c, job: { jarURI: JAR, parallelism: 2, upgradeMode: UpgradeMode.SAVEPOINT, args: ['--x'] } });
    expect(j.resource.node.id).toBe('Resource');
    const [sj] = byKind(synthValidated(chart), 'FlinkSessionJob');
    expect(sj).toEqual({
      apiVersion: 'flink.apache.org/v1beta1',
      kind: 'FlinkSessionJob',
      metadata: { name: 'clicks', namespace: 'streaming', annotations: { 'flink.bluegreen/operator-version': '1.15' } },
      spec: { deploymentName: 'shared-session', job: { jarURI: JAR, parallelism: 2, upgradeMode: 'savepoint', state: 'running', args: ['--x'] } },
    });
  });

  it('takes a cluster name; synthesized output passes validate', () => {
    const { chart } = newChart();
    new FlinkSessionJob(chart, 'Clicks', { name: 'clicks', cluster: 'shared-session', job: { jarURI: JAR, parallelism: 1 }, savepointsDir: 's3://b/sp', flinkConfiguration: { 'pipeline.name': 'clicks' }, restartNonce: 3 });
    const out = synthValidated(chart);
    expect(out[0].spec.flinkConfiguration).toEqual({ 'pipeline.name': 'clicks', 'state.savepoints.dir': 's3://b/sp' });
    expect(out[0].spec.restartNonce).toBe(3);
    expect(validateDocuments(out).flat()).toEqual([]);
  });

  it('fails synth on the 1.15 jarURI allowlist (DefaultValidator.validateJarURI) but not on 1.14', () => {
    const { chart } = newChart();
    new FlinkSessionJob(chart, 'Clicks', { name: 'clicks', cluster: 'shared-session', job: { jarURI: 's3://bucket/clicks.jar', parallelism: 1 } });
    expect(validationErrors(chart).join('\n')).toMatch(/SESSIONJOB-JAR-URI.*jarURI scheme 's3' is not in the allowlist \[https\]/);
    const { chart: c2 } = newChart();
    new FlinkSessionJob(c2, 'Clicks', { name: 'clicks', cluster: 'shared-session', operatorVersion: OperatorVersion.V1_14, job: { jarURI: 's3://bucket/clicks.jar', parallelism: 1 } });
    expect(validationErrors(c2)).toEqual([]);
  });

  it('is checked against its cluster construct: a savepoint job needs the savepoint dir somewhere (validateSessionJobWithCluster)', () => {
    const { chart } = newChart();
    const c = new FlinkSessionCluster(chart, 'Session', { name: 'shared-session', ...clusterSpec, savepointsDir: undefined });
    new FlinkSessionJob(chart, 'Clicks', { name: 'clicks', cluster: c, job: { jarURI: JAR, parallelism: 1, upgradeMode: UpgradeMode.SAVEPOINT } });
    expect(validationErrors(chart).join('\n')).toMatch(/SESSIONJOB-SAVEPOINT-DIR/);
    const { chart: c2 } = newChart();
    const c2c = new FlinkSessionCluster(c2, 'Session', { name: 'shared-session', ...clusterSpec, savepointsDir: undefined });
    new FlinkSessionJob(c2, 'Clicks', { name: 'clicks', cluster: c2c, savepointsDir: 's3://b/sp', job: { jarURI: JAR, parallelism: 1, upgradeMode: UpgradeMode.SAVEPOINT } });
    expect(validationErrors(c2)).toEqual([]);
  });

  it('refuses a namespace other than the cluster\'s and config conflicts like FlinkJob', () => {
    const { chart } = newChart();
    const c = cluster(chart);
    new FlinkSessionJob(chart, 'Clicks', { name: 'clicks', cluster: c, namespace: 'other', job: { jarURI: JAR, parallelism: 1 } });
    expect(validationErrors(chart).join('\n')).toMatch(/namespace "other" differs from the session cluster's "streaming"/);
    const { chart: c2 } = newChart();
    new FlinkSessionJob(c2, 'Clicks', { name: 'clicks', cluster: 'shared-session', job: { jarURI: JAR, parallelism: 1 }, savepointsDir: 's3://a', flinkConfiguration: { 'state.savepoints.dir': 's3://b' } });
    expect(validationErrors(c2).join('\n')).toMatch(/flinkConfiguration\["state.savepoints.dir"\] = "s3:\/\/b" conflicts with savepointsDir/);
  });
});

describe('FlinkStateSnapshot', () => {
  it('a savepoint of a FlinkJob: Resource child, jobReference from the construct, disposeOnDelete false', () => {
    const { chart } = newChart();
    const job = new FlinkJob(chart, 'Job', { name: 'orders', ...baseSpec() });
    const s = new FlinkStateSnapshot(chart, 'Sp', { name: 'orders-sp-1', snapshot: Snapshot.savepoint({ formatType: SavepointFormatType.NATIVE }), jobReference: JobReference.flinkJob(job) });
    expect(s.resource.node.id).toBe('Resource');
    const [snap] = byKind(synthValidated(chart), 'FlinkStateSnapshot');
    expect(snap).toEqual({
      apiVersion: 'flink.apache.org/v1beta1',
      kind: 'FlinkStateSnapshot',
      metadata: { name: 'orders-sp-1', namespace: 'streaming', annotations: { 'flink.bluegreen/operator-version': '1.15' } },
      spec: { savepoint: { disposeOnDelete: false, formatType: 'NATIVE' }, jobReference: { kind: 'FlinkDeployment', name: 'orders' } },
    });
    expect(s.pathCommand).toBe("kubectl -n streaming wait flinkstatesnapshot/orders-sp-1 --for=jsonpath='{.status.state}'=COMPLETED --timeout=15m && kubectl -n streaming get flinkstatesnapshot orders-sp-1 -o jsonpath='{.status.path}'");
  });

  it('a checkpoint of a session job, and an existing savepoint without a job; output passes validate', () => {
    const { chart } = newChart();
    const c = cluster(chart);
    const sj = new FlinkSessionJob(chart, 'Clicks', { name: 'clicks', cluster: c, job: { jarURI: JAR, parallelism: 1 } });
    new FlinkStateSnapshot(chart, 'Cp', { name: 'clicks-cp', snapshot: Snapshot.checkpoint(), jobReference: JobReference.sessionJob(sj), backoffLimit: 2 });
    new FlinkStateSnapshot(chart, 'Imported', { name: 'imported', snapshot: Snapshot.existingSavepoint('s3://b/sp/savepoint-1') });
    const out = synthValidated(chart);
    const snaps = byKind(out, 'FlinkStateSnapshot');
    expect(snaps.map((s) => s.spec)).toEqual([
      { checkpoint: {}, jobReference: { kind: 'FlinkSessionJob', name: 'clicks' }, backoffLimit: 2 },
      { savepoint: { alreadyExists: true, disposeOnDelete: false, path: 's3://b/sp/savepoint-1' } },
    ]);
    expect(validateDocuments(out).flat()).toEqual([]);
  });

  it('a colour of a manifest-wired blue/green job; refuses a colour not deployed in this commit', () => {
    const { chart } = newChart();
    const bg = new BlueGreenFlinkJob(chart, 'Ledger', {
      name: 'ledger',
      ...baseSpec(),
      gate: Gate.watermark({ fieldPath: 'eventTime' }),
      injection: AgentInjection.manifest({ agentImage: 'ghcr.io/apache/flink-kubernetes-operator:1.17.0' }),
      cutover: Cutover.startOn(Colour.BLUE),
    });
    new FlinkStateSnapshot(chart, 'Sp', { name: 'ledger-sp', snapshot: Snapshot.savepoint(), jobReference: JobReference.blueGreenColour(bg, Colour.BLUE) });
    const [snap] = byKind(synthValidated(chart), 'FlinkStateSnapshot');
    expect(snap.spec.jobReference).toEqual({ kind: 'FlinkDeployment', name: 'ledger-blue' });
    new FlinkStateSnapshot(chart, 'Wrong', { name: 'ledger-sp-green', snapshot: Snapshot.savepoint(), jobReference: JobReference.blueGreenColour(bg, Colour.GREEN) });
    expect(validationErrors(chart).join('\n')).toMatch(/GREEN of "ledger" is not deployed in this commit/);
  });

  it('fails synth when the job cannot take it: no savepoint dir (StateSnapshotReconciler), checkpoint before Flink 1.17, no job reference', () => {
    const { chart } = newChart();
    const job = new FlinkJob(chart, 'Job', { name: 'orders', ...baseSpec({ savepointsDir: undefined, flinkVersion: FlinkVersion.V1_16, job: { jarURI: 'local:///j.jar', parallelism: 1 } }) });
    new FlinkStateSnapshot(chart, 'Sp', { name: 'sp', snapshot: Snapshot.savepoint(), jobReference: JobReference.flinkJob(job) });
    new FlinkStateSnapshot(chart, 'Cp', { name: 'cp', snapshot: Snapshot.checkpoint(), jobReference: JobReference.flinkJob(job) });
    new FlinkStateSnapshot(chart, 'None', { name: 'none', snapshot: Snapshot.savepoint() });
    const errs = validationErrors(chart).join('\n');
    expect(errs).toMatch(/\[test\/Sp\] error\[SNAPSHOT-SAVEPOINT-PATH\]/);
    expect(errs).toMatch(/\[test\/Cp\] error\[SNAPSHOT-CHECKPOINT-FLINK-VERSION\]/);
    expect(errs).toMatch(/\[test\/None\] invalid prop jobReference: jobReference is required/);
  });
});
