/**
 * The operator's spec diff of a `FlinkDeploymentSpec` (`ReflectiveDiffBuilder` driven by the
 * `@SpecDiff` annotations on `AbstractFlinkSpec`, `FlinkDeploymentSpec`, `JobSpec`,
 * `TaskManagerSpec`), re-expressed over YAML values, and the FlinkDeployment reconciler's
 * reaction to it. The blue/green diff reuses `diffFlinkDeploymentSpec` on `spec.template.spec`.
 */
import { deepEqual, diffFields, isPlainObject, pointer } from './diff-fields';
import type { DeploymentMode } from './flink-config';
import { configKeyDiffType, configKeyNote, flattenFlinkConfiguration } from './flink-config';
import type { Classification, DiffType, Reason } from './impact';
import { maxDiffType } from './impact';

type Json = Record<string, unknown>;

/** How one field of a spec class is compared. */
interface FieldRule {
  readonly name: string;
  /** `@SpecDiff(value)`; fields without the annotation are UPGRADE. */
  readonly type?: DiffType;
  /** `@SpecDiff(mode = ...)`: outside these modes the field counts as UPGRADE. */
  readonly onlyInMode?: DeploymentMode;
  /** `@SpecDiff(onNullIgnore = true)`: a field cleared to null is not compared at all. */
  readonly onNullIgnore?: boolean;
  /** The Java field initialiser: an absent field equals its default. */
  readonly javaDefault?: unknown;
  /** Normalises the value the way Jackson + the Java class see it. */
  readonly normalise?: (v: unknown) => unknown;
}

/** `JobSpec` fields (all of them; unknown fields are dropped by `@JsonIgnoreProperties`). */
const JOB_FIELDS: readonly FieldRule[] = [
  { name: 'jarURI' },
  { name: 'parallelism', type: 'SCALE', onlyInMode: 'STANDALONE', javaDefault: 0 },
  { name: 'entryClass' },
  { name: 'args', javaDefault: [] },
  { name: 'state', javaDefault: 'running' },
  { name: 'savepointTriggerNonce', type: 'IGNORE' },
  { name: 'initialSavepointPath', type: 'IGNORE' },
  { name: 'checkpointTriggerNonce', type: 'IGNORE' },
  { name: 'upgradeMode', type: 'IGNORE', javaDefault: 'stateless' },
  { name: 'allowNonRestoredState', type: 'IGNORE' },
  { name: 'savepointRedeployNonce', type: 'SAVEPOINT_REDEPLOY', onNullIgnore: true },
  { name: 'autoscalerResetNonce', type: 'IGNORE' },
];

/** `TaskManagerSpec` is `Diffable`, so the diff descends into it field by field. */
const TASK_MANAGER_FIELDS: readonly FieldRule[] = [
  { name: 'resource' },
  { name: 'resources', normalise: (v) => dropEmptyCollections(v) },
  { name: 'replicas', type: 'SCALE', onlyInMode: 'STANDALONE' },
  { name: 'podTemplate', normalise: (v) => normalisePodTemplate(v) },
];

/** `JobManagerSpec` is not `Diffable`: it is compared whole with `equals` (any change is UPGRADE). */
const JOB_MANAGER_FIELDS = ['resource', 'resources', 'replicas', 'podTemplate'] as const;

/** Top-level `FlinkDeploymentSpec` fields other than the three handled specially. */
const PLAIN_SPEC_FIELDS = ['image', 'imagePullPolicy', 'serviceAccount', 'flinkVersion', 'ingress', 'podTemplate', 'logConfiguration', 'mode'] as const;

const KNOWN_SPEC_FIELDS = new Set<string>(['job', 'restartNonce', 'flinkConfiguration', 'jobManager', 'taskManager', ...PLAIN_SPEC_FIELDS]);

/** fabric8 model fields that are maps initialised empty, so `{}` and absent are the same object. */
const MAP_FIELDS = new Set(['labels', 'annotations', 'nodeSelector', 'limits', 'requests']);

/**
 * fabric8 models initialise list fields (and the map fields above) to empty collections, so an
 * empty list in YAML and an absent one deserialize to equal objects.
 */
function dropEmptyCollections(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map((x) => dropEmptyCollections(x));
  if (isPlainObject(v)) {
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) {
      const n = dropEmptyCollections(x, k);
      if (n !== undefined) out[k] = n;
    }
    return MAP_FIELDS.has(key) && Object.keys(out).length === 0 ? undefined : out;
  }
  return v === null ? undefined : v;
}

/**
 * The operator clears a pod template's "additional properties" before diffing
 * (`ReflectiveDiffBuilder.clearIgnoredFields`): only `metadata` and `spec` of a PodTemplateSpec
 * count, so leftovers of the Pod schema such as `apiVersion`/`kind` never trigger anything.
 */
function normalisePodTemplate(v: unknown): unknown {
  if (!isPlainObject(v)) return v === null ? undefined : v;
  const out: Json = {};
  if (v.metadata !== undefined && v.metadata !== null) out.metadata = dropEmptyCollections(v.metadata, 'metadata');
  if (v.spec !== undefined && v.spec !== null) out.spec = dropEmptyCollections(v.spec, 'spec');
  return out;
}

/** Reads a field as the Java object would hold it: null is absent, then the initialiser applies. */
function read(obj: Json, rule: FieldRule): unknown {
  let v = obj[rule.name];
  if (v === null) v = undefined;
  if (rule.normalise) v = rule.normalise(v);
  return v === undefined ? rule.javaDefault : v;
}

function ruleType(rule: FieldRule, mode: DeploymentMode): DiffType {
  if (rule.onlyInMode !== undefined && rule.onlyInMode !== mode) return 'UPGRADE';
  return rule.type ?? 'UPGRADE';
}

function ruleNote(rule: FieldRule, mode: DeploymentMode): string | undefined {
  if (rule.onlyInMode !== undefined && rule.onlyInMode !== mode) {
    return `${rule.type} only in ${rule.onlyInMode} mode; in ${mode} mode it is a full upgrade`;
  }
  if (rule.type === 'IGNORE') return 'marked @SpecDiff(IGNORE): never restarts the job';
  return undefined;
}

/** Leaf reasons for one value that the operator compares as a unit, all of one type. */
function leafReasons(from: unknown, to: unknown, path: string, type: DiffType, note?: string): Reason[] {
  return diffFields(from, to, path).map((c) => ({ path: c.path, from: c.from, to: c.to, type, ...(note ? { note } : {}) }));
}

/** Compares the fields of a `Diffable` class one by one. */
function diffByRules(a: Json, b: Json, rules: readonly FieldRule[], base: string, mode: DeploymentMode): Reason[] {
  const out: Reason[] = [];
  for (const rule of rules) {
    const from = read(a, rule);
    const to = read(b, rule);
    if (deepEqual(from, to)) continue;
    const path = pointer(base, rule.name);
    if (rule.onNullIgnore && to === undefined) {
      out.push({ path, from, to, type: 'IGNORE', note: 'cleared to null: the operator skips this field (onNullIgnore)' });
      continue;
    }
    out.push(...leafReasons(from, to, path, ruleType(rule, mode), ruleNote(rule, mode)));
  }
  return out;
}

function diffFlinkConfiguration(a: unknown, b: unknown, base: string, mode: DeploymentMode): Reason[] {
  const fa = flattenFlinkConfiguration(a);
  const fb = flattenFlinkConfiguration(b);
  const keys = [...new Set([...fa.keys(), ...fb.keys()])].sort();
  const out: Reason[] = [];
  for (const key of keys) {
    const from = fa.get(key);
    const to = fb.get(key);
    if (from === to) continue;
    const note = configKeyNote(key, mode);
    out.push({ path: pointer(base, 'flinkConfiguration', key), from, to, type: configKeyDiffType(key, mode), ...(note ? { note } : {}) });
  }
  if (out.length === 0 && !deepEqual(a ?? {}, b ?? {})) {
    // Same configuration written differently (nested vs dotted keys, 2 vs "2"): the per-key diff
    // sees nothing, but the spec objects are no longer `equals` (matters for blue/green).
    out.push({
      path: pointer(base, 'flinkConfiguration'),
      from: a,
      to: b,
      type: 'IGNORE',
      note: 'same configuration after flattening (nested vs dotted keys or number vs string): no per-key change',
    });
  }
  return out;
}

function asObject(v: unknown): Json {
  return isPlainObject(v) ? v : {};
}

/** Result of the spec diff: the aggregated type and every field reason. */
export interface SpecDiffResult {
  readonly type: DiffType;
  readonly reasons: readonly Reason[];
  /** The first reason carrying the aggregated type (absent when the type is IGNORE). */
  readonly decidedBy?: string;
}

/**
 * `ReflectiveDiffBuilder(mode, old, new).build()` over YAML: every changed field with the type
 * the operator gives it, aggregated with `DiffType.from` (highest wins).
 */
export function diffFlinkDeploymentSpec(oldSpec: unknown, newSpec: unknown, mode: DeploymentMode, base: string): SpecDiffResult {
  const a = asObject(oldSpec);
  const b = asObject(newSpec);
  const reasons: Reason[] = [];

  // job: JobSpec is Diffable, so both present → per field; one side null → the whole job, UPGRADE.
  const ja = a.job ?? undefined;
  const jb = b.job ?? undefined;
  if (isPlainObject(ja) && isPlainObject(jb)) {
    reasons.push(...diffByRules(ja, jb, JOB_FIELDS, pointer(base, 'job'), mode));
  } else if (!deepEqual(ja, jb)) {
    reasons.push(...leafReasons(ja, jb, pointer(base, 'job'), 'UPGRADE', 'adding or removing job switches between session and application cluster'));
  }

  reasons.push(...diffByRules(a, b, [{ name: 'restartNonce', onNullIgnore: true }], base, mode));
  reasons.push(...diffFlinkConfiguration(a.flinkConfiguration ?? undefined, b.flinkConfiguration ?? undefined, base, mode));

  for (const name of PLAIN_SPEC_FIELDS) {
    const normalise = name === 'podTemplate' ? normalisePodTemplate : name === 'ingress' ? (v: unknown) => dropEmptyCollections(v) : undefined;
    reasons.push(...diffByRules(a, b, [{ name, normalise }], base, mode));
  }

  // jobManager: not Diffable → compared whole; replicas defaults to 1.
  const jm = (v: unknown): unknown => (isPlainObject(v) ? normaliseJobManager(v) : undefined);
  const jma = jm(a.jobManager);
  const jmb = jm(b.jobManager);
  if (!deepEqual(jma, jmb)) reasons.push(...leafReasons(jma, jmb, pointer(base, 'jobManager'), 'UPGRADE'));

  // taskManager: Diffable → per field when both present.
  const tma = a.taskManager ?? undefined;
  const tmb = b.taskManager ?? undefined;
  if (isPlainObject(tma) && isPlainObject(tmb)) {
    reasons.push(...diffByRules(tma, tmb, TASK_MANAGER_FIELDS, pointer(base, 'taskManager'), mode));
  } else if (!deepEqual(tma, tmb)) {
    reasons.push(...leafReasons(tma, tmb, pointer(base, 'taskManager'), 'UPGRADE'));
  }

  // Fields the Java class does not have are dropped on read (ignoreUnknown) and pruned by the CRD.
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (KNOWN_SPEC_FIELDS.has(k) || deepEqual(a[k], b[k])) continue;
    reasons.push(...leafReasons(a[k], b[k], pointer(base, k), 'IGNORE', 'not a FlinkDeploymentSpec field: dropped by the operator'));
  }

  const type = maxDiffType(reasons.map((r) => r.type ?? 'IGNORE'));
  const decisive = type === 'IGNORE' ? undefined : reasons.find((r) => r.type === type);
  return { type, reasons, ...(decisive ? { decidedBy: decisive.path } : {}) };
}

function normaliseJobManager(v: Json): Json {
  const out: Json = {};
  for (const k of JOB_MANAGER_FIELDS) {
    let x: unknown = v[k] === null ? undefined : v[k];
    if (k === 'podTemplate') x = normalisePodTemplate(x);
    if (k === 'resources') x = dropEmptyCollections(x);
    if (k === 'replicas' && x === undefined) x = 1;
    if (x !== undefined) out[k] = x;
  }
  return out;
}

/**
 * Java `FlinkDeploymentSpec.equals` after the ignored fields were cleared: every known field with
 * its default, flinkConfiguration compared as written (not flattened).
 */
export function specsEqual(oldSpec: unknown, newSpec: unknown): boolean {
  return deepEqual(javaView(asObject(oldSpec)), javaView(asObject(newSpec)));
}

function javaView(s: Json): Json {
  const out: Json = {};
  const job = s.job ?? undefined;
  if (isPlainObject(job)) {
    const j: Json = {};
    for (const r of JOB_FIELDS) {
      const v = read(job, r);
      if (v !== undefined) j[r.name] = v;
    }
    out.job = j;
  }
  if (s.restartNonce !== undefined && s.restartNonce !== null) out.restartNonce = s.restartNonce;
  out.flinkConfiguration = isPlainObject(s.flinkConfiguration) ? s.flinkConfiguration : {};
  for (const name of PLAIN_SPEC_FIELDS) {
    const v = name === 'podTemplate' ? normalisePodTemplate(s[name]) : name === 'ingress' ? dropEmptyCollections(s[name]) : s[name];
    if (v !== undefined && v !== null) out[name] = v;
  }
  if (isPlainObject(s.jobManager)) out.jobManager = normaliseJobManager(s.jobManager);
  if (isPlainObject(s.taskManager)) {
    const t: Json = {};
    for (const r of TASK_MANAGER_FIELDS) {
      const v = read(s.taskManager, r);
      if (v !== undefined) t[r.name] = v;
    }
    out.taskManager = t;
  }
  return out;
}

/** `KubernetesDeploymentMode.getDeploymentMode`: null (or anything but standalone) is NATIVE. */
export function deploymentModeOf(spec: unknown): DeploymentMode {
  return asObject(spec).mode === 'standalone' ? 'STANDALONE' : 'NATIVE';
}

/** Metadata the operator never looks at for the diff, reported so a reviewer knows it was seen. */
export function metadataReasons(oldObj: unknown, newObj: unknown, note: string): Reason[] {
  const meta = (o: unknown): Json => asObject(asObject(o).metadata);
  const out: Reason[] = [];
  for (const k of ['labels', 'annotations']) {
    out.push(...leafReasons(meta(oldObj)[k] ?? undefined, meta(newObj)[k] ?? undefined, pointer('/metadata', k), 'IGNORE', note));
  }
  return out;
}

function upgradeModeOf(spec: Json): string {
  const job = asObject(spec.job);
  return typeof job.upgradeMode === 'string' ? job.upgradeMode : 'stateless';
}

/**
 * A FlinkDeployment update: the reconciler computes the spec diff with the mode of the *new*
 * spec (`FlinkDeploymentContext.getDeploymentMode`) and acts on its type
 * (`AbstractFlinkResourceReconciler.reconcile`).
 */
export function classifyFlinkDeployment(oldObj: unknown, newObj: unknown): Classification<DiffType> {
  const oldSpec = asObject(asObject(oldObj).spec);
  const newSpec = asObject(asObject(newObj).spec);
  const mode = deploymentModeOf(newSpec);
  const diff = diffFlinkDeploymentSpec(oldSpec, newSpec, mode, '/spec');
  const reasons = [
    ...diff.reasons,
    ...metadataReasons(oldObj, newObj, 'metadata is not part of the spec diff: the operator does not react'),
  ];
  const notes: string[] = [];
  const stateChanged = diff.reasons.find((r) => r.path === '/spec/job/state');
  switch (diff.type) {
    case 'SCALE':
      notes.push(
        'SCALE: the operator first tries to rescale in place (standalone: TaskManager replicas; native: ' +
          'per-vertex parallelism overrides through the rescale API); when that is not possible it falls back to a full upgrade.',
      );
      break;
    case 'UPGRADE':
      if (stateChanged) {
        notes.push(
          stateChanged.to === 'suspended'
            ? `job.state → suspended: the job is stopped according to upgradeMode "${upgradeModeOf(newSpec)}" and the cluster is kept only for last-state/HA.`
            : 'job.state → running: the suspended job is restored from the state recorded when it was suspended.',
        );
      } else {
        notes.push(`UPGRADE: the job is stopped and redeployed with upgradeMode "${upgradeModeOf(newSpec)}".`);
      }
      break;
    case 'SAVEPOINT_REDEPLOY':
      notes.push('SAVEPOINT_REDEPLOY: the job is redeployed from job.initialSavepointPath without taking a savepoint first; rollback is not possible.');
      break;
    case 'IGNORE':
      if (reasons.length > 0) notes.push('IGNORE: the new spec is recorded, nothing is redeployed.');
      break;
  }
  return { impact: diff.type, ...(diff.decidedBy ? { decidedBy: diff.decidedBy } : {}), reasons, notes };
}
