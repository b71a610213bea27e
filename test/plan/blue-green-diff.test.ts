import { describe, expect, it } from 'vitest';
import { classifyBlueGreen } from '../../src/plan/blue-green-diff';
import type { BlueGreenImpact } from '../../src/plan/impact';
import { bg } from './builders';

const T = '/spec/template/spec';

function expectRule(before: unknown, after: unknown, impact: BlueGreenImpact, decidedBy: string | undefined): void {
  const c = classifyBlueGreen(before, after);
  expect(c.impact).toBe(impact);
  expect(c.decidedBy).toBe(decidedBy);
  if (decidedBy) expect(c.reasons.map((r) => r.path)).toContain(decidedBy);
}

describe('FlinkBlueGreenDeploymentSpecDiff.compare', () => {
  it('identical templates are IGNORE', () => {
    expectRule(bg(), bg(), 'IGNORE', undefined);
  });

  it('job.state running → suspended is SUSPEND, suspended → running is RESUME', () => {
    expectRule(bg(), bg({ job: { state: 'suspended' } }), 'SUSPEND', `${T}/job/state`);
    expectRule(bg({ job: { state: 'suspended' } }), bg({ job: { state: 'running' } }), 'RESUME', `${T}/job/state`);
  });

  it('an absent job.state counts as running', () => {
    expectRule(bg({ job: { state: 'suspended' } }), bg(), 'RESUME', `${T}/job/state`);
    expectRule(bg({ job: { state: 'running' } }), bg(), 'IGNORE', undefined);
  });

  it('SUSPEND takes precedence over every other change', () => {
    const c = classifyBlueGreen(bg(), bg({ image: 'x:2', job: { state: 'suspended', savepointRedeployNonce: 1, initialSavepointPath: 's3://b/sp/1' } }));
    expect(c.impact).toBe('SUSPEND');
    expect(c.notes.join(' ')).toMatch(/patched onto the same child/);
  });

  it('a new savepointRedeployNonce is SAVEPOINT_REDEPLOY, even with other changes', () => {
    const after = bg({ image: 'x:2', job: { savepointRedeployNonce: 7, initialSavepointPath: 's3://b/sp/1' } });
    expectRule(bg(), after, 'SAVEPOINT_REDEPLOY', `${T}/job/savepointRedeployNonce`);
  });

  it.each([
    ['job.upgradeMode', { job: { upgradeMode: 'last-state' } }, `${T}/job/upgradeMode`],
    ['job.initialSavepointPath', { job: { initialSavepointPath: 's3://b/sp/2' } }, `${T}/job/initialSavepointPath`],
    ['job.allowNonRestoredState', { job: { allowNonRestoredState: true } }, `${T}/job/allowNonRestoredState`],
    ['job.savepointTriggerNonce', { job: { savepointTriggerNonce: 4 } }, `${T}/job/savepointTriggerNonce`],
    ['job.checkpointTriggerNonce', { job: { checkpointTriggerNonce: 4 } }, `${T}/job/checkpointTriggerNonce`],
    ['job.autoscalerResetNonce', { job: { autoscalerResetNonce: 4 } }, `${T}/job/autoscalerResetNonce`],
    ['kubernetes.operator.* config', { flinkConfiguration: { 'kubernetes.operator.periodic.savepoint.interval': '1h' } }, `${T}/flinkConfiguration/kubernetes.operator.periodic.savepoint.interval`],
    ['job.autoscaler.* config', { flinkConfiguration: { 'job.autoscaler.enabled': 'true' } }, `${T}/flinkConfiguration/job.autoscaler.enabled`],
    ['parallelism.default config', { flinkConfiguration: { 'parallelism.default': '8' } }, `${T}/flinkConfiguration/parallelism.default`],
  ])('%s only → PATCH_CHILD', (_n, patch, path) => {
    expectRule(bg(), bg(patch), 'PATCH_CHILD', path);
  });

  it('restartNonce cleared to null → PATCH_CHILD (ignored by the diff, but the specs differ)', () => {
    expectRule(bg({ restartNonce: 3 }), bg({ restartNonce: undefined }), 'PATCH_CHILD', `${T}/restartNonce`);
  });

  it('restartNonce changed → TRANSITION', () => {
    expectRule(bg({ restartNonce: 3 }), bg({ restartNonce: 4 }), 'TRANSITION', `${T}/restartNonce`);
  });

  it('the same configuration rewritten nested instead of dotted → PATCH_CHILD (equals differs, flattened diff does not)', () => {
    const flat = bg({ flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '2' } });
    const nested = bg({ flinkConfiguration: { taskmanager: { numberOfTaskSlots: '2' } } });
    expectRule(flat, nested, 'PATCH_CHILD', `${T}/flinkConfiguration`);
  });

  it.each([
    ['image', { image: 'x:2' }, `${T}/image`],
    ['flinkVersion', { flinkVersion: 'v2_0' }, `${T}/flinkVersion`],
    ['a Flink option', { flinkConfiguration: { 'state.backend.type': 'rocksdb' } }, `${T}/flinkConfiguration/state.backend.type`],
    ['job.parallelism (SCALE only in STANDALONE; the BG diff is NATIVE)', { job: { parallelism: 8 } }, `${T}/job/parallelism`],
    ['taskManager.replicas', { taskManager: { replicas: 4 } }, `${T}/taskManager/replicas`],
    ['pipeline.jobvertex-parallelism-overrides (SCALE in NATIVE)', { flinkConfiguration: { 'pipeline.jobvertex-parallelism-overrides': 'v:2' } }, `${T}/flinkConfiguration/pipeline.jobvertex-parallelism-overrides`],
    ['jobManager resources', { jobManager: { resource: { memory: '4096m' } } }, `${T}/jobManager/resource/memory`],
    ['podTemplate', { podTemplate: { metadata: { labels: { a: 'b' } } } }, `${T}/podTemplate/metadata/labels/a`],
  ])('%s → TRANSITION', (_n, patch, path) => {
    expectRule(bg(), bg(patch), 'TRANSITION', path);
  });

  it('job.parallelism is a TRANSITION even when the template says mode: standalone', () => {
    const before = bg({ mode: 'standalone' });
    const after = bg({ mode: 'standalone', job: { parallelism: 8 } });
    expectRule(before, after, 'TRANSITION', `${T}/job/parallelism`);
    // The diff runs in NATIVE mode, so the field is an UPGRADE (not a SCALE) in the reasons.
    expect(classifyBlueGreen(before, after).reasons[0]).toMatchObject({ path: `${T}/job/parallelism`, type: 'UPGRADE' });
  });

  it.each([
    ['spec.configuration', {}, { configuration: { 'kubernetes.operator.bluegreen.abort.grace-period': '5 min' } }, {}, '/spec/configuration/kubernetes.operator.bluegreen.abort.grace-period'],
    ['spec.ingress', {}, { ingress: { template: '{{name}}.example.com' } }, {}, '/spec/ingress/template'],
    ['spec.template.metadata', {}, { template: { metadata: { labels: { a: 'b' } } } }, {}, '/spec/template/metadata/labels/a'],
    ['metadata.annotations', {}, {}, { annotations: { note: 'x' } }, '/metadata/annotations/note'],
  ])('%s is outside the template diff → IGNORE, with a reason', (_n, tpl, spec, meta, path) => {
    const c = classifyBlueGreen(bg(), bg(tpl, spec, meta));
    expect(c.impact).toBe('IGNORE');
    const r = c.reasons.find((x) => x.path === path);
    expect(r?.type).toBe('IGNORE');
    expect(r?.note).toBeTruthy();
  });

  it('a change while the job stays suspended keeps its class but notes the in-place patch', () => {
    const c = classifyBlueGreen(bg({ job: { state: 'suspended' } }), bg({ image: 'x:2', job: { state: 'suspended' } }));
    expect(c.impact).toBe('TRANSITION');
    expect(c.notes.join(' ')).toMatch(/patches it in place/);
  });
});
