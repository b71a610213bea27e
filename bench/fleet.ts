/**
 * A deterministic fleet of N Flink jobs, described once as plain parameters (`JobParams`) and
 * turned into (1) a cdk8s app through the public constructs and (2) Helm values for the
 * equivalent chart in bench/chart/. The raw-cdk8s reference is built from the JSON our app emits.
 *
 * Modes, in the proportions a platform team might have them:
 *   gated  40%  operator-managed FlinkBlueGreenDeployment on the FLIP-504 build, watermark gate, gate RBAC
 *   basic  25%  operator-managed BASIC blue/green on operator 1.15 (Kubernetes HA)
 *   wired  15%  manifest-wired, in the middle of a scheduled cutover: two FlinkDeployments, gate ConfigMap, RBAC
 *   plain  20%  a plain FlinkJob (FlinkDeployment, HA, periodic savepoints)
 */
import { App, Chart } from 'cdk8s';
import {
  AgentInjection,
  BlueGreenFlinkJob,
  Colour,
  Cutover,
  Duration,
  FlinkJob,
  FlinkVersion,
  Gate,
  GatePosition,
  HighAvailability,
  ImagePullPolicy,
  OperatorVersion,
  UpgradeMode,
} from '../src';

export type Mode = 'gated' | 'basic' | 'wired' | 'plain';

export interface JobParams {
  readonly mode: Mode;
  readonly name: string;
  readonly namespace: string;
  readonly team: string;
  readonly image: string;
  readonly jarURI: string;
  readonly entryClass?: string;
  readonly args?: string[];
  readonly parallelism: number;
  readonly upgradeMode: 'savepoint' | 'last-state';
  readonly jmMemory: string;
  readonly jmCpu: number;
  readonly tmMemory: string;
  readonly tmCpu: number;
  readonly taskSlots?: number;
  readonly checkpointIntervalSeconds?: number;
  readonly checkpointsDir: string;
  readonly savepointsDir: string;
  /** basic, plain */
  readonly haStorageDir?: string;
  /** plain */
  readonly jmReplicas?: number;
  readonly periodicSavepointHours?: number;
  /** gated, basic */
  readonly abortGraceMinutes?: number;
  /** gated, basic, wired */
  readonly deletionDelaySeconds?: number;
  /** gated, wired */
  readonly gateFieldPath?: string;
  readonly gatePosition?: 'BEFORE_SINK' | 'AFTER_SOURCE';
  readonly gateTimeoutMinutes?: number;
  /** wired */
  readonly fromImage?: string;
  readonly cutoverAtMs?: number;
  readonly savepointPath?: string;
  readonly agentImage?: string;
}

const TEAMS = ['orders', 'payments', 'risk', 'search', 'ads', 'logistics', 'identity', 'growth', 'pricing', 'inventory'];
const WORDS = ['enrichment', 'sessions', 'scoring', 'ledger', 'aggregation', 'dedup', 'join', 'alerts', 'metrics', 'router', 'features', 'audit'];
const MEMORY = ['1024m', '1600m', '2048m', '3072m', '4096m', '8192m'];
const CPU = [0.5, 1, 2, 4];
const FIELDS = ['eventTime', 'bookedAt', 'createdAt', 'timestamp', 'ts'];
const RUNTIME_ACKS = {
  'flink.bluegreen/ignore-GATE-POSITION-STATE': 'the gate position is chosen per job; no state spans the cutover where it sits after the source',
  'flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY': 'the job jar bundles flink-kubernetes-operator-bluegreen-client (compile scope)',
  'flink.bluegreen/ignore-RUNTIME-WATERMARKS': 'watermarks are assigned at the source on the gate field (epoch ms)',
  'flink.bluegreen/ignore-RUNTIME-SINGLE-SOURCE-SINK': 'one source, one sink',
};
export const RUNTIME_ANNOTATIONS: Readonly<Record<string, string>> = RUNTIME_ACKS;

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** N jobs; job i is the same for every N (a prefix of a larger fleet), so N=200 ⊂ N=1000. */
export function fleet(n: number, seed = 42): JobParams[] {
  const jobs: JobParams[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng(seed * 1_000_003 + i);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
    // Job 0 is the gated one, so N=1 is the headline mode.
    const m = i === 0 ? 0 : r();
    const mode: Mode = m < 0.4 ? 'gated' : m < 0.65 ? 'basic' : m < 0.8 ? 'wired' : 'plain';
    const team = pick(TEAMS);
    const name = `${team}-${pick(WORDS)}-${String(i).padStart(4, '0')}`;
    const version = `${int(1, 9)}.${int(0, 20)}.${int(0, 9)}`;
    const image = `registry.example.com/${team}/${name}:${version}-java17`;
    const stateDir = `s3://flink-state-${team}/${name}`;
    const base = {
      mode,
      name,
      namespace: `streaming-${team}`,
      team,
      image,
      jarURI: `local:///opt/flink/usrlib/${name}.jar`,
      parallelism: int(1, 32),
      upgradeMode: r() < 0.8 ? ('savepoint' as const) : ('last-state' as const),
      jmMemory: pick(MEMORY.slice(0, 4)),
      jmCpu: pick(CPU.slice(0, 3)),
      tmMemory: pick(MEMORY),
      tmCpu: pick(CPU),
      checkpointsDir: `${stateDir}/checkpoints`,
      savepointsDir: `${stateDir}/savepoints`,
    };
    switch (mode) {
      case 'gated':
        jobs.push({
          ...base,
          entryClass: `com.example.${team}.Job${i}`,
          args: ['--source-topic', `${name}-in`, '--sink-topic', `${name}-out`],
          taskSlots: int(1, 4),
          checkpointIntervalSeconds: pick([10, 30, 60, 90]),
          abortGraceMinutes: int(15, 40),
          deletionDelaySeconds: int(5, 59),
          gateFieldPath: pick(FIELDS),
          gatePosition: r() < 0.85 ? 'BEFORE_SINK' : 'AFTER_SOURCE',
          gateTimeoutMinutes: int(5, 14),
        });
        break;
      case 'basic':
        jobs.push({
          ...base,
          image: `flink:1.20.${int(0, 2)}-java17`,
          upgradeMode: 'last-state',
          haStorageDir: `${stateDir}/ha`,
          abortGraceMinutes: int(5, 30),
          deletionDelaySeconds: int(5, 59),
        });
        break;
      case 'wired':
        jobs.push({
          ...base,
          upgradeMode: 'savepoint',
          fromImage: `registry.example.com/${team}/${name}:0.${int(1, 9)}.${int(0, 9)}-java17`,
          gateFieldPath: pick(FIELDS),
          gatePosition: 'BEFORE_SINK',
          deletionDelaySeconds: int(1, 30),
          cutoverAtMs: Date.UTC(2026, 11, 1, 2, 0, 0) + int(0, 1000) * 3_600_000,
          savepointPath: `${stateDir}/savepoints/savepoint-${(int(0, 0xffffff) >>> 0).toString(16).padStart(6, '0')}-${i}`,
          agentImage: 'ghcr.io/apache/flink-kubernetes-operator:1.16.0-flip504',
        });
        break;
      case 'plain':
        jobs.push({
          ...base,
          image: `flink:1.20.${int(0, 2)}-java17`,
          taskSlots: int(1, 8),
          checkpointIntervalSeconds: pick([30, 60, 120]),
          haStorageDir: `${stateDir}/ha`,
          jmReplicas: pick([1, 2]),
          periodicSavepointHours: pick([1, 6, 12]),
        });
        break;
    }
  }
  return jobs;
}

const upgrade = (m: JobParams['upgradeMode']) => (m === 'savepoint' ? UpgradeMode.SAVEPOINT : UpgradeMode.LAST_STATE);

/** One chart per job (as in src/main.ts), each through the public constructs. */
export function addJob(app: App, j: JobParams): void {
  const chart = new Chart(app, j.name, { namespace: j.namespace });
  const common = {
    name: j.name,
    image: j.image,
    flinkVersion: FlinkVersion.V1_20,
    jobManager: { memory: j.jmMemory, cpu: j.jmCpu },
    taskManager: { memory: j.tmMemory, cpu: j.tmCpu },
    checkpointsDir: j.checkpointsDir,
    savepointsDir: j.savepointsDir,
  };
  const job = { jarURI: j.jarURI, parallelism: j.parallelism, upgradeMode: upgrade(j.upgradeMode) };
  switch (j.mode) {
    case 'gated':
      new BlueGreenFlinkJob(chart, 'Job', {
        ...common,
        operatorVersion: OperatorVersion.FLIP_504,
        annotations: RUNTIME_ACKS,
        imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
        serviceAccount: 'flink',
        job: { ...job, entryClass: j.entryClass, args: j.args },
        taskSlots: j.taskSlots,
        checkpointInterval: Duration.seconds(j.checkpointIntervalSeconds!),
        jobManagerJvmOptions: '-XX:+UseG1GC',
        podLabels: { team: j.team },
        gate: Gate.watermark({
          fieldPath: j.gateFieldPath,
          position: j.gatePosition === 'AFTER_SOURCE' ? GatePosition.AFTER_SOURCE : GatePosition.BEFORE_SINK,
          timeout: Duration.minutes(j.gateTimeoutMinutes!),
        }),
        abortGracePeriod: Duration.minutes(j.abortGraceMinutes!),
        deploymentDeletionDelay: Duration.seconds(j.deletionDelaySeconds!),
      });
      break;
    case 'basic':
      new BlueGreenFlinkJob(chart, 'Job', {
        ...common,
        operatorVersion: OperatorVersion.V1_15,
        job,
        highAvailability: HighAvailability.kubernetes({ storageDir: j.haStorageDir! }),
        abortGracePeriod: Duration.minutes(j.abortGraceMinutes!),
        deploymentDeletionDelay: Duration.seconds(j.deletionDelaySeconds!),
      });
      break;
    case 'wired':
      new BlueGreenFlinkJob(chart, 'Job', {
        ...common,
        operatorVersion: OperatorVersion.V1_15,
        annotations: RUNTIME_ACKS,
        job,
        gate: Gate.watermark({ fieldPath: j.gateFieldPath }),
        injection: AgentInjection.manifest({ agentImage: j.agentImage! }),
        deploymentDeletionDelay: Duration.seconds(j.deletionDelaySeconds!),
        cutover: Cutover.startOn(Colour.BLUE, { overrides: { image: j.fromImage } }).cutoverTo(Colour.GREEN, {
          at: new Date(j.cutoverAtMs!),
          savepointPath: j.savepointPath!,
          overrides: { image: j.image },
        }),
      });
      break;
    case 'plain':
      new FlinkJob(chart, 'Job', {
        ...common,
        serviceAccount: 'flink',
        job,
        jobManager: { ...common.jobManager, replicas: j.jmReplicas },
        taskSlots: j.taskSlots,
        checkpointInterval: Duration.seconds(j.checkpointIntervalSeconds!),
        highAvailability: HighAvailability.kubernetes({ storageDir: j.haStorageDir! }),
        flinkConfiguration: { 'kubernetes.operator.periodic.savepoint.interval': `${j.periodicSavepointHours} h` },
      });
      break;
  }
}

export function buildFleetApp(app: App, jobs: readonly JobParams[]): App {
  for (const j of jobs) addJob(app, j);
  return app;
}

/** Helm values for bench/chart: the same parameters, durations already in Flink syntax. */
export function helmValues(jobs: readonly JobParams[]): { jobs: Record<string, unknown>[] } {
  return {
    jobs: jobs.map((j) => {
      const v: Record<string, unknown> = { ...j };
      if (j.checkpointIntervalSeconds !== undefined) v.checkpointInterval = `${j.checkpointIntervalSeconds} s`;
      if (j.abortGraceMinutes !== undefined) v.abortGracePeriod = `${j.abortGraceMinutes} min`;
      if (j.deletionDelaySeconds !== undefined) {
        v.deletionDelay = `${j.deletionDelaySeconds} s`;
        v.deletionDelayMs = String(j.deletionDelaySeconds * 1000);
      }
      if (j.gateTimeoutMinutes !== undefined) v.gateTimeout = `${j.gateTimeoutMinutes} min`;
      if (j.periodicSavepointHours !== undefined) v.periodicSavepointInterval = `${j.periodicSavepointHours} h`;
      // Go templates print large numbers in exponent form: pass the epoch as a string.
      if (j.cutoverAtMs !== undefined) v.cutoverAtMs = String(j.cutoverAtMs);
      for (const k of ['checkpointIntervalSeconds', 'abortGraceMinutes', 'deletionDelaySeconds', 'gateTimeoutMinutes', 'periodicSavepointHours']) delete v[k];
      return v;
    }),
  };
}
