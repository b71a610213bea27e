/**
 * Changes the operator will reject, or that silently lose state. Each rule names the operator
 * code it mirrors; all of them work on the two manifests only, so where the operator looks at its
 * status (the last *reconciled* spec) we take the old manifest as its stand-in.
 */
import { isPlainObject, pointer } from './diff-fields';
import { flattenFlinkConfiguration } from './flink-config';
import { templateSpecOf, transitionModeOf } from './blue-green-diff';
import { deploymentModeOf } from './flink-deployment-diff';
import type { Danger, FlinkKind, Impact } from './impact';

type Json = Record<string, unknown>;

function asObject(v: unknown): Json {
  return isPlainObject(v) ? v : {};
}

/** The FlinkDeploymentSpec inside an object of either kind, and where it lives. */
function flinkSpec(kind: FlinkKind, obj: unknown): { readonly spec: Json; readonly base: string } {
  return kind === 'FlinkDeployment'
    ? { spec: asObject(asObject(obj).spec), base: '/spec' }
    : { spec: asObject(templateSpecOf(obj)), base: '/spec/template/spec' };
}

function job(spec: Json): Json | undefined {
  return isPlainObject(spec.job) ? spec.job : undefined;
}

/** `JobSpec.upgradeMode` defaults to stateless when absent. */
function upgradeMode(spec: Json): string {
  const m = job(spec)?.upgradeMode;
  return typeof m === 'string' ? m : 'stateless';
}

function jobState(spec: Json): string {
  return job(spec)?.state === 'suspended' ? 'suspended' : 'running';
}

/** Flink parses enum options case-insensitively; `DEFAULT` is CANONICAL. */
function savepointFormat(spec: Json): string {
  return (flattenFlinkConfiguration(spec.flinkConfiguration).get('kubernetes.operator.savepoint.format.type') ?? 'CANONICAL').toUpperCase();
}

/**
 * The state backend a configuration selects, by short name: factory class names and legacy
 * aliases name the same backends (as `BlueGreenUtils.stateBackendName` in FLIP-504 does).
 * `state.backend` is the deprecated key of `state.backend.type`; absent means hashmap.
 */
export function stateBackendName(spec: Json): string {
  const conf = flattenFlinkConfiguration(spec.flinkConfiguration);
  const name = (conf.get('state.backend.type') ?? conf.get('state.backend') ?? 'hashmap').toLowerCase();
  if (name.includes('rocksdb')) return 'rocksdb';
  if (name.includes('forst')) return 'forst';
  if (name.includes('hashmap') || name === 'filesystem' || name === 'jobmanager') return 'hashmap';
  return name;
}

function isBlank(v: unknown): boolean {
  return typeof v !== 'string' || v.trim() === '';
}

/** Dangers of an update of one object (both versions present). */
export function updateDangers(kind: FlinkKind, oldObj: unknown, newObj: unknown, impact: Impact): Danger[] {
  const out: Danger[] = [];
  const { spec: a, base } = flinkSpec(kind, oldObj);
  const { spec: b } = flinkSpec(kind, newObj);

  if (kind === 'FlinkBlueGreenDeployment') {
    if (!isPlainObject(templateSpecOf(oldObj)) || !isPlainObject(templateSpecOf(newObj))) {
      out.push({
        severity: 'error',
        code: 'template-spec-missing',
        path: '/spec/template/spec',
        message: 'spec.template.spec is missing: the blue/green controller cannot compare the versions and fails the reconcile.',
      });
    }
    // PR #1043: FlinkBlueGreenDeploymentSpecDiff.compare returns IMMUTABLE_FIELD_CHANGED, and the
    // controller replaces the resource with its last reconciled spec.
    const from = transitionModeOf(oldObj);
    const to = transitionModeOf(newObj);
    if (from !== to) {
      out.push({
        severity: 'error',
        code: 'transition-mode-immutable',
        path: '/spec/transitionMode',
        message:
          `transitionMode is immutable after the first deployment (${from} → ${to}): the operator reverts the whole ` +
          'spec to the last reconciled one and reports an error, so none of this change is applied. ' +
          'Delete and recreate the resource (losing its state) or keep the mode.',
      });
    }
  }

  // Stateless jobs lose their state whenever the job is restarted by the change.
  const restarts =
    (kind === 'FlinkBlueGreenDeployment' && impact === 'TRANSITION' && jobState(a) === 'running') ||
    (kind === 'FlinkDeployment' && (impact === 'UPGRADE' || impact === 'SCALE') && jobState(a) === 'running');
  if (restarts && job(b) && upgradeMode(b) === 'stateless') {
    const implicit = job(b)?.upgradeMode === undefined ? ' (upgradeMode is not set and defaults to stateless)' : '';
    out.push({
      severity: 'warning',
      code: 'stateless-loses-state',
      path: pointer(base, 'job', 'upgradeMode'),
      message:
        kind === 'FlinkBlueGreenDeployment'
          ? `The job is stateless${implicit}: the transition takes no savepoint and the new child starts with empty state.`
          : `The job is stateless${implicit}: the upgrade restarts it with empty state.`,
    });
  }

  // DefaultValidator.validateFlinkVersion: after a last-state suspend the version is frozen.
  if (job(a) && job(b) && jobState(a) === 'suspended' && upgradeMode(a) === 'last-state' && upgradeMode(b) !== 'stateless' && a.flinkVersion !== b.flinkVersion) {
    out.push({
      severity: 'error',
      code: 'flink-version-after-last-state-suspend',
      path: pointer(base, 'flinkVersion'),
      message:
        `flinkVersion changes (${String(a.flinkVersion)} → ${String(b.flinkVersion)}) while the job is suspended with upgradeMode last-state: ` +
        (kind === 'FlinkBlueGreenDeployment'
          ? 'the controller patches the suspended child in place and the child\'s validator rejects it (the child reports the error, the blue/green resource does not). '
          : 'the operator rejects this. ') +
        'Resume with the current version first, then upgrade.',
    });
  }

  // DefaultValidator.validateSpecChange: a new non-null savepointRedeployNonce needs a path.
  const na = job(a)?.savepointRedeployNonce ?? null;
  const nb = job(b)?.savepointRedeployNonce ?? null;
  if (job(a) && job(b) && nb !== null && nb !== na && isBlank(job(b)?.initialSavepointPath)) {
    out.push(
      kind === 'FlinkBlueGreenDeployment'
        ? {
            // FLINK-38867: the blue/green controller has no such check, and the new child is created
            // anew (its validator sees no earlier nonce), so nothing refuses it.
            severity: upgradeMode(b) === 'stateless' ? 'warning' : 'error',
            code: 'savepoint-redeploy-without-path',
            path: pointer(base, 'job', 'initialSavepointPath'),
            message:
              'savepointRedeployNonce changes but job.initialSavepointPath is empty. The operator accepts this (FLINK-38867): the SAVEPOINT_REDEPLOY ' +
              'starts the new colour with empty state (no savepoint is taken and none is given), and once it is ready the old colour is deleted with its state. ' +
              'Set job.initialSavepointPath to the savepoint to restore, or do not change the nonce.',
          }
        : {
            severity: 'error',
            code: 'savepoint-redeploy-without-path',
            path: pointer(base, 'job', 'initialSavepointPath'),
            message: 'savepointRedeployNonce changes but job.initialSavepointPath is empty: the operator rejects the FlinkDeployment (DefaultValidator.validateSpecChange: "InitialSavepointPath must not be empty for savepoint redeployment").',
          },
    );
  }

  // A blue/green SUSPEND of a stateless job cancels the active child without a savepoint; the RESUME starts empty.
  if (kind === 'FlinkBlueGreenDeployment' && (impact === 'SUSPEND' || impact === 'RESUME') && job(b) && upgradeMode(b) === 'stateless') {
    const implicit = job(b)?.upgradeMode === undefined ? ' (upgradeMode is not set and defaults to stateless)' : '';
    out.push({
      severity: 'warning',
      code: 'stateless-suspend-loses-state',
      path: pointer(base, 'job', 'state'),
      message:
        impact === 'SUSPEND'
          ? `The job is stateless${implicit}: SUSPEND cancels the active child without a savepoint, so the later RESUME starts it with empty state.`
          : `The job is stateless${implicit}: RESUME starts the child with empty state (the suspend took no savepoint).`,
    });
  }

  // A savepoint in the native format can only be restored by the backend that wrote it
  // (FLIP-504 BlueGreenUtils.validateTransitionStateBackend; Flink's savepoint format rules).
  const stateful = upgradeMode(b) !== 'stateless';
  const movesState = (kind === 'FlinkBlueGreenDeployment' && impact === 'TRANSITION') || (kind === 'FlinkDeployment' && impact === 'UPGRADE');
  if (stateful && movesState && savepointFormat(a) === 'NATIVE' && stateBackendName(a) !== stateBackendName(b)) {
    out.push({
      severity: kind === 'FlinkBlueGreenDeployment' ? 'error' : 'warning',
      code: 'state-backend-change-native-savepoint',
      path: pointer(base, 'flinkConfiguration', 'state.backend.type'),
      message:
        `The state backend changes (${stateBackendName(a)} → ${stateBackendName(b)}) but savepoints are taken in the NATIVE format ` +
        '(kubernetes.operator.savepoint.format.type), which only the backend that wrote them can restore. ' +
        'First switch the format to CANONICAL (applied without a restart), then change the backend.',
    });
  }

  // DefaultValidator.validateSpecChange: neither the cluster type nor the deployment mode can change.
  if (kind === 'FlinkDeployment') {
    if (Boolean(job(a)) !== Boolean(job(b))) {
      out.push({
        severity: 'error',
        code: 'session-application-switch',
        path: pointer(base, 'job'),
        message: job(b) ? 'Cannot switch from session to job cluster: the operator rejects adding spec.job.' : 'Cannot switch from job to session cluster: the operator rejects removing spec.job.',
      });
    }
    if (deploymentModeOf(a) !== deploymentModeOf(b)) {
      out.push({
        severity: 'error',
        code: 'deployment-mode-switch',
        path: pointer(base, 'mode'),
        message: `Cannot switch between native and standalone (${deploymentModeOf(a)} → ${deploymentModeOf(b)}): the operator rejects it.`,
      });
    }
  }
  return out;
}

/** Dangers of deleting an object. */
export function deleteDangers(kind: FlinkKind, oldObj: unknown): Danger[] {
  const { spec } = flinkSpec(kind, oldObj);
  if (!job(spec) || upgradeMode(spec) === 'stateless') return [];
  return [
    {
      severity: 'warning',
      code: 'delete-stateful-job',
      message:
        'Deleting a stateful job stops it' +
        (kind === 'FlinkBlueGreenDeployment' ? ' and its child deployments' : '') +
        '; no savepoint is taken unless kubernetes.operator.job.savepoint-on-deletion is true.',
    },
  ];
}

/** Notes on creating an object. */
export function createNotes(kind: FlinkKind, newObj: unknown): string[] {
  const { spec } = flinkSpec(kind, newObj);
  const notes: string[] = [];
  if (jobState(spec) === 'suspended' && job(spec)) notes.push('Created with job.state suspended: nothing is deployed until it is set to running.');
  if (typeof job(spec)?.initialSavepointPath === 'string') notes.push(`The first deployment starts from job.initialSavepointPath (${String(job(spec)?.initialSavepointPath)}).`);
  return notes;
}
