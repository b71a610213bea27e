import { describe, expect, it } from 'vitest';
import { coveredByPropProblem, propOfField } from '../../src/prop-of-field';

describe('the prop a YAML field comes from', () => {
  it.each([
    ['FlinkDeployment', '/spec/flinkConfiguration/state.checkpoints.dir', 'checkpointsDir'],
    ['FlinkDeployment', '/spec/flinkConfiguration/execution.checkpointing.savepoint-dir', 'savepointsDir'],
    ['FlinkDeployment', '/spec/flinkConfiguration/high-availability.storageDir', 'highAvailability'],
    ['FlinkDeployment', '/spec/flinkConfiguration/env.java.opts.jobmanager', 'jobManagerJvmOptions'],
    ['FlinkDeployment', '/spec/flinkConfiguration/s3.endpoint', 'flinkConfiguration.s3.endpoint'],
    ['FlinkDeployment', '/spec/jobManager/resource/memory', 'jobManager.memory'],
    ['FlinkDeployment', '/spec/taskManager/replicas', 'taskManager.replicas'],
    ['FlinkDeployment', '/spec/job/parallelism', 'job.parallelism'],
    ['FlinkDeployment', '/spec/image', 'image'],
    ['FlinkDeployment', '/spec/logConfiguration/log4j-console.properties', 'logging'],
    ['FlinkDeployment', '/metadata/name', 'name'],
    ['FlinkBlueGreenDeployment', '/spec/template/spec/flinkConfiguration/bluegreen.gate.strategy', 'gate'],
    ['FlinkBlueGreenDeployment', '/spec/template/spec/job/upgradeMode', 'job.upgradeMode'],
    ['FlinkBlueGreenDeployment', '/spec/configuration/kubernetes.operator.bluegreen.abort.grace-period', 'abortGracePeriod'],
    ['FlinkBlueGreenDeployment', '/spec/transitionMode', 'gate'],
  ])('%s %s → %s', (kind, pointer, prop) => {
    expect(propOfField(kind, pointer)).toBe(prop);
  });

  it('the construct\'s own wiring has no prop', () => {
    expect(propOfField('FlinkDeployment', '/spec/serviceAccountX')).toBeUndefined();
    expect(propOfField('FlinkBlueGreenDeployment', '/spec/template/metadata/labels')).toBeUndefined();
    expect(propOfField('ConfigMap', '/data/stage')).toBeUndefined();
  });

  it('a finding on a prop with a problem (or inside it, or around it) is a repeat', () => {
    expect(coveredByPropProblem('jobManager.memory', ['jobManager.memory'])).toBe(true);
    expect(coveredByPropProblem('jobManager', ['jobManager.memory'])).toBe(true);
    expect(coveredByPropProblem('job.parallelism', ['job'])).toBe(true);
    expect(coveredByPropProblem('gate', ['injection'])).toBe(true);
    expect(coveredByPropProblem('checkpointsDir', ['job.parallelism', '(props)'])).toBe(false);
    expect(coveredByPropProblem(undefined, ['job'])).toBe(false);
  });
});
