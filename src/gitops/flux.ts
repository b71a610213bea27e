/**
 * Flux health checks for the Flink kinds: CEL `healthCheckExprs` for a kustomize-controller
 * Kustomization (https://fluxcd.io/flux/cheatsheets/cel-healthchecks).
 *
 * Flux evaluates, in order: its own generation check (status.observedGeneration present and
 * != metadata.generation -> InProgress), then `inProgress`, `failed`, `current`; nothing true ->
 * InProgress. Each kind's expressions derive from one verdict expression that mirrors the Argo CD
 * Lua script (test/gitops/flux-health.test.ts holds them to the same answers), so the three Flux
 * expressions are mutually exclusive by construction and the order cannot change the result.
 * Argo CD's Suspended maps to `current`: a job suspended in Git is the desired state, and Flux
 * has no such status (InProgress would fail the Kustomization at its timeout).
 */
import { FLINK_API_VERSION, HealthCheckedKind } from './kinds';

export interface FluxHealthCheckExpr {
  readonly apiVersion: string;
  readonly kind: string;
  readonly current: string;
  readonly inProgress: string;
  readonly failed: string;
}

/** Argo CD health names, which the verdict expressions return as strings. */
export type Verdict = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended';

// Flux enables CEL optional types, so `a.?b.orValue(x)` reads fields that may be absent without
// failing the evaluation. Only a missing `status` (a brand-new object) still fails, and Flux
// keeps polling until the operator writes one.
const STR = (path: string): string => `${path}.orValue('')`;
const JOB = STR('status.?jobStatus.?state');
const ERR = STR('status.?error');
const STALE = "status.?observedGeneration.orValue(metadata.?generation.orValue(0)) != metadata.?generation.orValue(0)";
const PROGRESSING_JOB = "['CREATED', 'INITIALIZING', 'RECONCILING', 'RESTARTING', 'CANCELLING']";

function chain(rules: readonly (readonly [string, string])[], otherwise: string): string {
  return rules.map(([cond, verdict]) => `(${cond}) ? ${verdict} : `).join('') + otherwise;
}

const q = (v: Verdict): string => `'${v}'`;

/** CEL expression returning the verdict string for a FlinkBlueGreenDeployment. */
export function blueGreenVerdictCel(): string {
  const bg = STR('status.?blueGreenState');
  return chain(
    [
      [`${bg} == ''`, q('Progressing')],
      [STALE, `(${ERR} != '' ? ${q('Degraded')} : ${q('Progressing')})`],
      [
        `${JOB} in ['FAILING', 'FAILED'] || (${ERR} != '' && !(${JOB} in ['RUNNING', 'SUSPENDED']))`,
        q('Degraded'),
      ],
      [`${bg} == 'INITIALIZING_BLUE'`, `(${JOB} == 'SUSPENDED' ? ${q('Suspended')} : ${q('Progressing')})`],
      [`!${bg}.startsWith('ACTIVE_')`, q('Progressing')],
      [`${JOB} in ['RUNNING', 'FINISHED']`, q('Healthy')],
      [`${JOB} == 'SUSPENDED'`, q('Suspended')],
      [`${JOB} == 'CANCELED'`, q('Degraded')],
    ],
    q('Progressing'),
  );
}

/** CEL expression returning the verdict string for a FlinkDeployment. */
export function flinkDeploymentVerdictCel(): string {
  const lc = STR('status.?lifecycleState');
  const jm = STR('status.?jobManagerDeploymentStatus');
  return chain(
    [
      [`${lc} in ['DELETING', 'DELETED']`, q('Progressing')],
      [STALE, `(${ERR} != '' ? ${q('Degraded')} : ${q('Progressing')})`],
      [`${lc} in ['FAILED', 'ROLLING_BACK', 'ROLLED_BACK']`, q('Degraded')],
      [`${lc} == 'SUSPENDED'`, q('Suspended')],
      [`${lc} in ['CREATED', 'UPGRADING']`, q('Progressing')],
      [`${jm} in ['ERROR', 'MISSING']`, q('Degraded')],
      [`${JOB} in ['FAILING', 'FAILED', 'CANCELED']`, q('Degraded')],
      [`${jm} in ['DEPLOYING', 'DEPLOYED_NOT_READY']`, q('Progressing')],
      [`${JOB} in ${PROGRESSING_JOB}`, q('Progressing')],
      [`${lc} == 'DEPLOYED'`, q('Progressing')],
      [`${jm} == 'READY' && ${JOB} in ['RUNNING', 'FINISHED', '']`, q('Healthy')],
    ],
    q('Progressing'),
  );
}

function exprsFor(kind: HealthCheckedKind, verdict: string): FluxHealthCheckExpr {
  return {
    apiVersion: FLINK_API_VERSION,
    kind,
    current: `(${verdict}) in ['Healthy', 'Suspended']`,
    inProgress: `(${verdict}) == 'Progressing'`,
    failed: `(${verdict}) == 'Degraded'`,
  };
}

/** `spec.healthCheckExprs` entries for both Flink kinds. */
export function fluxHealthCheckExprs(): readonly FluxHealthCheckExpr[] {
  return [
    exprsFor('FlinkBlueGreenDeployment', blueGreenVerdictCel()),
    exprsFor('FlinkDeployment', flinkDeploymentVerdictCel()),
  ];
}

export interface FluxKustomizationOptions {
  readonly name: string;
  /** Default `flux-system`. */
  readonly namespace?: string;
  /** Path of the synthesized output in the source, e.g. `./dist/my-app`. */
  readonly path: string;
  readonly sourceRef: { readonly kind: 'GitRepository' | 'OCIRepository' | 'Bucket'; readonly name: string };
  /** Default `10m`. */
  readonly interval?: string;
  /**
   * How long Flux waits for Current. Default `15m`: longer than the operator's default abort grace
   * period (10 min), so a failed cutover surfaces as the operator's abort (Failed) rather than as
   * Flux's own timeout. Raise it with `kubernetes.operator.bluegreen.abort.grace-period`.
   */
  readonly timeout?: string;
}

/** A kustomize.toolkit.fluxcd.io/v1 Kustomization that waits on our health checks. */
export function fluxKustomization(opts: FluxKustomizationOptions) {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: opts.name, namespace: opts.namespace ?? 'flux-system' },
    spec: {
      interval: opts.interval ?? '10m',
      path: opts.path,
      prune: true,
      sourceRef: { kind: opts.sourceRef.kind, name: opts.sourceRef.name },
      // wait: health-check every applied object, so the custom expressions take effect.
      wait: true,
      timeout: opts.timeout ?? '15m',
      healthCheckExprs: fluxHealthCheckExprs(),
    },
  } as const;
}
