import type { OperatorVersionId } from '../operator-version';
import { OPERATOR_VERSION_IDS } from '../operator-version';
import type { Finding, Severity } from './finding';

/** One entry of the rule catalogue: what the rule checks, how bad it is, which builds it applies to. */
export interface RuleInfo {
  readonly id: string;
  readonly severity: Severity;
  readonly versions: readonly OperatorVersionId[];
  readonly description: string;
}

const ALL = OPERATOR_VERSION_IDS;
const RESOURCES = ['main', 'flip-504'] as const satisfies readonly OperatorVersionId[];
const F504 = ['flip-504'] as const satisfies readonly OperatorVersionId[];
const BG = ALL; // FlinkBlueGreenDeployment exists in every supported build (1.14+)
// DefaultValidator.validateJarURI arrived in 1.15.0 (and is in main and the PR #1043 head).
const JAR_URI = ['1.15', 'main', 'flip-504'] as const satisfies readonly OperatorVersionId[];

function r(id: string, severity: Severity, versions: readonly OperatorVersionId[], description: string): RuleInfo {
  return { id, severity, versions, description };
}

/**
 * The catalogue. Severity lives here only, so a rule cannot be an error in one place and a
 * warning in another.
 */
export const RULES: readonly RuleInfo[] = [
  // Documents
  r('DOC-NOT-OBJECT', 'warning', ALL, 'A YAML document that is not a mapping is not a Kubernetes object and is skipped.'),
  r('DOC-NO-KIND', 'warning', ALL, 'A mapping without `kind` is not a Kubernetes object and is skipped.'),
  // Inline suppression (annotation flink.bluegreen/ignore-<RULE-ID>: "<reason>")
  r('SUPPRESSION-REASON', 'error', ALL, 'A suppression annotation must give the reason as its value.'),
  r('SUPPRESSION-UNKNOWN-RULE', 'warning', ALL, 'A suppression annotation names a rule that does not exist.'),
  r('SUPPRESSION-NOT-ALLOWED', 'error', ALL, 'Errors cannot be suppressed; only warnings can.'),
  // Target build (annotation flink.bluegreen/operator-version, stamped by the constructs)
  r('TARGET-OPERATOR-VERSION', 'error', ALL, 'The `flink.bluegreen/operator-version` annotation must name a known operator build; the object is checked against that build.'),
  r('SCHEMA-API-VERSION', 'error', ALL, 'Flink kinds are served only as `flink.apache.org/v1beta1`.'),
  // CRD schema
  r('SCHEMA-UNKNOWN-FIELD', 'error', ALL, 'A field the CRD of the target operator does not define; the API server would prune it silently.'),
  r('SCHEMA-TYPE', 'error', ALL, 'A value of the wrong JSON type for the CRD schema; the API server rejects the object.'),
  r('SCHEMA-ENUM', 'error', ALL, 'A value outside the enum of the CRD schema; the API server rejects the object.'),
  r('SCHEMA-INVALID', 'error', ALL, 'Any other CRD schema violation.'),
  // DefaultValidator.validateDeployment
  r('FLINK-NAME', 'error', ALL, 'FlinkDeployment name: lower-case alphanumerics or "-", starts with a letter, ends alphanumeric, at most 45 characters.'),
  r('FLINK-VERSION-MISSING', 'error', ALL, '`spec.flinkVersion` must be set.'),
  r('FLINK-VERSION-UNSUPPORTED', 'error', ALL, '`spec.flinkVersion` older than v1_15 is not supported by the operator.'),
  r('FLINK-FORBIDDEN-CONFIG-KEY', 'error', ALL, 'flinkConfiguration keys the operator sets itself: kubernetes.namespace, kubernetes.cluster-id, high-availability.cluster-id.'),
  r('FLINK-ROLLBACK-REQUIRES-HA', 'error', ALL, '`kubernetes.operator.deployment.rollback.enabled: true` needs high availability.'),
  r('FLINK-HEALTH-CHECK-REQUIRES-RECOVERY', 'error', ALL, 'The cluster health check needs JobManager deployment recovery enabled.'),
  r('FLINK-INGRESS-TEMPLATE', 'error', ALL, '`spec.ingress.template` must be set when `spec.ingress` is (FlinkDeployment; a blue/green child gets "blue-null" instead, see BG-CHILD-INGRESS).'),
  r('FLINK-INGRESS-URL', 'error', ALL, 'The ingress template must form a java.net.URL once `{{name}}`/`{{namespace}}` are substituted (and, in a blue/green template, prefixed with blue-/green-).'),
  r('FLINK-LOG-CONFIG-KEY', 'error', ALL, '`spec.logConfiguration` keys: log4j-console.properties or logback-console.xml only.'),
  r('FLINK-CHECKPOINT-DIR', 'error', ALL, 'last-state and savepoint upgrade modes need a checkpoint directory.'),
  r('FLINK-SAVEPOINT-DIR', 'error', ALL, 'Savepoint upgrades, savepointTriggerNonce, periodic savepoints and the last-state max checkpoint age need a savepoint directory.'),
  r('FLINK-PARALLELISM', 'error', ALL, '`job.parallelism` must be ≥ 1 unless `taskManager.replicas` is set.'),
  r('FLINK-TM-REPLICAS', 'error', ALL, '`taskManager.replicas`, when set, must be ≥ 1.'),
  r('FLINK-JM-REPLICAS', 'error', ALL, '`jobManager.replicas` must be ≥ 1.'),
  r('FLINK-JM-HA', 'error', ALL, 'More than one JobManager replica needs high availability.'),
  r('FLINK-JM-MEMORY', 'error', ALL, 'JobManager memory must be defined (resource.memory, resources on main, or Flink memory config).'),
  r('FLINK-TM-MEMORY', 'error', ALL, 'TaskManager memory must be defined (resource.memory, resources on main, or Flink memory config).'),
  r('FLINK-MEMORY-PARSE', 'error', ALL, '`resource.memory` must parse as a Flink MemorySize or a Kubernetes quantity.'),
  r('FLINK-EPHEMERAL-STORAGE-PARSE', 'error', ALL, '`resource.ephemeralStorage` must parse as a Kubernetes quantity.'),
  r('FLINK-RESOURCES-QUANTITY', 'error', RESOURCES, '`resources` quantities: memory and cpu > 0 and parseable, others ≥ 0.'),
  r('FLINK-RESOURCES-REQUEST-ABOVE-LIMIT', 'error', RESOURCES, '`resources` cpu/memory request must not exceed its limit.'),
  r('FLINK-SERVICE-ACCOUNT', 'error', ALL, '`spec.serviceAccount` must be set.'),
  r('FLINK-AUTOSCALER-RANGE', 'error', ALL, 'Autoscaler options must be numbers within their ranges when the autoscaler is enabled.'),
  r('FLINK-AUTOSCALER-METRICS-WINDOW', 'error', RESOURCES, 'The autoscaler metrics window must not be smaller than the operator reconcile interval (kubernetes.operator.reconcile.interval, or its deprecated key kubernetes.operator.reconciler.reschedule.interval).'),
  // Issue 14: what the operator and Flink really run (merged pod templates, merged configuration, Flink's start-up checks)
  r('POD-MERGE-OVERWRITE', 'warning', ALL, 'The operator merges podTemplate with jobManager/taskManager.podTemplate by list position (FlinkUtils.mergePodTemplates): an element at the same index with another name is overwritten, a scalar is ignored, a duplicate name collapses.'),
  r('POD-DUPLICATE-NAME', 'error', ALL, 'Two containers (init containers included) or two volumes of one name, in a pod template or in the pod the operator merges from the templates: the API server rejects it.'),
  r('POD-MAIN-CONTAINER', 'error', ALL, 'The merged pod has more than one flink-main-container: Flink runs in the last and drops the others.'),
  r('POD-VOLUME-SOURCE', 'error', ALL, 'A volume of the merged pod has more than one source (positional merging combined two volumes): the API server rejects it.'),
  r('POD-VOLUME-NOT-FOUND', 'error', ALL, 'A volumeMount (with or without subPath) of the merged pod names a volume the merged pod does not have.'),
  r('POD-AGENT-WIRING-LOST', 'error', ALL, 'The gate agent volume, init container or jar mount does not survive the pod-template merge (manifest wiring, or the FLIP-504 operator\'s ADVANCED injection).'),
  r('FLINK2-OVERLAPPING-KEYS', 'error', ALL, 'Flink 2.x: a configuration key that is a dotted prefix of another (high-availability + high-availability.storageDir): FlinkConfMountDecorator fails the deployment after admission (FLINK-37405).'),
  r('FLINK2-RENAMED-KEY', 'warning', ALL, 'Flink 2.x: a 1.x configuration name Flink 2 replaced (deprecated or removed); the fix names the key Flink 2 reads.'),
  r('FLINK-HA-STORAGE-DIR', 'error', ALL, 'High availability (kubernetes, zookeeper) without high-availability.storageDir: the JobManager fails at start-up (HighAvailabilityServicesUtils).'),
  r('FLINK-MEMORY-SIZE-CONFIG', 'error', ALL, 'A jobmanager/taskmanager.memory.* size Flink\'s MemorySize.parse refuses (unknown unit, decimals): the cluster fails at start-up.'),
  r('FLINK-AUTOSCALER-EXCLUDED-PERIODS', 'error', ALL, '`job.autoscaler.excluded.periods` entries: a Quartz cron expression, a daily range HH:mm:ss-HH:mm:ss, or one of each joined by && (CalendarUtils).'),
  r('BG-CHILD-INGRESS', 'warning', BG, 'spec.template.spec.ingress: the operator prefixes the child\'s template with blue-/green- (BlueGreenUtils.prepareFlinkDeployment); a missing template becomes "blue-null", a scheme becomes the host "blue-http".'),
  r('FLINK-DURATION-CONFIG', 'error', ALL, 'A Flink duration option (checkpoint interval/timeout, restart delays, ...) that TimeUtils.parseDuration refuses (ISO-8601, decimals): the job fails at start.'),
  r('FLINK-TASK-SLOTS', 'error', ALL, '`taskmanager.numberOfTaskSlots` must be an integer ≥ 1.'),
  r('FLINK-MEMORY-NO-UNIT', 'warning', ALL, 'A memory size without a unit is bytes in Flink (MemorySize.parse) and in resource.memory: "2048" is 2 KiB.'),
  // Blue/green
  r('BG-NAME', 'error', BG, 'FlinkBlueGreenDeployment name: lower-case alphanumerics or "-", starts with a letter, ends alphanumeric.'),
  r('BG-NAME-LENGTH', 'error', BG, 'FlinkBlueGreenDeployment name ≤ 39 characters, so the child `<name>-green` stays within 45.'),
  r('BG-APPLICATION-MODE', 'error', BG, 'Blue/green supports application mode only: `spec.template.spec.job` is required.'),
  r('BG-SAVEPOINT-DIR', 'error', BG, 'Every transition of a non-stateless blue/green job takes a savepoint: a savepoint directory is required.'),
  r('BG-INGRESS-TEMPLATE', 'error', BG, '`spec.ingress.template` must be set when `spec.ingress` is.'),
  r('BG-CONFIG-STRING', 'error', BG, '`spec.configuration` values must be strings (quote numbers and booleans).'),
  r('BG-CONFIG-DURATION', 'error', BG, '`kubernetes.operator.bluegreen.*` values must be Flink durations ("10 s", "5 min").'),
  r('BG-CONFIG-UNKNOWN-KEY', 'warning', BG, 'A `spec.configuration` key the blue/green controller of the target build does not read.'),
  r('BG-TEMPLATE-METADATA', 'warning', BG, '`spec.template.metadata` labels/annotations are not copied to the child deployments.'),
  r('BG-SUSPENDED-INITIAL', 'warning', BG, 'A suspended template blocks the first (blue) deployment until the job is set to running.'),
  // FLIP-504 gate
  r('GATE-STRATEGY-MISSING', 'error', F504, 'ADVANCED transition mode requires `bluegreen.gate.strategy` in the template flinkConfiguration.'),
  r('GATE-STRATEGY-VALUE', 'error', ALL, '`bluegreen.gate.strategy` must be exactly `WATERMARK`.'),
  r('GATE-EXTRACTOR-COUNT', 'error', ALL, 'Exactly one watermark extractor (field-path | extractor-class | field-index) with injection enabled, none with injection disabled.'),
  r('GATE-EXTRACTOR-FIELD-INDEX', 'error', F504, 'PR #1043 builds reject `field-index` as the only extractor (newer FLIP-504 builds accept it).'),
  r('GATE-INJECTION-POSITION', 'error', ALL, '`bluegreen.gate.injection.position` must be BEFORE_SINK or AFTER_SOURCE.'),
  r('GATE-INJECTION-ENABLED', 'error', ALL, '`bluegreen.gate.injection.enabled` must be "true" or "false".'),
  r('GATE-TIMEOUT', 'error', F504, 'The gate timeout (default: abort grace period) must be longer than the deployment deletion delay.'),
  r('GATE-STATELESS', 'error', F504, 'ADVANCED transitions need state: `upgradeMode: stateless` is rejected.'),
  r('GATE-NESTED-KEY', 'error', F504, 'Gate keys and `env.java.opts.jobmanager` must be flat dotted keys: the operator looks them up literally.'),
  r('GATE-RESERVED-KEY', 'error', F504, 'The operator sets `bluegreen.active-deployment-type` and `bluegreen.configmap.name` on each child.'),
  r('GATE-WIRING-COLLISION', 'error', F504, 'In ADVANCED mode the operator injects the agent wiring; the same volume/init container/mount in the template makes the JobManager pod invalid.'),
  r('GATE-KEYS-IGNORED', 'warning', ALL, '`bluegreen.gate.*` keys on a blue/green deployment that will not run a gate are ignored.'),
  // Manifest-wired gate on a plain FlinkDeployment
  r('WIRED-IDENTITY', 'error', ALL, 'A gate job needs `bluegreen.active-deployment-type` (BLUE|GREEN) and `bluegreen.configmap.name`, else the gate silently does not run.'),
  r('WIRED-INJECTION-ENABLED', 'error', ALL, 'Gate keys without `bluegreen.gate.injection.enabled: "true"`: the agent does nothing.'),
  r('WIRED-AGENT-VOLUME', 'error', ALL, 'Exactly one `bluegreen-agent` volume in the JobManager pod template.'),
  r('WIRED-AGENT-INIT-CONTAINER', 'error', ALL, 'Exactly one `bluegreen-agent-init` init container in the JobManager pod template.'),
  r('WIRED-AGENT-MOUNT', 'error', ALL, 'Exactly one mount of the agent jar at /opt/flink/lib/bluegreen-agent.jar (with subPath) in flink-main-container.'),
  r('WIRED-JAVAAGENT', 'error', ALL, '`-javaagent:/opt/flink/lib/bluegreen-agent.jar` exactly once in `env.java.opts.jobmanager`.'),
  r('WIRED-STATEFUL', 'warning', ALL, 'A gate job is normally stateful; a stateless one starts the new colour empty.'),
  // The gate beyond one cluster: state, idleness, targets (issue 18; test/gate-model shows each effect)
  r('GATE-POSITION-STATE', 'warning', ALL, 'AFTER_SOURCE on a stateful job: the new job restores state from the savepoint and never sees the records between the savepoint and the cutover time, so state spanning the cutover misses them.'),
  r('GATE-IDLE-SOURCES', 'warning', ALL, 'Idle sources (table.exec.source.idle-timeout, scan.watermark.idle-timeout): watermarks advance without them, differently in each job, so late records of idle subtasks may be lost or duplicated at the cutover.'),
  r('GATE-CONFIGMAP-MISMATCH', 'error', ALL, 'The gate ConfigMaps of one job\'s two targets (clusters or namespaces) must hold the same data: each gate reads only its own.'),
  r('GATE-SAVEPOINT-LOCAL', 'error', ALL, 'A colour in another cluster or namespace restores from a savepoint on local storage (file://, local://, a bare path) it cannot read.'),
  // Run-time only
  r('RUNTIME-WATERMARKS', 'warning', ALL, 'The gate needs event-time watermarks; without them no cutover happens.'),
  r('RUNTIME-JAVA17', 'warning', ALL, 'The gate agent needs a Java 17 JobManager image.'),
  r('RUNTIME-CLIENT-LIBRARY', 'warning', ALL, 'The job jar must bundle flink-kubernetes-operator-bluegreen-client.'),
  r('RUNTIME-SINGLE-SOURCE-SINK', 'warning', ALL, 'The gate position needs exactly one sink (BEFORE_SINK) or one source (AFTER_SOURCE).'),
  // Other Flink kinds: FlinkSessionJob and FlinkStateSnapshot (DefaultValidator.validateSessionJob,
  // validateStateSnapshot, StateSnapshotReconciler), unknown kinds of the group, and the rules that
  // need two objects of the input (a session job and its cluster, a snapshot and its job).
  r('FLINK-UNKNOWN-KIND', 'error', ALL, 'An object of group flink.apache.org whose kind no CRD of the target operator defines.'),
  r('SESSIONJOB-DEPLOYMENT-NAME', 'error', ALL, '`spec.deploymentName` must name the session cluster: the FlinkDeployment name pattern, at most 45 characters.'),
  r('SESSIONJOB-JOB-MISSING', 'error', ALL, 'A FlinkSessionJob needs `spec.job`.'),
  r('SESSIONJOB-JAR-URI', 'error', JAR_URI, '`job.jarURI` must be a URI with a scheme in the operator allowlist (kubernetes.operator.user.artifacts.allowed-schemes, default https).'),
  r('SESSIONJOB-JAR-URI-HOST', 'error', JAR_URI, 'An http(s) `job.jarURI` needs a host that is not loopback, link-local, site-local, wildcard or multicast (judged for IP literals and localhost).'),
  r('SESSIONJOB-PARALLELISM', 'error', ALL, '`job.parallelism` of a session job must be ≥ 1.'),
  r('SESSIONJOB-CHECKPOINT-DIR', 'error', ALL, 'last-state and savepoint session jobs need a checkpoint directory in the session cluster\'s or the job\'s configuration.'),
  r('SESSIONJOB-SAVEPOINT-DIR', 'error', ALL, 'Savepoint upgrades, savepointTriggerNonce, periodic savepoints and the last-state max checkpoint age need a savepoint directory in the cluster\'s or the job\'s configuration.'),
  r('SESSIONJOB-APPLICATION-CLUSTER', 'error', ALL, '`spec.deploymentName` names an application cluster (a FlinkDeployment with a job, or a blue/green deployment).'),
  r('SNAPSHOT-TYPE', 'error', ALL, 'A FlinkStateSnapshot sets exactly one of `spec.checkpoint` and `spec.savepoint`.'),
  r('SNAPSHOT-JOB-REFERENCE', 'error', ALL, '`spec.jobReference` (kind and name) is required unless the savepoint `alreadyExists`.'),
  r('SNAPSHOT-ALREADY-EXISTS-PATH', 'warning', ALL, 'A savepoint registered with `alreadyExists: true` and no `path` completes with no path to restore from.'),
  r('SNAPSHOT-TARGET-KIND', 'error', ALL, '`jobReference` names an object of another kind in the input (or a blue/green deployment, whose jobs are `<name>-blue`/`<name>-green`).'),
  r('SNAPSHOT-TARGET-NO-JOB', 'error', ALL, '`jobReference` names a session cluster: it has no job to snapshot.'),
  r('SNAPSHOT-TARGET-SUSPENDED', 'warning', ALL, '`jobReference` names a suspended job: the snapshot is abandoned.'),
  r('SNAPSHOT-SAVEPOINT-PATH', 'error', ALL, 'A savepoint without `path` needs a savepoint directory in the configuration of the job it names.'),
  r('SNAPSHOT-CHECKPOINT-FLINK-VERSION', 'error', ALL, 'Checkpoints can be triggered only on Flink 1.17 and newer.'),
  // Security (warnings; errors with --strict / strict synthesis)
  r('SEC-PLAINTEXT-CREDENTIAL', 'warning', ALL, 'A password, secret key, access key or token as a literal value in flinkConfiguration or spec.configuration.'),
  r('SEC-PRIVILEGED-CONTAINER', 'warning', ALL, 'A privileged container, allowed privilege escalation, or added Linux capabilities in a pod template.'),
  r('SEC-ROOT-CONTAINER', 'warning', ALL, 'A pod or container in a pod template set to run as root (runAsUser: 0 or runAsNonRoot: false).'),
  r('SEC-NO-SERVICE-ACCOUNT-TOKEN', 'warning', ALL, '`automountServiceAccountToken: false` on a Flink pod: Flink (and the gate) use the API server with the pod\'s token.'),
  r('SEC-UNPINNED-IMAGE', 'warning', ALL, 'An image without a tag or digest, or tagged `latest`.'),
  r('SEC-BROAD-GATE-ROLE', 'warning', ALL, 'Gate RBAC granting more than get/list/watch/update on the one gate ConfigMap, or a ClusterRole.'),
  // Object metadata and identity, any kind (src/validation/rules/metadata.ts; apimachinery validation)
  r('META-NAME', 'error', ALL, 'metadata.name is set and valid for the kind: DNS-1123 subdomain (most kinds), DNS-1123 label (Namespace), DNS-1035 label (Service), path segment (RBAC).'),
  r('META-NAMESPACE', 'error', ALL, 'metadata.namespace is a DNS-1123 label (lower-case alphanumerics and "-", at most 63 characters).'),
  r('META-LABEL', 'error', ALL, 'Label keys are qualified names ([prefix/]name, name ≤ 63) and values ≤ 63 alphanumerics, "-", "_", "." (or empty).'),
  r('META-ANNOTATION', 'error', ALL, 'Annotation keys are qualified names and values are strings.'),
  r('META-ANNOTATIONS-SIZE', 'error', ALL, 'Annotation keys and values total at most 256 KiB per object.'),
  r('IMAGE-REFERENCE', 'error', ALL, 'Images follow the reference grammar [registry[:port]/]path[:tag][@digest] (distribution/reference); the kubelet refuses others.'),
  r('META-DUPLICATE-OBJECT', 'error', ALL, 'One object per API group, kind, namespace and name across the whole input (or app).'),
];

const BY_ID = new Map(RULES.map((x) => [x.id, x]));

/** The catalogue entry of a rule id, if there is one (a Map lookup: suppressions ask for every annotation of every object). */
export function findRule(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}

export function ruleInfo(id: string): RuleInfo {
  const info = BY_ID.get(id);
  if (!info) throw new Error(`internal: unknown rule id ${id}`);
  return info;
}

/** What a rule reports; severity comes from the catalogue. */
export interface FindingInput {
  readonly path: string;
  readonly message: string;
  readonly fix: string;
  readonly value?: unknown;
  readonly operatorMessage?: string;
}

export function finding(rule: string, input: FindingInput): Finding {
  const out: { -readonly [K in keyof Finding]: Finding[K] } = {
    rule,
    severity: ruleInfo(rule).severity,
    path: input.path,
    message: input.message,
    fix: input.fix,
  };
  if (input.value !== undefined) out.value = input.value;
  if (input.operatorMessage !== undefined) out.operatorMessage = input.operatorMessage;
  return out;
}

/** Renders a value for a message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  // A message must stay readable (and small) whatever the input holds.
  if (typeof value === 'string') return value.length > 200 ? `${JSON.stringify(value.slice(0, 120))}… (${value.length} characters)` : JSON.stringify(value);
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? s.slice(0, 77) + '...' : s;
  } catch {
    return String(value);
  }
}
