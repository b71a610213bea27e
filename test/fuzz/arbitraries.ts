/**
 * fast-check generators of well-typed job definitions for the public constructs: every prop of
 * FlinkJob and BlueGreenFlinkJob, both injection modes, every operator version, gate options,
 * cutover histories and the escape hatches (flinkConfiguration, pod templates). Values are
 * mostly valid, with a share of invalid ones (bad names, zero parallelism, conflicting escape
 * hatches, agent names in user templates…) so that both the accepted and the refused paths run.
 */
import fc from 'fast-check';
import {
  AgentInjection,
  type BlueGreenFlinkJobProps,
  ClusterTarget,
  type ColourTargets,
  Colour,
  Cutover,
  Duration,
  FlinkVersion,
  type FlinkJobProps,
  Gate,
  GatePosition,
  HighAvailability,
  ImagePullPolicy,
  JobState,
  Logging,
  OperatorVersion,
  UpgradeMode,
  type FlinkSpecProps,
  type JobProps,
  type PodTemplate,
} from '../../src';
import type { SpecOverrides } from '../../src/cutover';

/** One generated job: which construct, its props, and the namespace of the chart around it. */
export type JobDefinition =
  | { readonly construct: 'FlinkJob'; readonly chartNamespace?: string; readonly props: FlinkJobProps }
  | { readonly construct: 'BlueGreenFlinkJob'; readonly chartNamespace?: string; readonly props: BlueGreenFlinkJobProps };

/**
 * An optional prop: absent once in `absentOneIn` cases, present otherwise (default: half the time).
 * Shrinks towards absent. (fast-check's `fc.option(arb, { freq })` yields nil once in `freq`, so
 * `freq: 1` means "always nil": that default once left 25 props out of every generated job.)
 */
export function opt<T>(arb: fc.Arbitrary<T>, absentOneIn = 2): fc.Arbitrary<T | undefined> {
  if (!(absentOneIn >= 2)) throw new Error(`opt(): absentOneIn must be at least 2 (1 would never generate the prop), got ${absentOneIn}`);
  return fc.oneof({ withCrossShrink: true }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: absentOneIn - 1, arbitrary: arb });
}

/** Drops undefined values so that props look hand-written (`{ a: undefined }` is not the same for zod's strictObject). */
type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & { [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined> };
function compact<T extends object>(o: T): Compact<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Compact<T>;
}

// ---- names ---------------------------------------------------------------------------------

const lowerAlnum = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const dnsChar = fc.constantFrom(...lowerAlnum, '-');

/** A DNS-1123 label of the given length range (valid Kubernetes object name). */
export const dnsLabel = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')), fc.array(dnsChar, { minLength: Math.max(0, minLength - 2), maxLength: Math.max(0, maxLength - 2) }), fc.constantFrom(...lowerAlnum))
    .map(([a, mid, z]) => (minLength <= 1 && mid.length === 0 ? a : `${a}${mid.join('')}${z}`));

/** Job names: mostly short, some around the 39/45-character limits, a few invalid. */
export const jobName: fc.Arbitrary<string> = fc.oneof(
  { weight: 24, arbitrary: dnsLabel(1, 30) },
  { weight: 3, arbitrary: dnsLabel(36, 50) },
  { weight: 1, arbitrary: fc.constantFrom('Orders', 'orders_enrichment', 'orders.', '-orders', 'a.b.c', 'x'.repeat(64)) },
);

const namespace = opt(fc.oneof({ weight: 40, arbitrary: dnsLabel(1, 20) }, { weight: 1, arbitrary: fc.constantFrom('Streaming', 'kube_system') }), 3);

const labelKey = fc.oneof(dnsLabel(1, 12), fc.constantFrom('app.kubernetes.io/name', 'team', 'example.com/owner'));
const labelValue = fc.oneof(dnsLabel(1, 12), fc.constant(''));
const stringMap = (key: fc.Arbitrary<string>, value: fc.Arbitrary<string>, maxKeys = 3) =>
  fc.dictionary(key, value, { maxKeys, noNullPrototype: true });

// ---- enum-likes and durations --------------------------------------------------------------

export const operatorVersion = opt(fc.constantFrom(...OperatorVersion.all()), 5);
const flinkVersion = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(FlinkVersion.V1_15, FlinkVersion.V1_16, FlinkVersion.V1_17, FlinkVersion.V1_18, FlinkVersion.V1_19, FlinkVersion.V1_20, FlinkVersion.V2_0, FlinkVersion.V2_1, FlinkVersion.V2_2) },
  { weight: 2, arbitrary: fc.constantFrom(FlinkVersion.V2_3, FlinkVersion.V2_4) },
  { weight: 1, arbitrary: fc.constantFrom(FlinkVersion.of('v1_13'), FlinkVersion.of('v9_9')) },
);
const upgradeMode = opt(fc.constantFrom(UpgradeMode.SAVEPOINT, UpgradeMode.LAST_STATE, UpgradeMode.STATELESS), 5);

export const duration: fc.Arbitrary<Duration> = fc.oneof(
  fc.integer({ min: 0, max: 5000 }).map(Duration.millis),
  fc.integer({ min: 1, max: 600 }).map(Duration.seconds),
  fc.integer({ min: 1, max: 120 }).map(Duration.minutes),
  fc.integer({ min: 1, max: 48 }).map(Duration.hours),
);

const image = fc.oneof(
  { weight: 16, arbitrary: fc.constantFrom('flink:1.20.1-java17', 'flink:2.0.0-java17', 'registry.example.com/streaming/orders:2.3.1', 'registry.example.com:5000/team/job:1.0.0-java17') },
  { weight: 1, arbitrary: fc.constantFrom('flink', 'flink:latest', 'flink:1.20.1-java11', `flink@sha256:${'a'.repeat(64)}`) },
  { weight: 1, arbitrary: dnsLabel(1, 10).map((r) => `registry.example.com/${r}:1.0.0`) },
);

const s3Dir = (what: string) => fc.oneof({ weight: 20, arbitrary: dnsLabel(1, 10).map((b) => `s3://flink-state/${b}/${what}`) }, { weight: 1, arbitrary: fc.constantFrom(`/local/${what}`, `hdfs:///flink/${what}`, 'relative/dir') });

// ---- job, components, pod templates --------------------------------------------------------

const job: fc.Arbitrary<JobProps> = fc
  .record({
    jarURI: opt(fc.constantFrom('local:///opt/flink/usrlib/job.jar', 'local:///opt/flink/examples/streaming/StateMachineExample.jar', 's3://artifacts/job.jar', 'https://example.com/job.jar'), 5),
    entryClass: opt(fc.constantFrom('com.example.Main', 'org.apache.flink.Job')),
    args: opt(fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 })),
    parallelism: fc.oneof({ weight: 40, arbitrary: fc.integer({ min: 1, max: 64 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1) }),
    upgradeMode,
    state: opt(fc.constantFrom(JobState.RUNNING, JobState.SUSPENDED)),
    allowNonRestoredState: opt(fc.boolean()),
    initialSavepointPath: opt(s3Dir('savepoints/savepoint-1')),
    savepointRedeployNonce: opt(fc.integer({ min: 0, max: 1000 })),
  })
  .map(compact);

const memory = fc.oneof({ weight: 24, arbitrary: fc.constantFrom('1024m', '1600m', '2048m', '2g', '2Gi', '4096m', '4g') }, { weight: 1, arbitrary: fc.constantFrom('2 GB', 'lots', '0') });

const container = (names: fc.Arbitrary<string>) =>
  fc
    .record({
      name: names,
      image: opt(fc.constantFrom('busybox:1.36', 'fluent/fluent-bit:3.0', 'envoyproxy/envoy:v1.30.0'), 3),
      volumeMounts: opt(fc.array(fc.record({ name: fc.constantFrom('logs', 'config', 'bluegreen-agent'), mountPath: fc.constantFrom('/var/log/app', '/etc/config', '/opt/flink/lib/bluegreen-agent.jar') }), { maxLength: 2 })),
      env: opt(fc.array(fc.record({ name: fc.constantFrom('A', 'B'), value: fc.constantFrom('1', '2') }), { maxLength: 2 })),
    })
    .map(compact);

const volume = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('logs', 'config', 'cache').map((name) => ({ name, emptyDir: {} })) },
  { weight: 1, arbitrary: fc.constant({ name: 'bluegreen-agent', emptyDir: {} }) },
);

/** Pod templates with extra containers (sidecars, the main container with mounts), init containers and volumes. */
export const podTemplate: fc.Arbitrary<PodTemplate> = fc
  .record({
    metadata: opt(fc.record({ labels: opt(stringMap(labelKey, labelValue)), annotations: opt(stringMap(labelKey, fc.string({ maxLength: 8 }))) }).map(compact), 2),
    spec: opt(
      fc
        .record({
          containers: opt(fc.uniqueArray(container(fc.oneof({ weight: 4, arbitrary: fc.constantFrom('flink-main-container', 'sidecar', 'log-shipper') }, { weight: 1, arbitrary: fc.constant('bluegreen-agent-init') })), { maxLength: 3, selector: (c) => c.name })),
          initContainers: opt(fc.uniqueArray(container(fc.oneof({ weight: 4, arbitrary: fc.constantFrom('fetch-config', 'wait-for-kafka') }, { weight: 1, arbitrary: fc.constant('bluegreen-agent-init') })), { maxLength: 2, selector: (c) => c.name })),
          volumes: opt(fc.uniqueArray(volume, { maxLength: 3, selector: (v) => v.name })),
          securityContext: opt(fc.constant({ runAsUser: 9999, fsGroup: 9999 })),
        })
        .map(compact),
      4,
    ),
  })
  .map(compact);

const resources = fc
  .record({
    requests: opt(fc.record({ memory: memory, cpu: opt(fc.constantFrom('500m', '1', 2)) }).map(compact)),
    limits: opt(fc.record({ memory: opt(memory), cpu: opt(fc.constantFrom('1', 2)) }).map(compact)),
  })
  .map(compact);

const component = fc
  .record({
    memory: fc.oneof({ weight: 60, arbitrary: memory }, { weight: 1, arbitrary: fc.constant(undefined) }),
    cpu: opt(fc.oneof(fc.constantFrom(0.5, 1, 2, 4), fc.double({ min: 0.1, max: 8, noNaN: true })), 3),
    ephemeralStorage: opt(fc.constantFrom('10Gi', '500Mi')),
    resources: opt(resources, 6),
    podTemplate: opt(podTemplate, 5),
  })
  .map(compact);

const jobManager = fc
  .tuple(component, opt(fc.oneof({ weight: 6, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 3 }) }), 3))
  .map(([c, replicas]) => compact({ ...c, replicas }));
const taskManager = fc.tuple(component, opt(fc.integer({ min: 1, max: 8 }), 4)).map(([c, replicas]) => compact({ ...c, replicas }));

// ---- flinkConfiguration escape hatch -------------------------------------------------------

/** Extra keys: free ones, keys a typed prop also sets (same or different value), aliases, construct-owned `bluegreen.*`. */
const configKey = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('kubernetes.operator.periodic.savepoint.interval', 'pipeline.max-parallelism', 'state.backend.type', 'metrics.reporter.prom.factory.class', 'restart-strategy.type', 'taskmanager.memory.managed.fraction', 'env.java.opts.all', 'env.java.opts.taskmanager') },
  { weight: 2, arbitrary: fc.constantFrom('taskmanager.numberOfTaskSlots', 'state.checkpoints.dir', 'state.savepoints.dir', 'execution.checkpointing.interval', 'high-availability.type', 'high-availability.storageDir', 'env.java.opts.jobmanager') },
  { weight: 1, arbitrary: fc.constantFrom('execution.checkpointing.dir', 'execution.checkpointing.savepoint-dir', 'high-availability', 'bluegreen.gate.strategy', 'kubernetes.operator.job.upgrade.last-state-fallback.enabled') },
  { weight: 4, arbitrary: fc.tuple(dnsLabel(1, 8), dnsLabel(1, 8)).map(([a, b]) => `custom.${a}.${b}`) },
);
const configValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('6 h', '128', 'rocksdb', 'true', 'false', 'kubernetes', '2', '30 s', '-XX:+UseG1GC', 's3://flink-state/job/checkpoints', '0.4', 'fixed-delay') },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
export const flinkConfiguration = stringMap(configKey, configValue, 4);

/** Ingress props (the job's `ingress` and a blue/green job's `activeIngress`). */
const ingress = fc
  .record({
    template: fc.constantFrom('flink.example.com/{{namespace}}/{{name}}', '{{name}}.flink.example.com'),
    className: opt(fc.constantFrom('nginx', 'traefik')),
    annotations: opt(stringMap(labelKey, fc.constantFrom('true', '/$2'))),
    labels: opt(stringMap(labelKey, labelValue)),
    tls: opt(fc.array(fc.record({ hosts: opt(fc.array(fc.constant('flink.example.com'), { minLength: 1, maxLength: 1 })), secretName: opt(fc.constant('flink-tls')) }).map(compact), { minLength: 1, maxLength: 1 })),
  })
  .map(compact);

// ---- the shared spec -----------------------------------------------------------------------

const specProps: fc.Arbitrary<FlinkSpecProps> = fc
  .record({
    image,
    imagePullPolicy: opt(fc.constantFrom(ImagePullPolicy.ALWAYS, ImagePullPolicy.IF_NOT_PRESENT, ImagePullPolicy.NEVER)),
    flinkVersion,
    serviceAccount: opt(fc.oneof({ weight: 6, arbitrary: dnsLabel(1, 12) }, { weight: 1, arbitrary: fc.constant('Flink_SA') })),
    job,
    jobManager,
    taskManager,
    taskSlots: opt(fc.integer({ min: 1, max: 16 })),
    checkpointsDir: opt(s3Dir('checkpoints'), 4),
    savepointsDir: opt(s3Dir('savepoints'), 4),
    checkpointInterval: opt(duration),
    highAvailability: opt(s3Dir('ha').map((storageDir) => HighAvailability.kubernetes({ storageDir })), 2),
    jobManagerJvmOptions: opt(fc.constantFrom('-XX:+UseG1GC', '-Xss1m -XX:+UseG1GC', '', '-javaagent:/opt/flink/lib/bluegreen-agent.jar', '-Dfoo=bar  -Dbaz=qux')),
    logging: opt(fc.oneof(fc.constant(Logging.log4j('rootLogger.level = INFO\n')), fc.constant(Logging.logback('<configuration/>')))),
    ingress: opt(ingress),
    podLabels: opt(stringMap(labelKey, labelValue)),
    podAnnotations: opt(stringMap(labelKey, fc.constantFrom('true', '9249'))),
    flinkConfiguration: opt(flinkConfiguration, 2),
    podTemplate: opt(podTemplate, 2),
  })
  .map(compact);

/** Suppression annotations for the run-time warnings (their reason is mandatory), or other annotations. */
const objectAnnotations = opt(
  fc.oneof(
    stringMap(labelKey, fc.string({ maxLength: 10 })),
    fc.constant({
      'flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY': 'bundled',
      'flink.bluegreen/ignore-RUNTIME-WATERMARKS': 'assigned at the source',
      'flink.bluegreen/ignore-RUNTIME-SINGLE-SOURCE-SINK': 'one of each',
    }),
  ),
);

const objectProps = fc.record({
  name: jobName,
  namespace,
  operatorVersion,
  labels: opt(stringMap(labelKey, labelValue)),
  annotations: objectAnnotations,
});

// ---- coherence -----------------------------------------------------------------------------

const K8S_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const AGENT_NAMES = new Set(['bluegreen-agent', 'bluegreen-agent-init']);
const FREE_CONFIG_KEY = /^(custom\.|kubernetes\.operator\.periodic\.savepoint\.interval$|pipeline\.max-parallelism$|state\.backend\.type$|metrics\.reporter\.prom\.factory\.class$|restart-strategy\.type$|taskmanager\.memory\.managed\.fraction$|env\.java\.opts\.(all|taskmanager)$)/;
const GOOD_MEMORY = /^\d+(m|g|Gi)$/;
const SUPPORTED_FLINK = new Set(['v1_15', 'v1_16', 'v1_17', 'v1_18', 'v1_19', 'v1_20', 'v2_0', 'v2_1', 'v2_2', 'v2_3', 'v2_4']);

/** A pod template without the agent's names and mount path (the construct or the operator adds those). */
function coherentPodTemplate(t: PodTemplate | undefined): PodTemplate | undefined {
  if (!t?.spec) return t;
  const keep = (items: readonly any[] | undefined) => items?.filter((i) => !AGENT_NAMES.has(i.name)).map((c) => (c.volumeMounts ? compact({ ...c, volumeMounts: c.volumeMounts.filter((m: any) => !AGENT_NAMES.has(m.name) && m.mountPath !== '/opt/flink/lib/bluegreen-agent.jar') }) : c));
  const containers = keep(t.spec.containers as any[]);
  const initContainers = keep(t.spec.initContainers as any[]);
  // Every mount names a volume of the same template (POD-VOLUME-NOT-FOUND otherwise: Kubernetes refuses the pod).
  const volumes = [...(keep(t.spec.volumes as any[]) ?? [])];
  for (const c of [...(containers ?? []), ...(initContainers ?? [])]) {
    for (const m of c.volumeMounts ?? []) if (!volumes.some((v) => v.name === m.name)) volumes.push({ name: m.name, emptyDir: {} });
  }
  return compact({ ...t, spec: compact({ ...t.spec, containers, initContainers, volumes: volumes.length > 0 ? volumes : undefined }) }) as PodTemplate;
}

function coherentComponent<C extends Record<string, any>>(c: C | undefined, resourcesAllowed: boolean): C | undefined {
  if (!c) return c;
  const memory = (m: unknown) => (typeof m === 'string' && !GOOD_MEMORY.test(m) ? '2048m' : m);
  const requests = c.resources?.requests ? compact({ ...c.resources.requests, memory: memory(c.resources.requests.memory) }) : undefined;
  // A limit below the request is refused (FLINK-RESOURCES-REQUEST-ABOVE-LIMIT): limits equal the requests they name.
  const limits = c.resources?.limits ? compact({ ...c.resources.limits, memory: requests?.memory ?? memory(c.resources.limits.memory), cpu: requests?.cpu ?? c.resources.limits.cpu }) : undefined;
  return compact({
    ...c,
    memory: c.memory === undefined && !requests?.memory && !limits?.memory ? '2048m' : memory(c.memory),
    resources: resourcesAllowed && (requests || limits) ? compact({ requests, limits }) : undefined,
    podTemplate: coherentPodTemplate(c.podTemplate),
  }) as unknown as C;
}

/**
 * Repairs what the validation rules would refuse (invalid names and values, operator-version
 * mismatches, stateful jobs without directories, colliding escape hatches), keeping every prop
 * that is fine: a coherent definition is meant to be accepted, so that the invariants on accepted
 * output run on most cases. Incoherent definitions (a sixth) keep every mistake for the refusals.
 */
function coherentSpec<P extends FlinkJobProps | BlueGreenFlinkJobProps>(p: P, construct: JobDefinition['construct']): P {
  const version = p.operatorVersion ?? OperatorVersion.DEFAULT;
  const stateful = p.job.upgradeMode !== undefined && p.job.upgradeMode !== UpgradeMode.STATELESS;
  const dir = (d: string | undefined, what: string) => (d === undefined || !d.startsWith('s3://') ? `s3://flink-state/${what}` : d);
  const limit = construct === 'FlinkJob' ? 45 : 39;
  let name = K8S_NAME.test(p.name) ? p.name : 'orders';
  if (name.length > limit) name = name.slice(0, limit).replace(/-+$/, '');
  const jmReplicas = p.jobManager!.replicas;
  const config = p.flinkConfiguration ? Object.fromEntries(Object.entries(p.flinkConfiguration).filter(([k]) => FREE_CONFIG_KEY.test(k))) : undefined;
  return compact({
    ...p,
    name,
    namespace: p.namespace !== undefined && K8S_NAME.test(p.namespace) ? p.namespace : undefined,
    serviceAccount: p.serviceAccount !== undefined && K8S_NAME.test(p.serviceAccount) ? p.serviceAccount : undefined,
    flinkVersion: SUPPORTED_FLINK.has(p.flinkVersion!.value) ? p.flinkVersion : FlinkVersion.V1_20,
    job: compact({ ...p.job, parallelism: Math.max(1, p.job.parallelism), initialSavepointPath: p.job.initialSavepointPath === undefined ? undefined : dir(p.job.initialSavepointPath, 'savepoints/savepoint-1') }),
    jobManager: coherentComponent(p.jobManager, version.hasResourceRequirements),
    taskManager: coherentComponent(p.taskManager, version.hasResourceRequirements),
    checkpointsDir: stateful || p.checkpointsDir !== undefined ? dir(p.checkpointsDir, 'checkpoints') : undefined,
    savepointsDir: stateful || construct === 'BlueGreenFlinkJob' || p.savepointsDir !== undefined ? dir(p.savepointsDir, 'savepoints') : undefined,
    highAvailability: (jmReplicas ?? 1) > 1 || p.highAvailability ? HighAvailability.kubernetes({ storageDir: dir(p.highAvailability?.storageDir, 'ha') }) : undefined,
    flinkConfiguration: config,
    podTemplate: coherentPodTemplate(p.podTemplate),
  }) as unknown as P;
}

/** Definitions either coherent (repaired, mostly accepted) or left as generated. */
const coherent = fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });

// ---- FlinkJob ------------------------------------------------------------------------------

export const flinkJobDefinition: fc.Arbitrary<JobDefinition> = fc
  .record({ object: objectProps, spec: specProps, chartNamespace: namespace, coherent })
  .map(({ object, spec, chartNamespace, coherent }) => {
    const props = compact({ ...object, ...spec }) as FlinkJobProps;
    return compact({
      construct: 'FlinkJob' as const,
      chartNamespace: coherent && chartNamespace !== undefined && !K8S_NAME.test(chartNamespace) ? undefined : chartNamespace,
      props: coherent ? coherentSpec(props, 'FlinkJob') : props,
    });
  });

// ---- blue/green ----------------------------------------------------------------------------

export const gate: fc.Arbitrary<Gate> = fc
  .record({
    extractor: fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom('eventTime', 'metadata.timestamp', 'bookedAt').map((fieldPath) => ({ fieldPath })) },
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 12 }).map((fieldIndex) => ({ fieldIndex })) },
      { weight: 4, arbitrary: fc.constantFrom('com.example.gate.EventTimeExtractor', 'Extractor').map((extractorClass) => ({ extractorClass })) },
      { weight: 1, arbitrary: fc.constantFrom({}, { fieldPath: 'eventTime', fieldIndex: 2 }, { fieldPath: 'event-time' }, { fieldIndex: -1 }, { fieldIndex: 1.5 }, { extractorClass: 'com.example.' }) },
    ),
    position: opt(fc.constantFrom(GatePosition.BEFORE_SINK, GatePosition.AFTER_SOURCE)),
    beforeUid: opt(fc.constantFrom('sink-uid', 'kafka-sink')),
    timeout: opt(duration, 3),
  })
  .map(({ extractor, position, beforeUid, timeout }) => Gate.watermark(compact({ ...extractor, position, beforeUid, timeout })));

const agentImage = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('ghcr.io/apache/flink-kubernetes-operator:1.16.0-flip504', 'ghcr.io/apache/flink-kubernetes-operator:1.16.0', `registry.example.com/agent@sha256:${'b'.repeat(64)}`) },
  { weight: 1, arbitrary: fc.constantFrom('ghcr.io/apache/flink-kubernetes-operator', 'ghcr.io/apache/flink-kubernetes-operator:latest', 'registry.example.com:5000/agent') },
);
export const injection: fc.Arbitrary<AgentInjection | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.constant(AgentInjection.operator()) },
  { weight: 5, arbitrary: fc.record({ agentImage, agentJarPath: opt(fc.constantFrom('/opt/flink/artifacts/bluegreen-agent.jar', '/agent/agent.jar')) }).map((o) => AgentInjection.manifest(compact(o))) },
);

const overrides: fc.Arbitrary<SpecOverrides | undefined> = opt(
  fc
    .record({
      image: opt(fc.constantFrom('registry.example.com/payments/ledger:5.0.0', 'registry.example.com/payments/ledger:5.1.0-java17', 'flink:2.0.0-java17'), 4),
      job: opt(fc.record({ jarURI: opt(fc.constantFrom('local:///opt/flink/usrlib/v2.jar')), parallelism: opt(fc.integer({ min: 1, max: 16 })) }).map((j) => compact(j) as JobProps)),
      flinkConfiguration: opt(flinkConfiguration),
      jobManager: opt(fc.record({ memory, podTemplate: opt(podTemplate) }).map(compact), 6),
      taskManager: opt(fc.record({ memory: opt(memory, 3), cpu: opt(fc.constantFrom(1, 2)), replicas: opt(fc.integer({ min: 1, max: 4 })) }).map(compact)),
      podTemplate: opt(podTemplate, 6),
      serviceAccount: opt(fc.constantFrom('other-sa', 'Bad_SA'), 4),
      taskSlots: opt(fc.constantFrom(0, 2), 4),
    })
    .map(compact) as fc.Arbitrary<SpecOverrides>,
  2,
);

type CutoverOp = { type: 'cutover'; to: 'same' | 'other'; atOffsetMinutes: number; savepointPath?: string; overrides?: SpecOverrides } | { type: 'complete' };

/**
 * Cutover histories: a start colour and a sequence of steps, mostly well-formed (alternating
 * cutoverTo the other colour with increasing times, then complete), sometimes not.
 */
export const cutover: fc.Arbitrary<Cutover | undefined> = opt(
  fc
    .record({
      colour: fc.constantFrom(Colour.BLUE, Colour.GREEN),
      startOverrides: overrides,
      wellFormed: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      ops: fc.array(
        fc.oneof(
          fc.record({
            type: fc.constant('cutover' as const),
            to: fc.oneof({ weight: 8, arbitrary: fc.constant('other' as const) }, { weight: 1, arbitrary: fc.constant('same' as const) }),
            atOffsetMinutes: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 100_000 }) }, { weight: 1, arbitrary: fc.integer({ min: -1000, max: 0 }) }),
            savepointPath: opt(fc.constantFrom('s3://flink-state/ledger/savepoints/savepoint-3f9a1c', 's3://flink-state/ledger/savepoints/savepoint-77aa01', 'file:///flink/savepoints/savepoint-5d2e'), 6),
            overrides,
          }).map((o) => compact(o) as CutoverOp),
          fc.constant({ type: 'complete' } as CutoverOp),
        ),
        { maxLength: 5 },
      ),
    })
    .map(({ colour, startOverrides, wellFormed, ops }) => {
      let c = Cutover.startOn(colour, compact({ overrides: startOverrides }));
      let active = colour;
      let inProgress = false;
      let at = Date.parse('2026-12-01T02:00:00Z');
      for (const op of ops) {
        if (wellFormed && op.type === 'complete' && !inProgress) continue;
        if (wellFormed && op.type === 'cutover' && inProgress) {
          c = c.complete();
          active = active.other;
          inProgress = false;
        }
        if (op.type === 'complete') {
          c = c.complete();
          if (inProgress) active = active.other;
          inProgress = false;
          continue;
        }
        const to = wellFormed || op.to === 'other' ? active.other : active;
        at += (wellFormed ? Math.abs(op.atOffsetMinutes) + 1 : op.atOffsetMinutes) * 60_000;
        c = c.cutoverTo(to, compact({ at: new Date(at), savepointPath: op.savepointPath, overrides: op.overrides }));
        inProgress = true;
      }
      return c;
    }),
  3,
);

/** Where each colour runs (cluster and/or namespace; local savepoint storage is refused once apart). */
const clusterTarget = fc
  .record({ cluster: opt(fc.constantFrom('eu-west-1', 'eu-central-1', 'EU West', 'us.east-2'), 2), namespace: opt(fc.constantFrom('ledger-a', 'ledger-b', 'Bad_NS'), 2) })
  .map((t) => ClusterTarget.of(compact(t)));
const targets: fc.Arbitrary<ColourTargets | undefined> = opt(fc.record({ blue: opt(clusterTarget, 3), green: opt(clusterTarget, 3) }).map((t) => compact(t) as ColourTargets), 2);

/**
 * Blue/green definitions. Most are coherent (a manifest-wired job has a gate and no
 * operator-only timings; an operator-injected gate targets a FLIP-504 build; cutover histories
 * only with manifest injection), so that many are accepted; the rest mix the choices freely to
 * exercise the refusals.
 */
export const blueGreenDefinition: fc.Arbitrary<JobDefinition> = fc
  .record({
    object: objectProps,
    spec: specProps,
    chartNamespace: namespace,
    gate: opt(gate, 4),
    injection,
    cutover,
    abortGracePeriod: opt(duration, 3),
    reconciliationRescheduleInterval: opt(duration, 2),
    deploymentDeletionDelay: opt(duration, 3),
    activeIngress: opt(ingress),
    gateRbac: opt(fc.boolean(), 2),
    gateLabels: opt(stringMap(labelKey, labelValue)),
    targets,
    coherent,
    fallbackGate: gate,
    flip504: fc.boolean(),
  })
  .map(({ object, spec, chartNamespace, coherent, fallbackGate, flip504, ...bg }) => {
    let props = compact({ ...object, ...spec, ...bg }) as BlueGreenFlinkJobProps;
    if (coherent) {
      if (props.injection?.mode === 'manifest') {
        const g = props.gate ?? fallbackGate;
        props = compact({
          ...props,
          gate: g.options.timeout === undefined ? g : Gate.watermark({ ...g.options, timeout: undefined }),
          abortGracePeriod: undefined,
          reconciliationRescheduleInterval: undefined,
          activeIngress: undefined,
          injection: coherentInjection(props.injection),
        });
      } else {
        props = compact({
          ...props,
          cutover: undefined,
          targets: undefined,
          operatorVersion: props.gate || flip504 ? OperatorVersion.FLIP_504 : props.operatorVersion,
        });
      }
      props = coherentBlueGreen(props);
    }
    return compact({
      construct: 'BlueGreenFlinkJob' as const,
      chartNamespace: coherent && chartNamespace !== undefined && !K8S_NAME.test(chartNamespace) ? undefined : chartNamespace,
      props,
    });
  });

function coherentInjection(i: AgentInjection | undefined): AgentInjection | undefined {
  const o = i?.manifestOptions;
  if (!o) return i;
  const pinned = /[:@][^/]+$/.test(o.agentImage) && !o.agentImage.endsWith(':latest');
  return pinned ? i : AgentInjection.manifest({ ...o, agentImage: 'ghcr.io/apache/flink-kubernetes-operator:1.16.0-flip504' });
}

/** A gate with exactly one well-formed extractor (field-index is refused by PR #1043 builds, so not in operator mode). */
function coherentGate(g: Gate | undefined, operatorMode: boolean): Gate | undefined {
  if (!g) return g;
  const o = g.options;
  const extractors = [o.fieldPath, o.fieldIndex, o.extractorClass].filter((x) => x !== undefined);
  const ok =
    extractors.length === 1 &&
    (o.fieldPath === undefined || /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(o.fieldPath)) &&
    (o.fieldIndex === undefined || (Number.isInteger(o.fieldIndex) && o.fieldIndex >= 0 && !operatorMode)) &&
    (o.extractorClass === undefined || /^([a-z_$][\w$]*\.)+[A-Za-z_$][\w$]*$/.test(o.extractorClass));
  return ok ? g : Gate.watermark(compact({ ...o, fieldPath: 'eventTime', fieldIndex: undefined, extractorClass: undefined }));
}

function coherentOverrides(o: SpecOverrides | undefined, resourcesAllowed: boolean): SpecOverrides | undefined {
  if (!o) return o;
  return compact({
    ...o,
    serviceAccount: o.serviceAccount !== undefined && K8S_NAME.test(o.serviceAccount) ? o.serviceAccount : undefined,
    taskSlots: o.taskSlots !== undefined && o.taskSlots >= 1 ? o.taskSlots : undefined,
    jobManager: o.jobManager ? coherentComponent(o.jobManager, resourcesAllowed) : undefined,
    taskManager: o.taskManager ? compact({ ...o.taskManager, memory: o.taskManager.memory === undefined || GOOD_MEMORY.test(o.taskManager.memory) ? o.taskManager.memory : '2048m' }) : undefined,
    flinkConfiguration: o.flinkConfiguration ? Object.fromEntries(Object.entries(o.flinkConfiguration).filter(([k]) => FREE_CONFIG_KEY.test(k))) : undefined,
    podTemplate: coherentPodTemplate(o.podTemplate),
  }) as SpecOverrides;
}

/** Replays a cutover with coherent overrides and, for a stateful job, a savepoint on every cutover. */
function coherentCutover(c: Cutover | undefined, stateful: boolean, resourcesAllowed: boolean): Cutover | undefined {
  if (!c) return c;
  let out: Cutover | undefined;
  for (const step of c.steps) {
    if (step.type === 'start') out = Cutover.startOn(step.colour, compact({ overrides: coherentOverrides(step.overrides, resourcesAllowed) }));
    else if (!out) return c;
    else if (step.type === 'complete') out = out.complete();
    else if (step.type === 'savepoint') out = out.savepoint(step.colour);
    else out = out.cutoverTo(step.to, compact({ at: step.at, savepointPath: step.savepointPath ?? (stateful ? 's3://flink-state/ledger/savepoints/savepoint-3f9a1c' : undefined), overrides: coherentOverrides(step.overrides, resourcesAllowed) }));
  }
  return out;
}

function coherentBlueGreen(props: BlueGreenFlinkJobProps): BlueGreenFlinkJobProps {
  const operatorMode = props.injection?.mode !== 'manifest';
  let p = props;
  // ADVANCED transitions hand over state: the operator's gate refuses stateless jobs (GATE-STATELESS).
  if (operatorMode && p.gate && (p.job.upgradeMode === undefined || p.job.upgradeMode === UpgradeMode.STATELESS)) p = { ...p, job: { ...p.job, upgradeMode: UpgradeMode.SAVEPOINT } };
  p = coherentSpec(p, 'BlueGreenFlinkJob');
  const gate = coherentGate(p.gate, operatorMode);
  // The gate must outlive the deletion delay (GATE-TIMEOUT): default timeout is the 10 min abort grace period.
  const timeoutMs = (gate?.options.timeout ?? p.abortGracePeriod)?.toMilliseconds() ?? 600_000;
  const delay = p.deploymentDeletionDelay !== undefined && p.deploymentDeletionDelay.toMilliseconds() >= timeoutMs ? undefined : p.deploymentDeletionDelay;
  const stateful = p.job.upgradeMode !== undefined && p.job.upgradeMode !== UpgradeMode.STATELESS;
  const resourcesAllowed = (p.operatorVersion ?? OperatorVersion.DEFAULT).hasResourceRequirements;
  return compact({ ...p, gate, deploymentDeletionDelay: delay, cutover: coherentCutover(p.cutover, stateful, resourcesAllowed) }) as BlueGreenFlinkJobProps;
}

/** Definitions for both constructs. */
export const jobDefinition: fc.Arbitrary<JobDefinition> = fc.oneof({ weight: 1, arbitrary: flinkJobDefinition }, { weight: 2, arbitrary: blueGreenDefinition });
