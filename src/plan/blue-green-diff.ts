/**
 * The blue/green controller's diff (`FlinkBlueGreenDeploymentSpecDiff.compare`), re-expressed over
 * YAML. It looks only at `spec.template.spec` and always runs the FlinkDeployment spec diff in
 * NATIVE mode (`BlueGreenUtils.getSpecDiff`), which is why a parallelism change — a SCALE for a
 * standalone FlinkDeployment — is a full blue/green TRANSITION here.
 */
import { diffFields, isPlainObject, pointer } from './diff-fields';
import { diffFlinkDeploymentSpec, metadataReasons, specsEqual } from './flink-deployment-diff';
import type { BlueGreenImpact, Classification, Reason } from './impact';

type Json = Record<string, unknown>;

const TEMPLATE_SPEC = '/spec/template/spec';

function asObject(v: unknown): Json {
  return isPlainObject(v) ? v : {};
}

export function templateSpecOf(obj: unknown): unknown {
  return asObject(asObject(asObject(obj).spec).template).spec;
}

/** `getJobState`: no job or no state counts as running. */
export function jobStateOf(templateSpec: unknown): 'running' | 'suspended' {
  const state = asObject(asObject(templateSpec).job).state;
  return state === 'suspended' ? 'suspended' : 'running';
}

/** `null` counts as BASIC (PR #1043 `compare`), so spelling out the default is not a change. */
export function transitionModeOf(obj: unknown): string {
  const m = asObject(asObject(obj).spec).transitionMode;
  return typeof m === 'string' ? m : 'BASIC';
}

/**
 * Fields of the blue/green resource outside `template.spec`: the diff never sees them, but the
 * controller may still use them live; each gets a note saying what happens.
 */
function outsideTemplateReasons(oldObj: unknown, newObj: unknown): Reason[] {
  const a = asObject(asObject(oldObj).spec);
  const b = asObject(asObject(newObj).spec);
  const ignore = (from: unknown, to: unknown, path: string, note: string): Reason[] =>
    diffFields(from, to, path).map((c) => ({ ...c, type: 'IGNORE' as const, note }));
  return [
    ...ignore(a.configuration, b.configuration, '/spec/configuration',
      'blue/green settings are read live from the resource on each reconcile; no child is touched'),
    ...ignore(a.ingress, b.ingress, '/spec/ingress',
      'the controller re-applies its Ingress from the live spec while a child is active; no child is touched'),
    ...ignore(asObject(a.template).metadata, asObject(b.template).metadata, '/spec/template/metadata',
      'template.metadata is not used by the controller (not copied to the children)'),
    ...ignore(a.transitionMode, b.transitionMode, '/spec/transitionMode',
      'not part of the template diff; with the FLIP-504 operator a change is rejected (immutable)'),
    ...metadataReasons(oldObj, newObj, 'metadata of the blue/green resource is not copied to the children and not diffed'),
  ];
}

/** What the blue/green controller will do with the new version of the resource. */
export function classifyBlueGreen(oldObj: unknown, newObj: unknown): Classification<BlueGreenImpact> {
  const leftSpec = templateSpecOf(oldObj);
  const rightSpec = templateSpecOf(newObj);
  const diff = diffFlinkDeploymentSpec(leftSpec, rightSpec, 'NATIVE', TEMPLATE_SPEC);
  const reasons = [...diff.reasons, ...outsideTemplateReasons(oldObj, newObj)];
  const notes: string[] = [];

  const result = decide(leftSpec, rightSpec, diff.type, diff.decidedBy, diff.reasons);
  const changedBesidesState = diff.reasons.some((r) => r.path !== pointer(TEMPLATE_SPEC, 'job', 'state'));
  if ((result.impact === 'SUSPEND' || result.impact === 'RESUME') && changedBesidesState) {
    notes.push(
      `${result.impact} takes precedence over the other template changes: they are patched onto the same child ` +
        '(no blue/green transition, no new savepoint).',
    );
  }
  if (jobStateOf(leftSpec) === 'suspended' && jobStateOf(rightSpec) === 'suspended' && result.impact !== 'IGNORE') {
    notes.push(
      'The job stays suspended: while the active child is suspended the controller patches it in place instead of ' +
        `starting a ${result.impact}; the change takes effect when the job is resumed.`,
    );
  }
  if (result.impact === 'PATCH_CHILD') {
    notes.push('PATCH_CHILD: the active child FlinkDeployment is patched; its own reconciler ignores these fields, so nothing restarts.');
  }
  if (result.impact === 'SAVEPOINT_REDEPLOY') {
    const path = asObject(asObject(rightSpec).job).initialSavepointPath;
    notes.push(
      typeof path === 'string' && path.trim() !== ''
        ? `SAVEPOINT_REDEPLOY: a second child is started from job.initialSavepointPath (${path}) without taking a new savepoint, then the old one is deleted.`
        : 'SAVEPOINT_REDEPLOY: a second child is started without a savepoint (job.initialSavepointPath is empty), so with empty state; then the old one is deleted.',
    );
  }
  if (result.impact === 'TRANSITION') {
    notes.push('TRANSITION: a second child is started (from a savepoint of the active one unless upgradeMode is stateless), then the old one is deleted.');
  }
  return { ...result, reasons, notes };
}

function decide(
  leftSpec: unknown,
  rightSpec: unknown,
  diffType: string,
  decidedBy: string | undefined,
  templateReasons: readonly Reason[],
): { impact: BlueGreenImpact; decidedBy?: string } {
  // 1. suspend/resume first, for the in-place handling.
  const l = jobStateOf(leftSpec);
  const r = jobStateOf(rightSpec);
  if (l !== r) {
    // The state field itself, or the whole job when it was added or removed.
    const statePath = pointer(TEMPLATE_SPEC, 'job', 'state');
    const decided = templateReasons.some((x) => x.path === statePath) ? statePath : pointer(TEMPLATE_SPEC, 'job');
    return { impact: r === 'suspended' ? 'SUSPEND' : 'RESUME', decidedBy: decided };
  }
  // 2. a new savepointRedeployNonce wins over everything else.
  if (diffType === 'SAVEPOINT_REDEPLOY') return { impact: 'SAVEPOINT_REDEPLOY', ...(decidedBy ? { decidedBy } : {}) };
  // 3. identical template specs (Java equals, flinkConfiguration as written).
  if (specsEqual(leftSpec, rightSpec)) return { impact: 'IGNORE' };
  // 4. only ignorable fields changed: patch the child in place.
  if (diffType === 'IGNORE') {
    const first = templateReasons[0]?.path;
    return { impact: 'PATCH_CHILD', ...(first ? { decidedBy: first } : {}) };
  }
  // 5. anything else (SCALE or UPGRADE in the FlinkDeployment diff) is a full transition.
  return { impact: 'TRANSITION', ...(decidedBy ? { decidedBy } : {}) };
}

/** Whether a manifest has what the controller needs to compare at all (`validateSpecs`). */
export function hasTemplateSpec(obj: unknown): boolean {
  return isPlainObject(templateSpecOf(obj));
}

