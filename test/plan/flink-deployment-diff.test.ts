import { describe, expect, it } from 'vitest';
import { classifyFlinkDeployment } from '../../src/plan/flink-deployment-diff';
import type { DiffType } from '../../src/plan/impact';
import { fd } from './builders';

/** One change → the operator's DiffType, and the reason at `path` carrying it. */
function expectRule(before: unknown, after: unknown, impact: DiffType, path: string): void {
  const c = classifyFlinkDeployment(before, after);
  expect(c.impact).toBe(impact);
  expect(c.reasons.map((r) => r.path)).toContain(path);
  if (impact !== 'IGNORE') expect(c.decidedBy).toBe(path);
}

describe('FlinkDeployment spec diff (ReflectiveDiffBuilder + @SpecDiff)', () => {
  it('identical specs are IGNORE without reasons', () => {
    const c = classifyFlinkDeployment(fd(), fd());
    expect(c.impact).toBe('IGNORE');
    expect(c.reasons).toEqual([]);
  });

  it.each([
    ['image', { image: 'x:2' }, '/spec/image'],
    ['imagePullPolicy', { imagePullPolicy: 'Always' }, '/spec/imagePullPolicy'],
    ['serviceAccount', { serviceAccount: 'other' }, '/spec/serviceAccount'],
    ['flinkVersion', { flinkVersion: 'v2_0' }, '/spec/flinkVersion'],
    ['logConfiguration', { logConfiguration: { 'log4j-console.properties': 'x' } }, '/spec/logConfiguration/log4j-console.properties'],
    ['ingress', { ingress: { template: '{{name}}.example.com' } }, '/spec/ingress/template'],
    ['podTemplate', { podTemplate: { spec: { nodeSelector: { pool: 'a' } } } }, '/spec/podTemplate/spec/nodeSelector/pool'],
    ['mode', { mode: 'standalone' }, '/spec/mode'],
    ['job.jarURI', { job: { jarURI: 'local:///other.jar' } }, '/spec/job/jarURI'],
    ['job.entryClass', { job: { entryClass: 'com.example.Main' } }, '/spec/job/entryClass'],
    ['job.args', { job: { args: ['--x'] } }, '/spec/job/args/0'],
    ['job.state', { job: { state: 'suspended' } }, '/spec/job/state'],
    ['job.parallelism (native)', { job: { parallelism: 4 } }, '/spec/job/parallelism'],
    ['taskManager.replicas (native)', { taskManager: { replicas: 3 } }, '/spec/taskManager/replicas'],
    ['taskManager.resource', { taskManager: { resource: { memory: '4096m' } } }, '/spec/taskManager/resource/memory'],
    ['jobManager.replicas (JobManagerSpec is not Diffable)', { jobManager: { replicas: 2 } }, '/spec/jobManager/replicas'],
    ['jobManager.resource', { jobManager: { resource: { cpu: 2 } } }, '/spec/jobManager/resource/cpu'],
    ['restartNonce set', { restartNonce: 1 }, '/spec/restartNonce'],
    ['a flinkConfiguration key not on the ignore list', { flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '2' } }, '/spec/flinkConfiguration/taskmanager.numberOfTaskSlots'],
  ])('%s → UPGRADE', (_name, patch, path) => {
    expectRule(fd(), fd(patch), 'UPGRADE', path);
  });

  it.each([
    ['job.savepointTriggerNonce', { job: { savepointTriggerNonce: 1 } }, '/spec/job/savepointTriggerNonce'],
    ['job.initialSavepointPath', { job: { initialSavepointPath: 's3://b/sp/1' } }, '/spec/job/initialSavepointPath'],
    ['job.checkpointTriggerNonce', { job: { checkpointTriggerNonce: 1 } }, '/spec/job/checkpointTriggerNonce'],
    ['job.upgradeMode', { job: { upgradeMode: 'last-state' } }, '/spec/job/upgradeMode'],
    ['job.allowNonRestoredState', { job: { allowNonRestoredState: true } }, '/spec/job/allowNonRestoredState'],
    ['job.autoscalerResetNonce', { job: { autoscalerResetNonce: 3 } }, '/spec/job/autoscalerResetNonce'],
    ['flinkConfiguration job.autoscaler.*', { flinkConfiguration: { 'job.autoscaler.enabled': 'true' } }, '/spec/flinkConfiguration/job.autoscaler.enabled'],
    ['flinkConfiguration parallelism.default', { flinkConfiguration: { 'parallelism.default': '4' } }, '/spec/flinkConfiguration/parallelism.default'],
    ['flinkConfiguration kubernetes.operator.*', { flinkConfiguration: { 'kubernetes.operator.savepoint.format.type': 'NATIVE' } }, '/spec/flinkConfiguration/kubernetes.operator.savepoint.format.type'],
  ])('%s → IGNORE', (_name, patch, path) => {
    const c = classifyFlinkDeployment(fd(), fd(patch));
    expect(c.impact).toBe('IGNORE');
    const r = c.reasons.find((x) => x.path === path);
    expect(r?.type).toBe('IGNORE');
    expect(c.decidedBy).toBeUndefined();
  });

  it('prefixes match with a plain startsWith, no dot boundary', () => {
    expectRule(fd(), fd({ flinkConfiguration: { 'kubernetes.operatorx': 'y' } }), 'IGNORE', '/spec/flinkConfiguration/kubernetes.operatorx');
  });

  it('job.parallelism is SCALE in standalone mode', () => {
    expectRule(fd({ mode: 'standalone' }), fd({ mode: 'standalone', job: { parallelism: 4 } }), 'SCALE', '/spec/job/parallelism');
  });

  it('taskManager.replicas is SCALE in standalone mode', () => {
    const s = { mode: 'standalone', taskManager: { replicas: 2 } };
    expectRule(fd(s), fd({ ...s, taskManager: { replicas: 3 } }), 'SCALE', '/spec/taskManager/replicas');
  });

  it('pipeline.jobvertex-parallelism-overrides is SCALE in native and UPGRADE in standalone', () => {
    const key = 'pipeline.jobvertex-parallelism-overrides';
    const path = `/spec/flinkConfiguration/${key}`;
    expectRule(fd(), fd({ flinkConfiguration: { [key]: 'a:2' } }), 'SCALE', path);
    expectRule(fd({ mode: 'standalone' }), fd({ mode: 'standalone', flinkConfiguration: { [key]: 'a:2' } }), 'UPGRADE', path);
  });

  it('the mode of the new spec decides (the reconciler reads it from the current resource)', () => {
    // standalone → native: parallelism is classified in NATIVE mode, so UPGRADE
    expectRule(fd({ mode: 'standalone' }), fd({ job: { parallelism: 4 } }), 'UPGRADE', '/spec/job/parallelism');
  });

  it('a new savepointRedeployNonce is SAVEPOINT_REDEPLOY and wins over UPGRADE', () => {
    expectRule(fd(), fd({ job: { savepointRedeployNonce: 1, initialSavepointPath: 's3://b/sp/1' } }), 'SAVEPOINT_REDEPLOY', '/spec/job/savepointRedeployNonce');
    const c = classifyFlinkDeployment(fd(), fd({ image: 'x:2', job: { savepointRedeployNonce: 1 } }));
    expect(c.impact).toBe('SAVEPOINT_REDEPLOY');
  });

  it('nonces cleared to null are skipped (onNullIgnore)', () => {
    const a = fd({ restartNonce: 5, job: { savepointRedeployNonce: 2 } });
    const b = fd({ restartNonce: undefined, job: { savepointRedeployNonce: undefined } });
    const c = classifyFlinkDeployment(a, b);
    expect(c.impact).toBe('IGNORE');
    expect(c.reasons.map((r) => r.path)).toEqual(['/spec/job/savepointRedeployNonce', '/spec/restartNonce']);
    expect(c.reasons.every((r) => r.type === 'IGNORE' && /onNullIgnore/.test(r.note ?? ''))).toBe(true);
  });

  it('restartNonce changed to another value is UPGRADE', () => {
    expectRule(fd({ restartNonce: 1 }), fd({ restartNonce: 2 }), 'UPGRADE', '/spec/restartNonce');
  });

  it('the highest field type wins and the first field with it decides', () => {
    const c = classifyFlinkDeployment(fd(), fd({ job: { upgradeMode: 'last-state' }, image: 'x:2', flinkConfiguration: { 'pipeline.jobvertex-parallelism-overrides': 'a:1' } }));
    expect(c.impact).toBe('UPGRADE');
    expect(c.decidedBy).toBe('/spec/image');
  });

  it('nested and dotted flinkConfiguration are compared after flattening', () => {
    const flat = fd({ flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '2' } });
    const nested = fd({ flinkConfiguration: { taskmanager: { numberOfTaskSlots: 2 } } });
    expect(classifyFlinkDeployment(flat, nested).impact).toBe('IGNORE');
    const changed = fd({ flinkConfiguration: { taskmanager: { numberOfTaskSlots: 4 } } });
    const c = classifyFlinkDeployment(flat, changed);
    expect(c.impact).toBe('UPGRADE');
    expect(c.decidedBy).toBe('/spec/flinkConfiguration/taskmanager.numberOfTaskSlots');
    expect(c.reasons[0]).toMatchObject({ from: '2', to: '4' });
  });

  it('flinkConfiguration arrays flatten to ;-joined text', () => {
    const a = fd({ flinkConfiguration: { 'env.list': ['a', 'b'] } });
    expect(classifyFlinkDeployment(a, fd({ flinkConfiguration: { 'env.list': 'a;b' } })).impact).toBe('IGNORE');
  });

  it('Java defaults: absent equals the field initialiser', () => {
    const a = fd({ job: { upgradeMode: undefined } });
    expect(classifyFlinkDeployment(a, fd({ job: { upgradeMode: 'stateless', state: 'running', args: [] } })).reasons).toEqual([]);
    expect(classifyFlinkDeployment(fd(), fd({ jobManager: { replicas: 1 } })).reasons).toEqual([]);
  });

  it('pod template additional properties (apiVersion/kind of the Pod schema) and empty lists are not compared', () => {
    const a = fd({ podTemplate: { spec: { containers: [{ name: 'flink-main-container' }] } } });
    const b = fd({ podTemplate: { apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'flink-main-container', env: [] }] } } });
    const c = classifyFlinkDeployment(a, b);
    expect(c.impact).toBe('IGNORE');
    expect(c.reasons).toEqual([]);
  });

  it('adding spec.job (session → application) is UPGRADE on /spec/job', () => {
    const session = fd({ job: undefined });
    const c = classifyFlinkDeployment(session, fd());
    expect(c.impact).toBe('UPGRADE');
    expect(c.decidedBy).toBe('/spec/job/jarURI');
  });

  it('fields unknown to FlinkDeploymentSpec are IGNORE', () => {
    expectRule(fd(), fd({ somethingElse: 1 }), 'IGNORE', '/spec/somethingElse');
  });

  it('metadata labels and annotations are reported as IGNORE: not part of the spec', () => {
    const c = classifyFlinkDeployment(fd(), fd({}, { labels: { team: 'a' }, annotations: { 'x/y': 'z' } }));
    expect(c.impact).toBe('IGNORE');
    expect(c.reasons.map((r) => r.path)).toEqual(['/metadata/labels/team', '/metadata/annotations/x~1y']);
  });
});
