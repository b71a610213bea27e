import type { OperatorConfiguration } from '../../operator-configuration';
/**
 * Rules that need two objects of the input: a FlinkSessionJob and the session cluster it names
 * (`DefaultValidator.validateSessionJobWithCluster`: not an application cluster; the job spec
 * checked against the operator's defaults, the cluster's configuration and the job's, merged in
 * that order; the autoscaler options of that merge), and a FlinkStateSnapshot and the job it
 * references (`StateSnapshotReconciler`: a savepoint needs a path or the job's savepoint
 * directory, checkpoints need Flink 1.17+, a job that is not running gets its snapshot abandoned).
 *
 * Only what the input shows is judged: a cluster or job that is not in the input may exist in
 * the cluster, so its absence is never a finding. Objects are matched by name within the same
 * `metadata.namespace`; objects without one match each other only (applied with the same `-n`,
 * they land together). An object with a namespace and one without may or may not meet, so no
 * conclusion is drawn from such a pair.
 * A FlinkBlueGreenDeployment stands for its two children `<name>-blue` and `<name>-green`.
 */
import type { OperatorVersion } from '../../operator-version';
import { obj, specContext, type SpecContext } from '../context';
import { FLINK_API_VERSION } from '../crd';
import { pointer, type Finding } from '../finding';
import { CHECKPOINT_DIR_KEYS, flattenConfig, getConfig, isBlank, isRecord, SAVEPOINT_DIR_KEYS, type FlatConfig } from '../flink-config';
import { finding, show } from '../rule';
import { autoscaler } from './default-validator';

interface Indexed {
  readonly kind: 'FlinkDeployment' | 'FlinkSessionJob' | 'FlinkBlueGreenDeployment';
  readonly name: string;
  readonly namespace: string | undefined;
  readonly spec: Record<string, unknown>;
  /** For a blue/green child: the FlinkBlueGreenDeployment it comes from. */
  readonly blueGreen?: string;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function index(docs: readonly unknown[]): Indexed[] {
  const out: Indexed[] = [];
  for (const d of docs) {
    if (!isRecord(d) || d.apiVersion !== FLINK_API_VERSION) continue;
    const name = str(obj(d.metadata)?.name);
    if (name === undefined) continue;
    const namespace = str(obj(d.metadata)?.namespace);
    const spec = obj(d.spec) ?? {};
    if (d.kind === 'FlinkDeployment' || d.kind === 'FlinkSessionJob') out.push({ kind: d.kind, name, namespace, spec });
    if (d.kind === 'FlinkBlueGreenDeployment') {
      out.push({ kind: 'FlinkBlueGreenDeployment', name, namespace, spec });
      const tspec = obj(obj(spec.template)?.spec) ?? {};
      for (const colour of ['blue', 'green']) out.push({ kind: 'FlinkDeployment', name: `${name}-${colour}`, namespace, spec: tspec, blueGreen: name });
    }
  }
  return out;
}

function lookup(all: readonly Indexed[], kind: Indexed['kind'], name: string, namespace: string | undefined): Indexed | undefined {
  return all.find((x) => x.kind === kind && x.name === name && x.namespace === namespace);
}

/**
 * Operator defaults for the cluster's namespace and Flink version, then each configuration in order
 * (later wins), as the operator merges them.
 */
function merged(operatorConfiguration: OperatorConfiguration | undefined, cluster: Indexed | undefined, ...confs: unknown[]): FlatConfig {
  const flinkVersion = typeof cluster?.spec.flinkVersion === 'string' ? cluster.spec.flinkVersion : undefined;
  const values = new Map<string, string>(operatorConfiguration?.defaultsFor(cluster?.namespace, flinkVersion) ?? []);
  const sources = new Map<string, readonly string[]>();
  for (const c of confs) {
    const f = flattenConfig(c);
    for (const [k, v] of f.values) values.set(k, v);
    for (const [k, s] of f.sources) sources.set(k, s);
  }
  return { values, sources };
}

export interface CrossKindOptions {
  readonly version: OperatorVersion;
  readonly operatorConfiguration?: OperatorConfiguration;
}

/** Findings per document (same order as `docs`) for the rules that relate two Flink objects. */
export function crossKindFindings(docs: readonly unknown[], options: CrossKindOptions): Finding[][] {
  const hasOtherKinds = docs.some((d) => isRecord(d) && (d.kind === 'FlinkSessionJob' || d.kind === 'FlinkStateSnapshot'));
  if (!hasOtherKinds) return docs.map(() => []);
  const all = index(docs);
  return docs.map((d) => {
    if (!isRecord(d) || d.apiVersion !== FLINK_API_VERSION) return [];
    try {
      if (d.kind === 'FlinkSessionJob') return sessionJobWithCluster(d, all, options);
      if (d.kind === 'FlinkStateSnapshot') return snapshotWithTarget(d, all, options);
    } catch {
      // A cross-document rule must never take the run down; the per-document rules still report.
    }
    return [];
  });
}

function sessionJobWithCluster(doc: Record<string, unknown>, all: readonly Indexed[], options: CrossKindOptions): Finding[] {
  const spec = obj(doc.spec) ?? {};
  const target = str(spec.deploymentName);
  if (target === undefined) return [];
  const ns = str(obj(doc.metadata)?.namespace);
  const cluster = lookup(all, 'FlinkDeployment', target, ns);
  const bg = cluster ? undefined : lookup(all, 'FlinkBlueGreenDeployment', target, ns);
  if ((cluster && (cluster.blueGreen !== undefined || (cluster.spec.job !== undefined && cluster.spec.job !== null))) || bg) {
    const what = bg
      ? `the FlinkBlueGreenDeployment "${target}" (blue/green runs application clusters only)`
      : cluster?.blueGreen !== undefined
        ? `a child of the FlinkBlueGreenDeployment "${cluster.blueGreen}" (an application cluster)`
        : `the FlinkDeployment "${target}", an application cluster (it has spec.job)`;
    return [
      finding('SESSIONJOB-APPLICATION-CLUSTER', {
        path: pointer('spec', 'deploymentName'),
        value: target,
        message: `spec.deploymentName names ${what}: session jobs run only on session clusters`,
        fix: 'point spec.deploymentName at a session cluster (a FlinkDeployment without spec.job, e.g. a FlinkSessionCluster construct), or run this job as its own FlinkDeployment (FlinkJob)',
        operatorMessage: 'Can not submit session job to application cluster',
      }),
    ];
  }
  if (!cluster) return [];
  const job = obj(spec.job);
  if (!job) return [];
  const conf = merged(options.operatorConfiguration, cluster, cluster.spec.flinkConfiguration, spec.flinkConfiguration);
  const out: Finding[] = [];
  const mode = typeof job.upgradeMode === 'string' ? job.upgradeMode : 'stateless';
  const where = `the session cluster "${cluster.name}" nor the session job`;
  if (mode !== 'stateless' && isBlank(getConfig(conf, ...CHECKPOINT_DIR_KEYS))) {
    out.push(
      finding('SESSIONJOB-CHECKPOINT-DIR', {
        path: pointer('spec', 'flinkConfiguration', CHECKPOINT_DIR_KEYS[1]),
        value: mode,
        message: `spec.job.upgradeMode is ${show(mode)} but neither ${where} sets a checkpoint directory (${CHECKPOINT_DIR_KEYS.join(' or ')})`,
        fix: `set flinkConfiguration["${CHECKPOINT_DIR_KEYS[1]}"] on the session cluster (for all its jobs) or on this session job, or use upgradeMode: stateless`,
        operatorMessage: `Checkpoint directory[${CHECKPOINT_DIR_KEYS[0]}] must be defined for last-state and savepoint upgrade modes`,
      }),
    );
  }
  if (isBlank(getConfig(conf, ...SAVEPOINT_DIR_KEYS))) {
    const key = SAVEPOINT_DIR_KEYS[0];
    const reason: [string, string] | undefined =
      mode === 'savepoint'
        ? ['spec.job.upgradeMode is "savepoint"', `Job could not be upgraded with savepoint while config key[${key}] is not set`]
        : job.savepointTriggerNonce !== undefined && job.savepointTriggerNonce !== null
          ? ['spec.job.savepointTriggerNonce is set', `Savepoint could not be manually triggered for the running job while config key[${key}] is not set`]
          : conf.values.has('kubernetes.operator.periodic.savepoint.interval')
            ? ['periodic savepoints are configured (kubernetes.operator.periodic.savepoint.interval)', `Periodic savepoints cannot be enabled when config key[${key}] is not set`]
            : !isBlank(conf.values.get('kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age'))
              ? ['kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age is set', `In order to use max-checkpoint age functionality config key[${key}] must be set to allow triggering savepoint upgrades.`]
              : undefined;
    if (reason) {
      out.push(
        finding('SESSIONJOB-SAVEPOINT-DIR', {
          path: pointer('spec', 'flinkConfiguration', SAVEPOINT_DIR_KEYS[1]),
          message: `${reason[0]} but neither ${where} sets a savepoint directory (${SAVEPOINT_DIR_KEYS.join(' or ')})`,
          fix: `set flinkConfiguration["${SAVEPOINT_DIR_KEYS[1]}"] on the session cluster or on this session job`,
          operatorMessage: reason[1],
        }),
      );
    }
  }
  const ctx: SpecContext = { ...specContext(spec, ['spec'], str(obj(doc.metadata)?.name), str(obj(doc.metadata)?.namespace), options.version, false), conf };
  out.push(...autoscaler(ctx));
  return out;
}

const FLINK_BEFORE_1_17 = /^v1_(1[3-6])$/;

function snapshotWithTarget(doc: Record<string, unknown>, all: readonly Indexed[], options: CrossKindOptions): Finding[] {
  const spec = obj(doc.spec) ?? {};
  const savepoint = obj(spec.savepoint);
  if (savepoint?.alreadyExists === true) return [];
  const ref = obj(spec.jobReference);
  const kind = str(ref?.kind);
  const name = str(ref?.name);
  if (!ref || name === undefined || (kind !== 'FlinkDeployment' && kind !== 'FlinkSessionJob')) return [];
  const ns = str(obj(doc.metadata)?.namespace);
  const target = lookup(all, kind, name, ns);
  const refPath = pointer('spec', 'jobReference', 'name');
  if (!target) {
    const other = lookup(all, kind === 'FlinkDeployment' ? 'FlinkSessionJob' : 'FlinkDeployment', name, ns);
    const bg = lookup(all, 'FlinkBlueGreenDeployment', name, ns);
    if (!other && !bg) return [];
    return [
      finding('SNAPSHOT-TARGET-KIND', {
        path: pointer('spec', 'jobReference'),
        value: { kind, name },
        message: bg
          ? `spec.jobReference names the FlinkBlueGreenDeployment "${name}": its jobs run as the FlinkDeployments "${name}-blue" and "${name}-green", and no ${kind} is named "${name}"`
          : `spec.jobReference says kind ${kind}, but "${name}" in the input is a ${other!.kind}`,
        fix: bg ? `reference the running colour: jobReference: {kind: FlinkDeployment, name: "${name}-blue"} (or "-green")` : `set spec.jobReference.kind to ${other!.kind}`,
        operatorMessage: `Target for snapshot ${ns ?? 'null'}/${name} was not found`,
      }),
    ];
  }
  // The session cluster of a session job, when the input holds it.
  const cluster = target.kind === 'FlinkSessionJob' ? lookup(all, 'FlinkDeployment', str(target.spec.deploymentName) ?? '', target.namespace) : undefined;
  const out: Finding[] = [];
  const job = obj(target.spec.job);
  // FlinkStateSnapshotUtils.abandonSnapshotIfJobNotRunning, with JobReference.toString() for the reference.
  const notRunning = `Secondary resource ${name} (${kind}) for savepoint ${str(obj(doc.metadata)?.name) ?? 'null'} is not running`;
  if (target.kind === 'FlinkDeployment' && !job) {
    return [
      finding('SNAPSHOT-TARGET-NO-JOB', {
        path: refPath,
        value: name,
        message: `spec.jobReference names the FlinkDeployment "${name}", a session cluster (no spec.job): there is no job to snapshot, the operator abandons the snapshot`,
        fix: 'reference the job instead: jobReference: {kind: FlinkSessionJob, name: <the session job>}',
        operatorMessage: notRunning,
      }),
    ];
  }
  if (job?.state === 'suspended') {
    out.push(
      finding('SNAPSHOT-TARGET-SUSPENDED', {
        path: refPath,
        value: name,
        message: `spec.jobReference names ${target.kind} "${name}", whose job is suspended (job.state: suspended): the operator abandons snapshots of jobs that are not running`,
        fix: 'take the snapshot before suspending the job (the suspend of a savepoint-mode job takes one itself), or resume the job first',
        operatorMessage: notRunning,
      }),
    );
  }
  if (savepoint && (typeof savepoint.path !== 'string' || savepoint.path.trim() === '')) {
    const judgeable = target.kind === 'FlinkDeployment' || cluster !== undefined;
    const conf = merged(options.operatorConfiguration, cluster ?? target, cluster?.spec.flinkConfiguration, target.spec.flinkConfiguration);
    if (isBlank(getConfig(conf, ...SAVEPOINT_DIR_KEYS)) && judgeable) {
      out.push(
        finding('SNAPSHOT-SAVEPOINT-PATH', {
          path: pointer('spec', 'savepoint', 'path'),
          message: `spec.savepoint.path is not set and ${target.kind} "${name}"${cluster ? ` (with its session cluster "${cluster.name}")` : ''} sets no savepoint directory (${SAVEPOINT_DIR_KEYS.join(' or ')}): the savepoint cannot be triggered`,
          fix: `set spec.savepoint.path (a directory for the savepoint), or flinkConfiguration["${SAVEPOINT_DIR_KEYS[1]}"] on the job`,
          operatorMessage: `Either the savepoint path in the spec or configuration ${SAVEPOINT_DIR_KEYS[0]} in the Flink resource has to be supplied`,
        }),
      );
    }
  }
  if (spec.checkpoint !== undefined && spec.checkpoint !== null) {
    const fv = str((target.kind === 'FlinkSessionJob' ? cluster?.spec : target.spec)?.flinkVersion);
    if (fv !== undefined && FLINK_BEFORE_1_17.test(fv)) {
      out.push(
        finding('SNAPSHOT-CHECKPOINT-FLINK-VERSION', {
          path: pointer('spec', 'checkpoint'),
          value: fv,
          message: `spec.checkpoint asks for a checkpoint of ${target.kind} "${name}", which runs Flink ${fv}: manual checkpoints need Flink 1.17 or newer`,
          fix: 'take a savepoint instead (spec.savepoint: {}), or upgrade the job to Flink 1.17+',
          operatorMessage: 'Manual checkpoint triggering is not supported for this Flink job (requires Flink 1.17+)',
        }),
      );
    }
  }
  return out;
}
