/**
 * Findings from a construct speak the construct's language: the prop a YAML field comes from
 * (`checkpointsDir`, not `flinkConfiguration["state.checkpoints.dir"]`), and a fix in terms of
 * props. The rule set itself stays in YAML terms: `validate` reports on files, where there are no
 * props. This module maps one to the other for `FlinkJob` and `BlueGreenFlinkJob`.
 */
import type { Finding } from './validation/finding';

/** Flink configuration keys a typed prop writes (with the aliases Flink reads for the same option). */
const CONFIG_KEY_PROPS: Readonly<Record<string, string>> = {
  'taskmanager.numberOfTaskSlots': 'taskSlots',
  'state.checkpoints.dir': 'checkpointsDir',
  'execution.checkpointing.dir': 'checkpointsDir',
  'state.savepoints.dir': 'savepointsDir',
  'execution.checkpointing.savepoint-dir': 'savepointsDir',
  'execution.checkpointing.interval': 'checkpointInterval',
  'high-availability': 'highAvailability',
  'high-availability.type': 'highAvailability',
  'high-availability.storageDir': 'highAvailability',
  'env.java.opts.jobmanager': 'jobManagerJvmOptions',
};

/** `kubernetes.operator.bluegreen.<x>` keys of a FlinkBlueGreenDeployment's `spec.configuration`. */
const BLUE_GREEN_CONFIGURATION_PROPS: Readonly<Record<string, string>> = {
  'kubernetes.operator.bluegreen.abort.grace-period': 'abortGracePeriod',
  'kubernetes.operator.bluegreen.reconciliation.reschedule-interval': 'reconciliationRescheduleInterval',
  'kubernetes.operator.bluegreen.deployment-deletion.delay': 'deploymentDeletionDelay',
  'kubernetes.operator.bluegreen.gate.timeout': 'gate',
};

const SAME_NAME = new Set(['image', 'imagePullPolicy', 'flinkVersion', 'serviceAccount', 'ingress', 'podTemplate']);

function segmentsOf(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The prop (dotted path, as in PropProblem.path) that sets the field at `pointer` of an object a
 * construct emitted, or undefined when no prop does (the construct's own wiring).
 */
export function propOfField(kind: string, pointer: string): string | undefined {
  const s = segmentsOf(pointer);
  if (s[0] === 'metadata') return s[1] === 'name' || s[1] === 'namespace' || s[1] === 'labels' || s[1] === 'annotations' ? s[1] : undefined;
  if (s[0] !== 'spec') return undefined;
  let spec = s.slice(1);
  if (kind === 'FlinkBlueGreenDeployment') {
    if (spec[0] === 'configuration') return spec[1] === undefined ? undefined : BLUE_GREEN_CONFIGURATION_PROPS[spec[1]];
    if (spec[0] === 'transitionMode') return 'gate';
    if (spec[0] !== 'template' || spec[1] !== 'spec') return undefined;
    spec = spec.slice(2);
  }
  const [field, a, b] = spec;
  if (field === undefined) return undefined;
  if (field === 'flinkConfiguration') {
    if (a === undefined) return 'flinkConfiguration';
    if (a.startsWith('bluegreen.gate.')) return 'gate';
    return CONFIG_KEY_PROPS[a] ?? `flinkConfiguration.${a}`;
  }
  if (field === 'job') return a === undefined ? 'job' : `job.${a}`;
  if (field === 'jobManager' || field === 'taskManager') {
    if (a === 'resource') return b === undefined ? field : `${field}.${b}`;
    return a === undefined ? field : `${field}.${a}`;
  }
  if (field === 'logConfiguration') return 'logging';
  return SAME_NAME.has(field) ? field : undefined;
}

/** Fixes in prop terms for the rules whose YAML fix names a key a prop writes. */
const PROP_FIXES: Readonly<Record<string, string>> = {
  'FLINK-CHECKPOINT-DIR': 'set checkpointsDir to durable storage, e.g. "s3://bucket/<job>/checkpoints", or use job.upgradeMode: UpgradeMode.STATELESS',
  'FLINK-SAVEPOINT-DIR': 'set savepointsDir to durable storage, e.g. "s3://bucket/<job>/savepoints"',
  'BG-SAVEPOINT-DIR': 'set savepointsDir to durable storage, e.g. "s3://bucket/<job>/savepoints" (every transition takes a savepoint), or use job.upgradeMode: UpgradeMode.STATELESS',
  'FLINK-JM-HA': 'set highAvailability: HighAvailability.kubernetes({ storageDir }), or jobManager.replicas: 1',
  'FLINK-ROLLBACK-REQUIRES-HA': 'set highAvailability: HighAvailability.kubernetes({ storageDir }), or remove the rollback option from flinkConfiguration',
  'FLINK-JM-MEMORY': 'set jobManager.memory (e.g. "2048m"); jobManager.resources counts only on operator main and later',
  'FLINK-TM-MEMORY': 'set taskManager.memory (e.g. "4096m"); taskManager.resources counts only on operator main and later',
  'FLINK-PARALLELISM': 'set job.parallelism to 1 or more',
  'RUNTIME-SINGLE-SOURCE-SINK': 'check the job graph; place the gate with Gate.watermark({ position: GatePosition.AFTER_SOURCE }) for a job with one source, or GatePosition.BEFORE_SINK (the default) for one sink',
  'SESSIONJOB-CHECKPOINT-DIR': 'set checkpointsDir on the FlinkSessionCluster (for all its jobs) or on this FlinkSessionJob, or use job.upgradeMode: UpgradeMode.STATELESS',
  'SESSIONJOB-SAVEPOINT-DIR': 'set savepointsDir on the FlinkSessionCluster (for all its jobs) or on this FlinkSessionJob, or use job.upgradeMode: UpgradeMode.STATELESS',
  'FLINK-SERVICE-ACCOUNT': 'set serviceAccount to the account the operator created for Flink (default "flink")',
};

/** The same finding, with the prop it concerns and a fix in prop terms where one is known. */
export function inPropTerms<F extends Finding & { readonly kind: string }>(f: F): F & { readonly prop?: string } {
  const field = propOfField(f.kind, f.path);
  // The gate rules judge the flinkConfiguration the gate prop writes, often as a whole.
  const prop = f.rule.startsWith('GATE-') && (field === undefined || field === 'flinkConfiguration') ? 'gate' : field;
  const fix = PROP_FIXES[f.rule];
  return { ...f, ...(prop !== undefined ? { prop } : {}), ...(fix !== undefined ? { fix } : {}) };
}

/** Props judged together: a problem with the first makes findings on the others repeats. */
const COUPLED: Readonly<Record<string, readonly string[]>> = {
  // AgentInjection.manifest(...) without a gate: the gate findings on the wiring say it again.
  injection: ['gate'],
};

/** Whether a finding reports the same field as one of the prop problems (it would say it twice). */
export function coveredByPropProblem(prop: string | undefined, problemPaths: readonly string[]): boolean {
  if (prop === undefined) return false;
  const covers = (p: string) => p === prop || p.startsWith(`${prop}.`) || prop.startsWith(`${p}.`);
  return problemPaths.some((p) => covers(p) || (COUPLED[p] ?? []).some(covers));
}
