import { describe, expect, it } from 'vitest';
import { Duration, FlinkJob, FlinkVersion, HighAvailability, ImagePullPolicy, JobState, Logging, OperatorVersion, UpgradeMode } from '../../src';
import { baseSpec, newChart, synthValidated, validationErrors } from './helpers';

describe('FlinkJob', () => {
  it('emits one FlinkDeployment as the child Resource with the name from props', () => {
    const { chart } = newChart();
    const job = new FlinkJob(chart, 'Job', { name: 'fraud-scoring', ...baseSpec() });
    expect(job.resource.node.id).toBe('Resource');
    const [obj, ...rest] = synthValidated(chart);
    expect(rest).toHaveLength(0);
    expect(obj.apiVersion).toBe('flink.apache.org/v1beta1');
    expect(obj.kind).toBe('FlinkDeployment');
    expect(obj.metadata).toEqual({ name: 'fraud-scoring', namespace: 'streaming', annotations: { 'flink.bluegreen/operator-version': '1.15' } });
  });

  it('renders typed props into the spec, config values as flat strings', () => {
    const { chart } = newChart();
    new FlinkJob(chart, 'Job', {
      name: 'fraud-scoring',
      ...baseSpec({
        imagePullPolicy: ImagePullPolicy.ALWAYS,
        taskSlots: 3,
        checkpointInterval: Duration.minutes(1),
        highAvailability: HighAvailability.kubernetes({ storageDir: 's3://state/ha' }),
        jobManagerJvmOptions: '-XX:+UseG1GC',
        logging: Logging.log4j('rootLogger.level = INFO'),
        podLabels: { team: 'risk' },
        podAnnotations: { 'prometheus.io/scrape': 'true' },
        job: { jarURI: 'local:///job.jar', parallelism: 3, upgradeMode: UpgradeMode.LAST_STATE, state: JobState.SUSPENDED, args: ['--a', '1'], allowNonRestoredState: true, initialSavepointPath: 's3://sp/1', savepointRedeployNonce: 2 },
        jobManager: { memory: '2g', cpu: 1, replicas: 2, ephemeralStorage: '10Gi' },
        taskManager: { memory: '4g', cpu: 2, replicas: 3 },
      }),
    });
    const [obj] = synthValidated(chart);
    expect(obj.spec.flinkConfiguration).toEqual({
      'env.java.opts.jobmanager': '-XX:+UseG1GC',
      'execution.checkpointing.interval': '1 min',
      'high-availability.storageDir': 's3://state/ha',
      'high-availability.type': 'kubernetes',
      'state.checkpoints.dir': 's3://state/job/checkpoints',
      'state.savepoints.dir': 's3://state/job/savepoints',
      'taskmanager.numberOfTaskSlots': '3',
    });
    for (const v of Object.values(obj.spec.flinkConfiguration)) expect(typeof v).toBe('string');
    expect(obj.spec.imagePullPolicy).toBe('Always');
    expect(obj.spec.logConfiguration).toEqual({ 'log4j-console.properties': 'rootLogger.level = INFO' });
    expect(obj.spec.job).toEqual({ jarURI: 'local:///job.jar', parallelism: 3, upgradeMode: 'last-state', state: 'suspended', args: ['--a', '1'], allowNonRestoredState: true, initialSavepointPath: 's3://sp/1', savepointRedeployNonce: 2 });
    expect(obj.spec.jobManager).toEqual({ replicas: 2, resource: { memory: '2g', cpu: 1, ephemeralStorage: '10Gi' } });
    expect(obj.spec.taskManager).toEqual({ replicas: 3, resource: { memory: '4g', cpu: 2 } });
    // Pod labels go where the operator copies them to the pods: the pod template.
    expect(obj.spec.podTemplate).toEqual({ metadata: { labels: { team: 'risk' }, annotations: { 'prometheus.io/scrape': 'true' } } });
    expect(obj.metadata.labels).toBeUndefined();
  });

  it('defaults the service account to flink and the upgrade mode to the operator default', () => {
    const { chart } = newChart();
    new FlinkJob(chart, 'Job', { name: 'j', ...baseSpec({ job: { parallelism: 1 } }) });
    const [obj] = synthValidated(chart);
    expect(obj.spec.serviceAccount).toBe('flink');
    expect(obj.spec.job).toEqual({ parallelism: 1, upgradeMode: 'stateless', state: 'running' });
  });

  it('accepts the same value twice but refuses a conflicting escape hatch, naming both sides', () => {
    const { chart } = newChart();
    new FlinkJob(chart, 'Same', { name: 'same', ...baseSpec({ flinkConfiguration: { 'state.checkpoints.dir': 's3://state/job/checkpoints' } }) });
    expect(validationErrors(chart)).toEqual([]);

    const { chart: c2 } = newChart();
    new FlinkJob(c2, 'Job', {
      name: 'j',
      ...baseSpec({ flinkConfiguration: { 'state.checkpoints.dir': 's3://other', 'execution.checkpointing.savepoint-dir': 's3://x' } }),
    });
    expect(validationErrors(c2)).toEqual([
      '[test/Job] invalid prop flinkConfiguration.state.checkpoints.dir: flinkConfiguration["state.checkpoints.dir"] = "s3://other" conflicts with checkpointsDir = "s3://state/job/checkpoints": set it in one place (prefer the checkpointsDir prop)',
      '[test/Job] invalid prop flinkConfiguration.execution.checkpointing.savepoint-dir: flinkConfiguration["execution.checkpointing.savepoint-dir"] = "s3://x" sets the same thing as savepointsDir (rendered as "state.savepoints.dir"): remove it from flinkConfiguration',
    ]);
  });

  it('refuses a pod label set twice with different values', () => {
    const { chart } = newChart();
    new FlinkJob(chart, 'Job', { name: 'j', ...baseSpec({ podLabels: { team: 'a' }, podTemplate: { metadata: { labels: { team: 'b' } } } }) });
    expect(validationErrors(chart)).toEqual([
      '[test/Job] invalid prop podTemplate.metadata.labels.team: podTemplate.metadata.labels["team"] = "b" conflicts with podLabels["team"] = "a": set it in one place',
    ]);
  });

  it('reports every bad prop at once, with the construct path', () => {
    const { chart } = newChart();
    new FlinkJob(chart, 'Job', {
      name: 'j',
      ...baseSpec({
        job: { parallelism: 0 },
        taskManager: { cpu: 1 },
        flinkConfiguration: { 'taskmanager.numberOfTaskSlots': 2 as unknown as string },
      }),
    });
    expect(validationErrors(chart)).toEqual([
      '[test/Job] invalid prop job.parallelism: parallelism must be at least 1, got 0',
      '[test/Job] invalid prop taskManager.memory: taskManager memory is required: set memory (e.g. "2048m") or resources.requests.memory',
      '[test/Job] invalid prop flinkConfiguration.taskmanager.numberOfTaskSlots: values must be strings, got the number 2: quote it (e.g. "2")',
    ]);
  });

  it('refuses unknown props from JavaScript callers', () => {
    const { chart } = newChart();
    new FlinkJob(chart, 'Job', { name: 'j', ...baseSpec(), parralelism: 3 } as never);
    expect(validationErrors(chart)).toEqual(['[test/Job] invalid prop (props): unknown prop "parralelism" (did you mean "job.parallelism"?): check the spelling against the props interface']);
  });

  it.each([
    [{ checkpointDir: 's3://b/c' }, '(props)', '"checkpointDir" (did you mean "checkpointsDir"?)'],
    [{ 'state.savepoints.dir': 's3://b/s' }, '(props)', '"state.savepoints.dir" (did you mean "savepointsDir"?)'],
    [{ jarURI: 'local:///j.jar' }, '(props)', '"jarURI" (did you mean "job.jarURI"?)'],
    [{ jobManager: { memory: '1g', memroy: '1g' } }, 'jobManager', '"memroy" (did you mean "memory"?)'],
    [{ zzzzzz: 1 }, '(props)', '"zzzzzz":'],
  ])('an unknown prop names the one meant: %j', (extra, path, named) => {
    const { chart } = newChart();
    new FlinkJob(chart, 'Job', { name: 'j', ...baseSpec(), ...extra } as never);
    const errors = validationErrors(chart);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`invalid prop ${path}: unknown prop ${named}`);
  });

  it('renders lazily: addFlinkConfiguration after construction lands in the output', () => {
    const { chart } = newChart();
    const job = new FlinkJob(chart, 'Job', { name: 'j', ...baseSpec() });
    job.addFlinkConfiguration('restart-strategy.type', 'exponential-delay');
    expect(synthValidated(chart)[0].spec.flinkConfiguration['restart-strategy.type']).toBe('exponential-delay');
  });

  it('refuses resources on 1.15, where the API server would prune them', () => {
    const { chart } = newChart();
    new FlinkJob(chart, 'Job', { name: 'j', ...baseSpec({ jobManager: { resources: { requests: { memory: '2Gi' } } } }) });
    expect(validationErrors(chart)).toEqual([
      '[test/Job] error[SCHEMA-UNKNOWN-FIELD] FlinkDeployment/j /spec/jobManager/resources (prop jobManager.resources): unknown field "resources" in spec.jobManager: the operator 1.15 CRD does not define it, so the API server would prune it silently Fix: on operator 1.15 use spec.jobManager.resource: {cpu, memory} (resources exists only from operator main), or target --operator-version main',
      '[test/Job] error[FLINK-JM-MEMORY] FlinkDeployment/j /spec/jobManager/resource/memory (prop jobManager.memory): JobManager memory is not defined: spec.jobManager.resource.memory is not set and the Flink memory options (jobmanager.memory.process.size, jobmanager.memory.flink.size, ...) do not define it Operator says: "JobManager resource memory must be defined using `spec.jobManager.resource.memory`". Fix: set jobManager.memory (e.g. "2048m"); jobManager.resources counts only on operator main and later',
    ]);
  });

  it('renders resources only when asked, as given', () => {
    const { chart } = newChart();
    new FlinkJob(chart, 'Job', {
      name: 'j',
      operatorVersion: OperatorVersion.MAIN,
      ...baseSpec({ flinkVersion: FlinkVersion.V2_2, jobManager: { resources: { requests: { memory: '2Gi', cpu: '1' }, limits: { memory: '2Gi' } } } }),
    });
    const [obj] = synthValidated(chart);
    expect(obj.spec.jobManager).toEqual({ replicas: 1, resources: { requests: { memory: '2Gi', cpu: '1' }, limits: { memory: '2Gi' } } });
  });
});

