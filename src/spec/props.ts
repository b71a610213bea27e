import type { Duration } from '../duration';
import type { FlinkVersion } from '../flink-version';
import type { HighAvailability } from '../high-availability';
import type { ImagePullPolicy } from '../image-pull-policy';
import type { JobState } from '../job-state';
import type { Logging } from '../logging';
import type { OperatorVersion } from '../operator-version';
import type { UpgradeMode } from '../upgrade-mode';
import type { PodTemplate } from './pod-template';

/** The Flink job itself (`spec.job`). */
export interface JobProps {
  /**
   * The job jar, e.g. `local:///opt/flink/usrlib/orders.jar`.
   * @default - none: the jar must already be on the image's classpath
   */
  readonly jarURI?: string;
  /**
   * Main class.
   * @default - the jar manifest's Main-Class
   */
  readonly entryClass?: string;
  /**
   * Program arguments.
   * @default []
   */
  readonly args?: readonly string[];
  /** Job parallelism; must be at least 1. */
  readonly parallelism: number;
  /**
   * How the operator carries state across upgrades.
   * @default UpgradeMode.STATELESS (the operator's default; blue/green transitions then lose state)
   */
  readonly upgradeMode?: UpgradeMode;
  /**
   * Desired state.
   * @default JobState.RUNNING
   */
  readonly state?: JobState;
  /**
   * Allow restoring when some state has no matching operator.
   * @default false
   */
  readonly allowNonRestoredState?: boolean;
  /**
   * Savepoint to restore from on first deployment (and on a savepoint redeploy).
   * @default - start without state
   */
  readonly initialSavepointPath?: string;
  /**
   * Change to redeploy from `initialSavepointPath`.
   * @default - not set
   */
  readonly savepointRedeployNonce?: number;
}

/** Kubernetes ResourceRequirements (`jobManager/taskManager.resources`), operator `main` and later. */
export interface ResourceRequirements {
  /** @default - none */
  readonly requests?: Readonly<Record<string, string | number>>;
  /** @default - none */
  readonly limits?: Readonly<Record<string, string | number>>;
}

/** JobManager or TaskManager pods. */
export interface ComponentProps {
  /**
   * Total process memory in Flink syntax (`2048m`, `2g`) or a Kubernetes quantity (`2Gi`).
   * Rendered as `resource.memory`, which every operator version reads.
   * @default - none: then `resources` must give the memory
   */
  readonly memory?: string;
  /**
   * CPU cores.
   * @default - the operator's default (1.0)
   */
  readonly cpu?: number;
  /**
   * Ephemeral storage, a Kubernetes quantity such as `10Gi`.
   * @default - not set
   */
  readonly ephemeralStorage?: string;
  /**
   * Kubernetes requests/limits; only operator `main` and FLIP-504 builds have this field (it wins
   * over `memory`/`cpu` there). On 1.14/1.15 it would be pruned, so it is refused.
   * @default - not set
   */
  readonly resources?: ResourceRequirements;
  /**
   * Pod template for this component only. It extends the job-wide `podTemplate` by Kubernetes merge
   * keys (containers, init containers, volumes and env by name, mounts by mountPath; this template's
   * values win); the construct emits the combined template here and no job-wide one, because the
   * operator would merge the two by list position (`FlinkUtils.mergePodTemplates`).
   * @default - none
   */
  readonly podTemplate?: PodTemplate;
}

export interface JobManagerProps extends ComponentProps {
  /**
   * JobManager replicas; more than 1 requires high availability.
   * @default 1
   */
  readonly replicas?: number;
}

export interface TaskManagerProps extends ComponentProps {
  /**
   * TaskManager replicas; takes precedence over parallelism when set.
   * @default - derived by the operator from parallelism and task slots
   */
  readonly replicas?: number;
}

/** Ingress to the Flink web UI (`spec.ingress`). */
export interface IngressProps {
  /** URL template, `{{name}}` and `{{namespace}}` are replaced, e.g. `flink.example.com/{{namespace}}/{{name}}`. */
  readonly template: string;
  /** @default - the cluster default ingress class */
  readonly className?: string;
  /** @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly tls?: ReadonlyArray<{ readonly hosts?: readonly string[]; readonly secretName?: string }>;
}

/** Everything that describes one Flink deployment's spec; shared by FlinkJob and BlueGreenFlinkJob. */
export interface FlinkSpecProps {
  /** Flink image, pinned by tag or digest. */
  readonly image: string;
  /** @default - Kubernetes' default for the tag */
  readonly imagePullPolicy?: ImagePullPolicy;
  /** Flink version of the image. */
  readonly flinkVersion: FlinkVersion;
  /**
   * Service account of the Flink pods (the operator requires one).
   * @default 'flink' (the account the operator's Helm chart creates)
   */
  readonly serviceAccount?: string;
  readonly job: JobProps;
  readonly jobManager: JobManagerProps;
  readonly taskManager: TaskManagerProps;
  /**
   * Task slots per TaskManager (`taskmanager.numberOfTaskSlots`).
   * @default - Flink's default (1)
   */
  readonly taskSlots?: number;
  /**
   * Durable checkpoint directory (`state.checkpoints.dir`); required for stateful upgrade modes.
   * @default - not set
   */
  readonly checkpointsDir?: string;
  /**
   * Durable savepoint directory (`state.savepoints.dir`); required for savepoint upgrades and blue/green transitions.
   * @default - not set
   */
  readonly savepointsDir?: string;
  /**
   * Checkpoint interval (`execution.checkpointing.interval`).
   * @default - checkpointing off unless set in flinkConfiguration
   */
  readonly checkpointInterval?: Duration;
  /** @default - no HA */
  readonly highAvailability?: HighAvailability;
  /**
   * JobManager JVM options (`env.java.opts.jobmanager`). The blue/green agent flag is appended to these, never replacing them.
   * @default - none
   */
  readonly jobManagerJvmOptions?: string;
  /** @default - the operator's default logging */
  readonly logging?: Logging;
  /** @default - no ingress */
  readonly ingress?: IngressProps;
  /**
   * Labels for the JobManager and TaskManager pods (rendered into `podTemplate.metadata`, which the operator copies to the pods).
   * @default - none
   */
  readonly podLabels?: Readonly<Record<string, string>>;
  /**
   * Annotations for the JobManager and TaskManager pods.
   * @default - none
   */
  readonly podAnnotations?: Readonly<Record<string, string>>;
  /**
   * Escape hatch: more Flink configuration, flat dotted keys, string values. A key that a typed
   * prop also sets must hold the same value, otherwise synthesis fails naming both.
   * @default - none
   */
  readonly flinkConfiguration?: Readonly<Record<string, string>>;
  /**
   * Escape hatch: the pod template for both JobManager and TaskManager. The main container must be
   * named `flink-main-container`. When a component has a template of its own (or the gate agent
   * wiring), this one is folded into the component templates instead of being emitted, so the
   * operator's positional merge never applies.
   * @default - none
   */
  readonly podTemplate?: PodTemplate;
}

/** Identity and targeting shared by every construct. */
export interface FlinkObjectProps {
  /**
   * `metadata.name`: the job's identity for savepoints and HA, so never generated.
   */
  readonly name: string;
  /**
   * @default - the chart's namespace, or none
   */
  readonly namespace?: string;
  /**
   * The operator build the output is written and validated for.
   * @default OperatorVersion.V1_15
   */
  readonly operatorVersion?: OperatorVersion;
  /**
   * Labels on the Flink resource itself (not copied to pods: use `podLabels`).
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Annotations on the Flink resource itself.
   * @default - none
   */
  readonly annotations?: Readonly<Record<string, string>>;
}
