import type { Construct, IConstruct } from 'constructs';
import { z } from 'zod';
import { Duration } from './duration';
import { FlinkVersion } from './flink-version';
import { HighAvailability } from './high-availability';
import { ImagePullPolicy } from './image-pull-policy';
import { OperatorVersion } from './operator-version';
import { ResourcePreset } from './resource-preset';
import { StateStorage } from './state-storage';
import type { ComponentProps, FlinkSpecProps, JobManagerProps, TaskManagerProps } from './spec/props';
import { checkProps, instance, stringMap } from './spec/props-schema';

/**
 * The spec props of a job, with what platform defaults can supply made optional: `image`,
 * `flinkVersion`, `jobManager` and `taskManager`. Without a default for them they stay required
 * (synthesis fails with "image is required" and the like).
 */
export interface DefaultableSpecProps extends Omit<FlinkSpecProps, 'image' | 'flinkVersion' | 'jobManager' | 'taskManager'> {
  /**
   * Flink image, pinned by tag or digest. Without a registry host it gets the platform's `imageRegistry`.
   * @default - the platform default `image`
   */
  readonly image?: string;
  /** @default - the platform default `flinkVersion` */
  readonly flinkVersion?: FlinkVersion;
  /** @default - the platform default `jobManager` */
  readonly jobManager?: JobManagerProps;
  /** @default - the platform default `taskManager` */
  readonly taskManager?: TaskManagerProps;
}

/**
 * What a platform team sets once per app or chart and every job below inherits: the settings a
 * Helm chart would keep in `values.yaml`. A job's own props override each of them.
 */
export interface PlatformDefaultsProps {
  /**
   * Full Flink image for jobs that set none, e.g. `registry.example.com/flink:1.20.1-java17`.
   * @default - none: each job sets `image`
   */
  readonly image?: string;
  /**
   * Registry host (and path) put in front of job images that name none, e.g. `registry.example.com/streaming`:
   * a job's `orders:1.4.0` becomes `registry.example.com/streaming/orders:1.4.0`.
   * @default - images are used as written
   */
  readonly imageRegistry?: string;
  /** @default - Kubernetes' default for the tag */
  readonly imagePullPolicy?: ImagePullPolicy;
  /** @default - none: each job sets `flinkVersion` */
  readonly flinkVersion?: FlinkVersion;
  /**
   * Service account of the Flink pods.
   * @default 'flink'
   */
  readonly serviceAccount?: string;
  /**
   * The operator build every job targets.
   * @default OperatorVersion.V1_15
   */
  readonly operatorVersion?: OperatorVersion;
  /**
   * Where each job keeps its state, derived from the job name: checkpoints, savepoints and (with
   * `highAvailability`) HA metadata, e.g. `StateStorage.under('s3://flink-state')`.
   * @default - none: each job sets `checkpointsDir` / `savepointsDir`
   */
  readonly stateStorage?: StateStorage;
  /**
   * Kubernetes HA for every job, its metadata in the job's `stateStorage` HA directory. Needs `stateStorage`.
   * @default false
   */
  readonly highAvailability?: boolean;
  /** @default - checkpointing off unless a job sets it */
  readonly checkpointInterval?: Duration;
  /** @default - Flink's default (1) */
  readonly taskSlots?: number;
  /**
   * JobManager resources, e.g. `ResourcePreset.SMALL` or `{ memory: '2048m', cpu: 1 }`; a job's
   * `jobManager` fields override these one by one.
   * @default - none
   */
  readonly jobManager?: ResourcePreset | JobManagerProps;
  /**
   * TaskManager resources; a job's `taskManager` fields override these one by one.
   * @default - none
   */
  readonly taskManager?: ResourcePreset | TaskManagerProps;
  /**
   * Labels on every Flink resource (a job's labels win per key).
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Labels on every Flink pod (a job's podLabels win per key).
   * @default - none
   */
  readonly podLabels?: Readonly<Record<string, string>>;
  /**
   * Flink configuration for every job (flat keys, string values). A job's own `flinkConfiguration`
   * wins per key, and a job's typed prop for the same setting (e.g. `checkpointsDir`) replaces it.
   * Keys that these defaults' own typed props set are refused here.
   * @default - none
   */
  readonly flinkConfiguration?: Readonly<Record<string, string>>;
}

const componentOrPreset = z.union([instance(ResourcePreset, 'a ResourcePreset'), z.looseObject({})]);
const defaultsSchema = z.strictObject({
  image: z.string().min(1).optional(),
  imageRegistry: z.string().min(1).regex(/^[^/\s]+(\/[^\s]+)?[^/]$/, { error: 'imageRegistry is a host with an optional path and no trailing "/", e.g. "registry.example.com/streaming"' }).optional(),
  imagePullPolicy: instance(ImagePullPolicy, 'an ImagePullPolicy').optional(),
  flinkVersion: instance(FlinkVersion, 'a FlinkVersion').optional(),
  serviceAccount: z.string().min(1).optional(),
  operatorVersion: instance(OperatorVersion, 'an OperatorVersion').optional(),
  stateStorage: instance(StateStorage, 'StateStorage.under(uri) or StateStorage.layout(fn)').optional(),
  highAvailability: z.boolean().optional(),
  checkpointInterval: instance(Duration, 'a Duration').optional(),
  taskSlots: z.number().int().min(1).optional(),
  jobManager: componentOrPreset.optional(),
  taskManager: componentOrPreset.optional(),
  labels: stringMap.optional(),
  podLabels: stringMap.optional(),
  flinkConfiguration: stringMap.optional(),
});

// Flink keys each defaultable typed prop renders (with the aliases Flink also reads).
const TYPED_KEYS: Record<string, readonly string[]> = {
  checkpointsDir: ['state.checkpoints.dir', 'execution.checkpointing.dir'],
  savepointsDir: ['state.savepoints.dir', 'execution.checkpointing.savepoint-dir'],
  checkpointInterval: ['execution.checkpointing.interval'],
  taskSlots: ['taskmanager.numberOfTaskSlots'],
  highAvailability: ['high-availability.type', 'high-availability', 'high-availability.storageDir'],
};

const DEFAULTS = new WeakMap<IConstruct, PlatformDefaultsProps>();
/** Constructs that already read the defaults: setting defaults above them afterwards would be ignored. */
const APPLIED = new WeakSet<IConstruct>();

/**
 * Platform defaults, set once on an app or a chart (or any scope) before the jobs are added. The
 * nearest scope wins per setting; maps (labels, flinkConfiguration) merge, nearer keys winning.
 *
 * ```ts
 * PlatformDefaults.set(app, {
 *   imageRegistry: 'registry.example.com/streaming',
 *   flinkVersion: FlinkVersion.V1_20,
 *   stateStorage: StateStorage.under('s3://flink-state'),
 *   highAvailability: true,
 *   jobManager: ResourcePreset.SMALL,
 *   taskManager: ResourcePreset.MEDIUM,
 * });
 * ```
 */
export class PlatformDefaults {
  /**
   * Sets the defaults for every job below `scope`.
   * @throws Error when the props are invalid, contradict themselves, or jobs below `scope` exist already
   */
  public static set(scope: Construct, props: PlatformDefaultsProps): void {
    const problems = checkProps(defaultsSchema, props).map((p) => `${p.path}: ${p.message}`);
    if (props?.highAvailability === true && !props.stateStorage && !PlatformDefaults.of(scope).stateStorage) {
      problems.push('highAvailability: needs stateStorage (the HA metadata directory is derived from the job name under it)');
    }
    for (const [prop, keys] of Object.entries(TYPED_KEYS)) {
      const typed = prop === 'checkpointsDir' || prop === 'savepointsDir' ? props?.stateStorage : prop === 'highAvailability' ? props?.highAvailability : (props as unknown as Record<string, unknown>)?.[prop];
      const clash = keys.find((k) => props?.flinkConfiguration?.[k] !== undefined);
      if (typed && clash) problems.push(`flinkConfiguration["${clash}"] sets what ${prop === 'checkpointsDir' || prop === 'savepointsDir' ? 'stateStorage' : prop} already sets: set it in one place`);
    }
    if (DEFAULTS.has(scope)) problems.push('defaults are already set on this scope: set them once, in one call');
    const existing = scope.node.findAll().filter((c) => APPLIED.has(c));
    if (existing.length > 0) {
      problems.push(`set defaults before adding jobs: ${existing.map((c) => c.node.path).join(', ')} already exist${existing.length === 1 ? 's' : ''} and would not get them`);
    }
    if (problems.length > 0) throw new Error(`Invalid platform defaults at ${scope.node.path || '(app)'}:\n  ${problems.join('\n  ')}`);
    DEFAULTS.set(scope, props);
  }

  /** The defaults in effect at `scope`: every scope's from the root down, the nearest winning. */
  public static of(scope: IConstruct): PlatformDefaultsProps {
    let out: PlatformDefaultsProps = {};
    for (const s of scope.node.scopes) {
      const d = DEFAULTS.get(s);
      if (!d) continue;
      out = {
        ...out,
        ...d,
        labels: merge(out.labels, d.labels),
        podLabels: merge(out.podLabels, d.podLabels),
        flinkConfiguration: merge(out.flinkConfiguration, d.flinkConfiguration),
      };
    }
    return out;
  }
}

function merge(a?: Readonly<Record<string, string>>, b?: Readonly<Record<string, string>>): Readonly<Record<string, string>> | undefined {
  return a || b ? { ...(a ?? {}), ...(b ?? {}) } : undefined;
}

function componentOf(d: ResourcePreset | ComponentProps | undefined): ComponentProps | undefined {
  return d instanceof ResourcePreset ? d.toProps() : d;
}

/** Whether an image reference names a registry host (`host.tld/…`, `host:port/…`, `localhost/…`). */
export function hasRegistry(image: string): boolean {
  const slash = image.indexOf('/');
  if (slash < 0) return false;
  const first = image.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost';
}

/** Marks a construct as having read the defaults (for FlinkSessionJob, which takes only a few). */
export function markDefaultsApplied(scope: IConstruct): PlatformDefaultsProps {
  APPLIED.add(scope);
  return PlatformDefaults.of(scope);
}

/**
 * A job's props with the platform defaults in effect at `scope` filled in. The job's props win; a
 * default Flink configuration key gives way to the job's own key and to the job's typed prop for
 * the same setting; a defaulted typed prop gives way to the job's escape hatch for its key.
 */
export function applyPlatformDefaults<T extends { readonly name: string; readonly labels?: Readonly<Record<string, string>>; readonly operatorVersion?: OperatorVersion }>(scope: IConstruct, props: T): T {
  APPLIED.add(scope);
  const d = PlatformDefaults.of(scope);
  if (Object.keys(d).length === 0 || !props || typeof props !== 'object') return props;
  const p = props as unknown as Partial<FlinkSpecProps> & Record<string, unknown>;
  const own = p.flinkConfiguration ?? {};
  const hatch = (prop: string) => TYPED_KEYS[prop].some((k) => own[k] !== undefined);
  const storage = d.stateStorage && typeof props.name === 'string' ? d.stateStorage.resolve(props.name) : undefined;
  const out: Record<string, unknown> = { ...p };
  const fill = (prop: string, value: unknown) => {
    if (out[prop] === undefined && value !== undefined && !(prop in TYPED_KEYS && hatch(prop))) out[prop] = value;
  };
  fill('operatorVersion', d.operatorVersion);
  fill('flinkVersion', d.flinkVersion);
  fill('imagePullPolicy', d.imagePullPolicy);
  fill('serviceAccount', d.serviceAccount);
  fill('checkpointInterval', d.checkpointInterval);
  fill('taskSlots', d.taskSlots);
  fill('checkpointsDir', storage?.checkpointsDir);
  fill('savepointsDir', storage?.savepointsDir);
  if (d.highAvailability && storage) fill('highAvailability', HighAvailability.kubernetes({ storageDir: storage.highAvailabilityDir }));
  const image = p.image ?? d.image;
  out.image = image !== undefined && d.imageRegistry && typeof image === 'string' && !hasRegistry(image) ? `${d.imageRegistry}/${image}` : image;
  if (out.image === undefined) delete out.image;
  for (const c of ['jobManager', 'taskManager'] as const) {
    const base = componentOf(d[c]);
    if (base) out[c] = { ...base, ...((p[c] as object | undefined) ?? {}) };
  }
  if (d.labels) out.labels = { ...d.labels, ...(props.labels ?? {}) };
  if (d.podLabels) out.podLabels = { ...d.podLabels, ...(p.podLabels ?? {}) };
  if (d.flinkConfiguration) {
    // The job's typed props win over a default key for the same setting.
    const replaced = new Set(Object.entries(TYPED_KEYS).filter(([prop]) => p[prop] !== undefined).flatMap(([, keys]) => keys));
    const inherited = Object.fromEntries(Object.entries(d.flinkConfiguration).filter(([k]) => !replaced.has(k)));
    out.flinkConfiguration = { ...inherited, ...own };
  }
  return out as unknown as T;
}
