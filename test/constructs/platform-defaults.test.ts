import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import {
  BlueGreenFlinkJob,
  Duration,
  FlinkJob,
  FlinkSessionCluster,
  FlinkSessionJob,
  FlinkVersion,
  HighAvailability,
  OperatorVersion,
  PlatformDefaults,
  ResourcePreset,
  StateStorage,
  UpgradeMode,
} from '../../src';
import { validateDocuments } from '../../src/validation';
import { byKind, synthValidated, validationErrors } from './helpers';

function platformApp() {
  const app = Testing.app();
  PlatformDefaults.set(app, {
    imageRegistry: 'registry.example.com/streaming',
    flinkVersion: FlinkVersion.V1_20,
    serviceAccount: 'flink-jobs',
    stateStorage: StateStorage.under('s3://flink-state/'),
    highAvailability: true,
    checkpointInterval: Duration.minutes(1),
    jobManager: ResourcePreset.MEDIUM,
    taskManager: ResourcePreset.LARGE,
    labels: { team: 'streaming', 'cost-center': 'c-1' },
    flinkConfiguration: { 'restart-strategy.type': 'exponential-delay', 'state.backend.type': 'rocksdb' },
  });
  return app;
}

describe('PlatformDefaults', () => {
  it('a job that states only what is its own inherits the rest; output passes validate', () => {
    const app = platformApp();
    const chart = new Chart(app, 'orders', { namespace: 'streaming' });
    new FlinkJob(chart, 'Orders', { name: 'orders', image: 'orders:1.4.0', job: { jarURI: 'local:///opt/flink/usrlib/orders.jar', parallelism: 4, upgradeMode: UpgradeMode.SAVEPOINT } });
    const [fd] = synthValidated(chart);
    expect(fd.metadata.labels).toEqual({ team: 'streaming', 'cost-center': 'c-1' });
    expect(fd.spec.image).toBe('registry.example.com/streaming/orders:1.4.0');
    expect(fd.spec.flinkVersion).toBe('v1_20');
    expect(fd.spec.serviceAccount).toBe('flink-jobs');
    expect(fd.spec.jobManager).toEqual({ replicas: 1, resource: { memory: '2048m', cpu: 1 } });
    expect(fd.spec.taskManager).toEqual({ resource: { memory: '4096m', cpu: 2 } });
    expect(fd.spec.flinkConfiguration).toEqual({
      'execution.checkpointing.interval': '1 min',
      'high-availability.storageDir': 's3://flink-state/orders/ha',
      'high-availability.type': 'kubernetes',
      'restart-strategy.type': 'exponential-delay',
      'state.backend.type': 'rocksdb',
      'state.checkpoints.dir': 's3://flink-state/orders/checkpoints',
      'state.savepoints.dir': 's3://flink-state/orders/savepoints',
    });
    expect(validateDocuments([fd]).flat().filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('job props override: typed props, single resource fields, labels per key, an image with a registry, escape-hatch keys', () => {
    const app = platformApp();
    const chart = new Chart(app, 'fraud', { namespace: 'streaming' });
    new FlinkJob(chart, 'Fraud', {
      name: 'fraud',
      image: 'ghcr.io/acme/fraud:2.0.0',
      flinkVersion: FlinkVersion.V2_0,
      checkpointsDir: 's3://other/fraud/cp',
      highAvailability: HighAvailability.kubernetes({ storageDir: 's3://other/fraud/ha' }),
      taskManager: { memory: '8192m' },
      labels: { team: 'risk' },
      flinkConfiguration: { 'state.backend.type': 'hashmap', 'state.savepoints.dir': 's3://other/fraud/sp' },
      job: { jarURI: 'local:///j.jar', parallelism: 2 },
    });
    const [fd] = synthValidated(chart);
    expect(fd.spec.image).toBe('ghcr.io/acme/fraud:2.0.0');
    expect(fd.spec.flinkVersion).toBe('v2_0');
    expect(fd.metadata.labels).toEqual({ team: 'risk', 'cost-center': 'c-1' });
    expect(fd.spec.taskManager.resource).toEqual({ memory: '8192m', cpu: 2 });
    expect(fd.spec.flinkConfiguration['state.checkpoints.dir']).toBe('s3://other/fraud/cp');
    expect(fd.spec.flinkConfiguration['high-availability.storageDir']).toBe('s3://other/fraud/ha');
    expect(fd.spec.flinkConfiguration['state.savepoints.dir']).toBe('s3://other/fraud/sp');
    expect(fd.spec.flinkConfiguration['state.backend.type']).toBe('hashmap');
  });

  it('the chart\'s defaults win over the app\'s; session clusters and blue/green jobs inherit too', () => {
    const app = platformApp();
    const chart = new Chart(app, 'team-b', { namespace: 'team-b' });
    PlatformDefaults.set(chart, { labels: { team: 'b' }, taskManager: ResourcePreset.SMALL, operatorVersion: OperatorVersion.V1_14 });
    const session = new FlinkSessionCluster(chart, 'Session', { name: 'b-session', image: 'flink:1.20.1-java17' });
    const sj = new FlinkSessionJob(chart, 'Job', { name: 'b-job', cluster: session, job: { jarURI: 's3://b/job.jar', parallelism: 1 } });
    const bg = new BlueGreenFlinkJob(chart, 'Bg', { name: 'b-bg', image: 'bg:1.0.0', job: { jarURI: 'local:///j.jar', parallelism: 1, upgradeMode: UpgradeMode.SAVEPOINT } });
    const out = synthValidated(chart);
    expect(sj.operatorVersion).toBe(OperatorVersion.V1_14); // via the cluster
    expect(bg.operatorVersion).toBe(OperatorVersion.V1_14);
    expect(byKind(out, 'FlinkDeployment')[0].spec.taskManager.resource).toEqual({ memory: '1024m', cpu: 1 });
    expect(byKind(out, 'FlinkDeployment')[0].metadata.labels).toEqual({ team: 'b', 'cost-center': 'c-1' });
    expect(byKind(out, 'FlinkSessionJob')[0].metadata.labels).toEqual({ team: 'b', 'cost-center': 'c-1' });
    expect(byKind(out, 'FlinkBlueGreenDeployment')[0].spec.template.spec.image).toBe('registry.example.com/streaming/bg:1.0.0');
    expect(byKind(out, 'FlinkBlueGreenDeployment')[0].spec.template.spec.flinkConfiguration['state.savepoints.dir']).toBe('s3://flink-state/b-bg/savepoints');
  });

  it('without defaults for them, image and resources stay required', () => {
    const chart = new Chart(Testing.app(), 'x');
    new FlinkJob(chart, 'J', { name: 'j', flinkVersion: FlinkVersion.V1_20, job: { parallelism: 1 } });
    const errs = validationErrors(chart).join('\n');
    expect(errs).toMatch(/invalid prop image: image is required/);
    expect(errs).toMatch(/invalid prop jobManager: is required/);
  });

  it('refuses defaults that contradict themselves, HA without storage, and defaults set after the jobs', () => {
    const app = Testing.app();
    expect(() => PlatformDefaults.set(app, { stateStorage: StateStorage.under('s3://s'), flinkConfiguration: { 'state.checkpoints.dir': 's3://x' } })).toThrow(
      /flinkConfiguration\["state.checkpoints.dir"\] sets what stateStorage already sets: set it in one place/,
    );
    expect(() => PlatformDefaults.set(app, { highAvailability: true })).toThrow(/highAvailability: needs stateStorage/);
    expect(() => StateStorage.under('flink-state')).toThrow(/expected a URI with a scheme/);
    const chart = new Chart(app, 'late');
    new FlinkJob(chart, 'J', { name: 'j', image: 'flink:1.20.1', flinkVersion: FlinkVersion.V1_20, jobManager: { memory: '1g' }, taskManager: { memory: '1g' }, job: { parallelism: 1 } });
    expect(() => PlatformDefaults.set(app, { serviceAccount: 'x' })).toThrow(/set defaults before adding jobs: late\/J already exists/);
  });

  it('StateStorage.layout: a layout of the platform\'s own', () => {
    const s = StateStorage.layout((job) => ({ checkpointsDir: `gs://cp/${job}`, savepointsDir: `gs://sp/${job}`, highAvailabilityDir: `gs://ha/${job}` }));
    expect(s.resolve('orders')).toEqual({ checkpointsDir: 'gs://cp/orders', savepointsDir: 'gs://sp/orders', highAvailabilityDir: 'gs://ha/orders' });
  });
});
