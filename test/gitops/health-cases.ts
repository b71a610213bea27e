/**
 * Status fixtures for the Flink health checks, shared by the Lua (Argo CD) and CEL (Flux) tests.
 * Generated cases cover every value of the CRDs' status enums (checked against the CRD files in
 * health-coverage.test.ts); test/fixtures/health/*.yaml hold the hand-written realistic cases
 * (aborted transitions, stale generation, rejected spec).
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import type { HealthCheckedKind } from '../../src/gitops/kinds';

export type ArgoStatus = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended';

export interface HealthCase {
  readonly name: string;
  readonly kind: HealthCheckedKind;
  readonly obj: Record<string, unknown>;
  readonly status: ArgoStatus;
  /** Substrings the message must contain. */
  readonly message: readonly string[];
  /**
   * Flux's built-in observedGeneration check answers InProgress before our expressions run, so
   * Flux cannot report this case as Failed (it fails at the Kustomization timeout instead).
   */
  readonly fluxGenerationPrecheck?: boolean;
}

type Status = Record<string, unknown> | undefined;

function bg(status: Status, generation = 3): Record<string, unknown> {
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkBlueGreenDeployment',
    metadata: { name: 'orders', namespace: 'flink', generation },
    spec: { template: { spec: { job: { jarURI: 'local:///opt/flink/usrlib/orders.jar', upgradeMode: 'savepoint' } } } },
    ...(status !== undefined ? { status } : {}),
  };
}

function fd(status: Status, generation = 3): Record<string, unknown> {
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkDeployment',
    metadata: { name: 'orders-blue', namespace: 'flink', generation },
    spec: { job: { jarURI: 'local:///opt/flink/usrlib/orders.jar', upgradeMode: 'savepoint' } },
    ...(status !== undefined ? { status } : {}),
  };
}

const ABORT = "Aborting deployment 'orders-green', rolling B/G deployment back to ACTIVE_BLUE";

const bgCases: HealthCase[] = [
  { name: 'bg: no status yet', kind: 'FlinkBlueGreenDeployment', obj: bg(undefined), status: 'Progressing', message: ['waiting for the operator'] },
  { name: 'bg: empty status', kind: 'FlinkBlueGreenDeployment', obj: bg({}), status: 'Progressing', message: ['waiting for the operator'] },
  {
    name: 'bg: INITIALIZING_BLUE',
    kind: 'FlinkBlueGreenDeployment',
    obj: bg({ blueGreenState: 'INITIALIZING_BLUE', jobStatus: {} }),
    status: 'Progressing',
    message: ['initializing: waiting for the operator to deploy orders-blue'],
  },
  {
    name: 'bg: INITIALIZING_BLUE held by job.state suspended',
    kind: 'FlinkBlueGreenDeployment',
    obj: bg({ blueGreenState: 'INITIALIZING_BLUE', jobStatus: { state: 'SUSPENDED' } }),
    status: 'Suspended',
    message: ['first deployment on hold', 'set it to running'],
  },
  {
    name: 'bg: TRANSITIONING_TO_BLUE (first deployment)',
    kind: 'FlinkBlueGreenDeployment',
    obj: bg({ blueGreenState: 'TRANSITIONING_TO_BLUE', jobStatus: { state: 'RECONCILING' }, abortTimestamp: '2026-05-04T10:31:00Z' }),
    status: 'Progressing',
    message: ['transition to BLUE in progress: waiting for orders-blue to be RUNNING and STABLE (aborts at 2026-05-04T10:31:00Z)'],
  },
  {
    name: 'bg: TRANSITIONING_TO_GREEN, new child not ready',
    kind: 'FlinkBlueGreenDeployment',
    obj: bg({ blueGreenState: 'TRANSITIONING_TO_GREEN', jobStatus: { state: 'RECONCILING' }, abortTimestamp: '2026-05-04T10:31:00Z' }),
    status: 'Progressing',
    message: ['transition to GREEN in progress: waiting for orders-green'],
  },
  {
    name: 'bg: TRANSITIONING_TO_GREEN, new child ready',
    kind: 'FlinkBlueGreenDeployment',
    obj: bg({
      blueGreenState: 'TRANSITIONING_TO_GREEN',
      jobStatus: { state: 'RECONCILING' },
      abortTimestamp: '2026-05-04T10:31:00Z',
      deploymentReadyTimestamp: '2026-05-04T10:23:00Z',
    }),
    status: 'Progressing',
    message: ['orders-green ready since 2026-05-04T10:23:00Z', 'before removing orders-blue'],
  },
  {
    name: 'bg: SAVEPOINTING_BLUE',
    kind: 'FlinkBlueGreenDeployment',
    obj: bg({ blueGreenState: 'SAVEPOINTING_BLUE', jobStatus: { state: 'RUNNING' }, savepointTriggerId: 'a1b2' }),
    status: 'Progressing',
    message: ['transition to GREEN in progress: taking a savepoint of orders-blue (trigger a1b2)'],
  },
  {
    name: 'bg: SAVEPOINTING_GREEN',
    kind: 'FlinkBlueGreenDeployment',
    obj: bg({ blueGreenState: 'SAVEPOINTING_GREEN', jobStatus: { state: 'RUNNING' }, savepointTriggerId: 'c3' }),
    status: 'Progressing',
    message: ['transition to BLUE in progress: taking a savepoint of orders-green'],
  },
  {
    name: 'bg: ACTIVE_GREEN running',
    kind: 'FlinkBlueGreenDeployment',
    obj: bg({ blueGreenState: 'ACTIVE_GREEN', jobStatus: { state: 'RUNNING' } }),
    status: 'Healthy',
    message: ['GREEN active: orders-green RUNNING'],
  },
  {
    name: 'bg: ACTIVE_BLUE, transition aborted (generated)',
    kind: 'FlinkBlueGreenDeployment',
    obj: bg({ blueGreenState: 'ACTIVE_BLUE', jobStatus: { state: 'FAILING' }, error: ABORT }),
    status: 'Degraded',
    message: [`transition aborted: ${ABORT}; rolled back to BLUE`],
  },
  {
    name: 'bg: ACTIVE_GREEN, transition could not start',
    kind: 'FlinkBlueGreenDeployment',
    obj: bg({ blueGreenState: 'ACTIVE_GREEN', jobStatus: { state: 'FAILING' }, error: 'Could not trigger Savepoint. Details: timeout' }),
    status: 'Degraded',
    message: ['ACTIVE_GREEN: Could not trigger Savepoint. Details: timeout'],
  },
  {
    name: 'bg: suspended with an old error still recorded',
    kind: 'FlinkBlueGreenDeployment',
    obj: bg({ blueGreenState: 'ACTIVE_BLUE', jobStatus: { state: 'SUSPENDED' }, error: ABORT }),
    status: 'Suspended',
    message: ['BLUE active, job suspended'],
  },
  {
    // The BG CRD has no observedGeneration (the API server prunes it today); the scripts honour
    // it should the operator add one.
    name: 'bg: stale observedGeneration (forward compatible)',
    kind: 'FlinkBlueGreenDeployment',
    obj: bg({ blueGreenState: 'ACTIVE_BLUE', jobStatus: { state: 'RUNNING' }, observedGeneration: 3 }, 4),
    status: 'Progressing',
    message: ['waiting for the operator to reconcile spec generation 4 (observed 3)'],
  },
];

/** ACTIVE_BLUE with every Flink job state of the CRD enum. */
const bgJobStates: Record<string, readonly [ArgoStatus, string]> = {
  CANCELED: ['Degraded', 'BLUE active but the job was CANCELED'],
  CANCELLING: ['Progressing', 'BLUE active, job CANCELLING'],
  CREATED: ['Progressing', 'BLUE active, job CREATED'],
  FAILED: ['Degraded', 'ACTIVE_BLUE: job FAILED'],
  FAILING: ['Degraded', 'ACTIVE_BLUE: job FAILING'],
  FINISHED: ['Healthy', 'BLUE active: job FINISHED'],
  INITIALIZING: ['Progressing', 'BLUE active, job INITIALIZING'],
  RECONCILING: ['Progressing', 'BLUE active, job RECONCILING'],
  RESTARTING: ['Progressing', 'BLUE active, job RESTARTING'],
  RUNNING: ['Healthy', 'BLUE active: orders-blue RUNNING'],
  SUSPENDED: ['Suspended', 'BLUE active, job suspended (spec.template.spec.job.state: suspended)'],
};
for (const [state, [status, message]] of Object.entries(bgJobStates)) {
  bgCases.push({
    name: `bg: ACTIVE_BLUE, job ${state}`,
    kind: 'FlinkBlueGreenDeployment',
    obj: bg({ blueGreenState: 'ACTIVE_BLUE', jobStatus: { state } }),
    status,
    message: [message],
  });
}

function fdStatus(lifecycleState: string | undefined, jm: string | undefined, job: string | undefined, extra: Record<string, unknown> = {}) {
  return {
    observedGeneration: 3,
    ...(lifecycleState !== undefined ? { lifecycleState } : {}),
    ...(jm !== undefined ? { jobManagerDeploymentStatus: jm } : {}),
    jobStatus: job !== undefined ? { state: job } : {},
    ...extra,
  };
}

const rs = (state: string) => ({ reconciliationStatus: { state } });

const fdCases: HealthCase[] = [
  { name: 'fd: no status yet', kind: 'FlinkDeployment', obj: fd(undefined), status: 'Progressing', message: ['waiting for the operator'] },
  // lifecycleState, each value
  {
    name: 'fd: CREATED',
    kind: 'FlinkDeployment',
    obj: fd({ lifecycleState: 'CREATED', jobStatus: {}, ...rs('UPGRADING') }),
    status: 'Progressing',
    message: ['created: waiting for the operator to deploy it'],
  },
  {
    name: 'fd: SUSPENDED',
    kind: 'FlinkDeployment',
    obj: fd(fdStatus('SUSPENDED', 'MISSING', 'SUSPENDED', rs('DEPLOYED'))),
    status: 'Suspended',
    message: ['job suspended (spec.job.state: suspended)'],
  },
  {
    name: 'fd: UPGRADING',
    kind: 'FlinkDeployment',
    obj: fd(fdStatus('UPGRADING', 'DEPLOYING', 'RECONCILING', rs('UPGRADING'))),
    status: 'Progressing',
    message: ['upgrading to the new spec (JobManager DEPLOYING, job RECONCILING)'],
  },
  {
    name: 'fd: DEPLOYED, running, not yet stable',
    kind: 'FlinkDeployment',
    obj: fd(fdStatus('DEPLOYED', 'READY', 'RUNNING', rs('DEPLOYED'))),
    status: 'Progressing',
    message: ['waiting for the operator to mark the spec STABLE'],
  },
  {
    name: 'fd: STABLE and running',
    kind: 'FlinkDeployment',
    obj: fd(fdStatus('STABLE', 'READY', 'RUNNING', rs('DEPLOYED'))),
    status: 'Healthy',
    message: ['job RUNNING (STABLE)'],
  },
  {
    name: 'fd: ROLLING_BACK',
    kind: 'FlinkDeployment',
    obj: fd(fdStatus('ROLLING_BACK', 'DEPLOYING', 'RECONCILING', { ...rs('ROLLING_BACK'), error: 'Deployment not ready within readiness timeout' })),
    status: 'Degraded',
    message: ['rolling back to the last stable spec: Deployment not ready within readiness timeout'],
  },
  {
    name: 'fd: ROLLED_BACK',
    kind: 'FlinkDeployment',
    obj: fd(fdStatus('ROLLED_BACK', 'READY', 'RUNNING', rs('ROLLED_BACK'))),
    status: 'Degraded',
    message: ['rolled back to the last stable spec; the spec in Git is not running'],
  },
  {
    name: 'fd: FAILED',
    kind: 'FlinkDeployment',
    obj: fd(fdStatus('FAILED', 'MISSING', 'FAILED', { ...rs('DEPLOYED'), error: 'HA metadata is not available' })),
    status: 'Degraded',
    message: ['job failed terminally: HA metadata is not available', 'manual restore'],
  },
  { name: 'fd: DELETING', kind: 'FlinkDeployment', obj: fd(fdStatus('DELETING', 'READY', 'RUNNING')), status: 'Progressing', message: ['being deleted (DELETING)'] },
  { name: 'fd: DELETED', kind: 'FlinkDeployment', obj: fd(fdStatus('DELETED', 'MISSING', 'FINISHED')), status: 'Progressing', message: ['being deleted (DELETED)'] },
  // jobManagerDeploymentStatus, the values not covered above
  {
    name: 'fd: JobManager DEPLOYED_NOT_READY',
    kind: 'FlinkDeployment',
    obj: fd(fdStatus('DEPLOYED', 'DEPLOYED_NOT_READY', 'RECONCILING', rs('DEPLOYED'))),
    status: 'Progressing',
    message: ['JobManager DEPLOYED_NOT_READY: waiting for it to become READY'],
  },
  {
    name: 'fd: JobManager ERROR',
    kind: 'FlinkDeployment',
    obj: fd(fdStatus('DEPLOYED', 'ERROR', 'RECONCILING', { ...rs('DEPLOYED'), error: 'ImagePullBackOff' })),
    status: 'Degraded',
    message: ['JobManager deployment failed: ImagePullBackOff'],
  },
  {
    name: 'fd: JobManager MISSING while stable',
    kind: 'FlinkDeployment',
    obj: fd(fdStatus('STABLE', 'MISSING', 'RECONCILING', rs('DEPLOYED'))),
    status: 'Degraded',
    message: ['JobManager deployment missing'],
  },
  // session cluster and transient errors
  {
    name: 'fd: session cluster',
    kind: 'FlinkDeployment',
    obj: fd(fdStatus('STABLE', 'READY', undefined, rs('DEPLOYED'))),
    status: 'Healthy',
    message: ['session cluster ready (STABLE)'],
  },
  {
    name: 'fd: healthy with a transient operator error',
    kind: 'FlinkDeployment',
    obj: fd(fdStatus('STABLE', 'READY', 'RUNNING', { ...rs('DEPLOYED'), error: 'Savepoint failed: timeout' })),
    status: 'Healthy',
    message: ['job RUNNING (STABLE); last operator error: Savepoint failed: timeout'],
  },
];

/** STABLE / READY with every Flink job state of the CRD enum. */
const fdJobStates: Record<string, readonly [ArgoStatus, string]> = {
  CANCELED: ['Degraded', 'job CANCELED outside the operator'],
  CANCELLING: ['Progressing', 'job CANCELLING'],
  CREATED: ['Progressing', 'job CREATED'],
  FAILED: ['Degraded', 'job FAILED'],
  FAILING: ['Degraded', 'job FAILING'],
  FINISHED: ['Healthy', 'job FINISHED (STABLE)'],
  INITIALIZING: ['Progressing', 'job INITIALIZING'],
  RECONCILING: ['Progressing', 'job RECONCILING'],
  RESTARTING: ['Progressing', 'job RESTARTING'],
  RUNNING: ['Healthy', 'job RUNNING (STABLE)'],
  // The operator never reports a suspended job on a STABLE resource; shown as not yet settled.
  SUSPENDED: ['Progressing', 'waiting for the operator (lifecycle STABLE, JobManager READY, job SUSPENDED)'],
};
for (const [state, [status, message]] of Object.entries(fdJobStates)) {
  fdCases.push({
    name: `fd: STABLE, job ${state}`,
    kind: 'FlinkDeployment',
    obj: fd(fdStatus('STABLE', 'READY', state, rs('DEPLOYED'))),
    status,
    message: [message],
  });
}

const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'health');

interface FixtureFile {
  readonly expect: { readonly status: ArgoStatus; readonly message: readonly string[]; readonly fluxGenerationPrecheck?: boolean };
  readonly object: Record<string, unknown>;
}

function fileCases(): HealthCase[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const doc = parse(readFileSync(join(FIXTURE_DIR, f), 'utf8')) as FixtureFile;
      return {
        name: `fixture ${f}`,
        kind: doc.object['kind'] as HealthCheckedKind,
        obj: doc.object,
        status: doc.expect.status,
        message: doc.expect.message,
        ...(doc.expect.fluxGenerationPrecheck ? { fluxGenerationPrecheck: true } : {}),
      };
    });
}

export const HEALTH_CASES: readonly HealthCase[] = [...bgCases, ...fdCases, ...fileCases()];
