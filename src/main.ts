/**
 * The example app: what `npm run synth` writes to dist/. What a platform team runs:
 * an operator-managed FLIP-504 job, a BASIC blue/green job on the 1.15 release, a plain
 * FlinkJob with HA and savepoints, a manifest-wired job in the middle of a cutover (restoring
 * from the savepoint its previous commit took), a session cluster with a session job and a
 * savepoint of it, under a team's platform defaults, and a manifest-wired job moving from one
 * cluster to another, record by record.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Chart, Yaml } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AgentInjection,
  BlueGreenFlinkJob,
  ClusterTarget,
  Colour,
  Cutover,
  Duration,
  FlinkJob,
  FlinkSessionCluster,
  FlinkSessionJob,
  FlinkStateSnapshot,
  FlinkVersion,
  Gate,
  GatePosition,
  HighAvailability,
  ImagePullPolicy,
  JobReference,
  OperatorVersion,
  PlatformDefaults,
  ResourcePreset,
  Snapshot,
  StateStorage,
  synthOrExit,
  UpgradeMode,
} from './index';
import { argocdApplicationDiffSettings, argocdClusterApplication, argocdCmPatch, fluxClusterKustomization, fluxKustomization } from './gitops';
import { writeKustomizeLayout } from './gitops/kustomize';
import { writeHelmChart } from './output/helm-chart';
import { OutputError } from './output/output-folder';

/** What differs between environments of the orders-enrichment job. */
export interface OrdersEnvironment {
  readonly imageTag: string;
  readonly parallelism: number;
  readonly taskManagerMemory: string;
  readonly gateTimeout: Duration;
}

/** Production is the base; staging is an overlay of it (see `npm run synth:kustomize`). */
export const ORDERS_ENVIRONMENTS: Readonly<Record<'production' | 'staging', OrdersEnvironment>> = {
  production: { imageTag: '2.3.1', parallelism: 4, taskManagerMemory: '4096m', gateTimeout: Duration.minutes(15) },
  staging: { imageTag: '2.4.0-rc.1', parallelism: 1, taskManagerMemory: '2048m', gateTimeout: Duration.minutes(5) },
};

export class OrdersEnrichment extends Chart {
  constructor(scope: Construct, id: string, env: OrdersEnvironment = ORDERS_ENVIRONMENTS.production) {
    super(scope, id, { namespace: 'streaming' });
    new BlueGreenFlinkJob(this, 'OrdersEnrichment', {
      name: 'orders-enrichment',
      operatorVersion: OperatorVersion.FLIP_504,
      // What the validator cannot see from YAML, acknowledged with the reason (warnings only).
      annotations: {
        'flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY': 'orders-enrichment.jar bundles flink-kubernetes-operator-bluegreen-client (compile scope)',
        'flink.bluegreen/ignore-RUNTIME-WATERMARKS': 'the Kafka source assigns bounded-out-of-orderness watermarks on eventTime (epoch ms)',
        'flink.bluegreen/ignore-RUNTIME-SINGLE-SOURCE-SINK': 'one Kafka source, one Kafka sink',
      },
      image: `registry.example.com/streaming/orders-enrichment:${env.imageTag}`,
      imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
      flinkVersion: FlinkVersion.V1_20,
      serviceAccount: 'flink',
      job: {
        jarURI: 'local:///opt/flink/usrlib/orders-enrichment.jar',
        entryClass: 'com.example.orders.EnrichmentJob',
        args: ['--source-topic', 'orders', '--sink-topic', 'orders-enriched'],
        parallelism: env.parallelism,
        upgradeMode: UpgradeMode.SAVEPOINT,
      },
      jobManager: { memory: '2048m', cpu: 1 },
      taskManager: { memory: env.taskManagerMemory, cpu: 2 },
      taskSlots: 2,
      checkpointsDir: 's3://flink-state/orders-enrichment/checkpoints',
      savepointsDir: 's3://flink-state/orders-enrichment/savepoints',
      checkpointInterval: Duration.seconds(30),
      jobManagerJvmOptions: '-XX:+UseG1GC',
      podLabels: { team: 'orders' },
      gate: Gate.watermark({ fieldPath: 'eventTime', position: GatePosition.BEFORE_SINK, timeout: env.gateTimeout }),
      abortGracePeriod: Duration.minutes(20),
      deploymentDeletionDelay: Duration.seconds(10),
    });
  }
}

export class ClickstreamSessions extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'streaming' });
    new BlueGreenFlinkJob(this, 'ClickstreamSessions', {
      name: 'clickstream-sessions',
      operatorVersion: OperatorVersion.V1_15,
      image: 'flink:1.20.1-java17',
      flinkVersion: FlinkVersion.V1_20,
      job: {
        jarURI: 'local:///opt/flink/usrlib/clickstream-sessions.jar',
        parallelism: 2,
        upgradeMode: UpgradeMode.LAST_STATE,
      },
      jobManager: { memory: '1600m', cpu: 0.5 },
      taskManager: { memory: '2048m', cpu: 1 },
      checkpointsDir: 's3://flink-state/clickstream-sessions/checkpoints',
      savepointsDir: 's3://flink-state/clickstream-sessions/savepoints',
      highAvailability: HighAvailability.kubernetes({ storageDir: 's3://flink-state/clickstream-sessions/ha' }),
      abortGracePeriod: Duration.minutes(10),
      deploymentDeletionDelay: Duration.seconds(30),
    });
  }
}

export class FraudScoring extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'risk' });
    new FlinkJob(this, 'FraudScoring', {
      name: 'fraud-scoring',
      image: 'flink:1.20.1-java17',
      flinkVersion: FlinkVersion.V1_20,
      serviceAccount: 'flink',
      job: {
        jarURI: 'local:///opt/flink/usrlib/fraud-scoring.jar',
        parallelism: 3,
        upgradeMode: UpgradeMode.SAVEPOINT,
      },
      jobManager: { memory: '2048m', cpu: 1, replicas: 2 },
      taskManager: { memory: '4096m', cpu: 2 },
      taskSlots: 3,
      checkpointsDir: 's3://flink-state/fraud-scoring/checkpoints',
      savepointsDir: 's3://flink-state/fraud-scoring/savepoints',
      checkpointInterval: Duration.minutes(1),
      highAvailability: HighAvailability.kubernetes({ storageDir: 's3://flink-state/fraud-scoring/ha' }),
      flinkConfiguration: { 'kubernetes.operator.periodic.savepoint.interval': '6 h' },
    });
  }
}

export class PaymentsLedger extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'payments' });
    new BlueGreenFlinkJob(this, 'PaymentsLedger', {
      name: 'payments-ledger',
      operatorVersion: OperatorVersion.V1_15,
      annotations: {
        'flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY': 'payments-ledger.jar bundles flink-kubernetes-operator-bluegreen-client (compile scope)',
        'flink.bluegreen/ignore-RUNTIME-WATERMARKS': 'bookedAt is event time in epoch ms; watermarks assigned at the source',
        'flink.bluegreen/ignore-RUNTIME-SINGLE-SOURCE-SINK': 'one source (ledger-events), one sink (ledger table)',
      },
      image: 'registry.example.com/payments/ledger:5.0.0',
      flinkVersion: FlinkVersion.V1_20,
      job: {
        jarURI: 'local:///opt/flink/usrlib/payments-ledger.jar',
        parallelism: 2,
        upgradeMode: UpgradeMode.SAVEPOINT,
      },
      jobManager: { memory: '2048m', cpu: 1 },
      taskManager: { memory: '4096m', cpu: 2 },
      checkpointsDir: 's3://flink-state/payments-ledger/checkpoints',
      savepointsDir: 's3://flink-state/payments-ledger/savepoints',
      gate: Gate.watermark({ fieldPath: 'bookedAt' }),
      injection: AgentInjection.manifest({ agentImage: 'ghcr.io/apache/flink-kubernetes-operator:1.16.0-flip504' }),
      deploymentDeletionDelay: Duration.seconds(5),
      // Commit 1 deployed BLUE on 5.0.0; commit 2 took a savepoint of BLUE (a FlinkStateSnapshot,
      // path read with `savepointPathCommand`); this commit starts the cutover to GREEN on 5.1.0
      // from that savepoint. The snapshot object stays until complete().
      cutover: Cutover.startOn(Colour.BLUE, { overrides: { image: 'registry.example.com/payments/ledger:5.0.0' } })
        .savepoint(Colour.BLUE)
        .cutoverTo(Colour.GREEN, {
          at: new Date('2026-12-01T02:00:00Z'),
          savepointPath: 's3://flink-state/payments-ledger/savepoints/savepoint-3f9a1c-1a2b3c4d5e6f',
          overrides: { image: 'registry.example.com/payments/ledger:5.1.0' },
        }),
    });
  }
}

/**
 * A team's shared session cluster with one session job and a savepoint of it. The team's platform
 * settings are set once for the chart (what a Helm chart keeps in values.yaml); the constructs
 * state only what is their own.
 */
export class AnalyticsSessions extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'analytics' });
    PlatformDefaults.set(this, {
      imageRegistry: 'registry.example.com/analytics',
      flinkVersion: FlinkVersion.V1_20,
      stateStorage: StateStorage.under('s3://flink-state/analytics'),
      highAvailability: true,
      checkpointInterval: Duration.minutes(1),
      jobManager: ResourcePreset.MEDIUM,
      taskManager: ResourcePreset.LARGE,
      labels: { team: 'analytics' },
    });
    const cluster = new FlinkSessionCluster(this, 'AnalyticsSession', { name: 'analytics-session', image: 'flink:1.20.1-java17', taskSlots: 4 });
    const reports = new FlinkSessionJob(this, 'DailyReports', {
      name: 'daily-reports',
      cluster,
      job: {
        // Operator 1.15 fetches session-job jars over https only (kubernetes.operator.user.artifacts.allowed-schemes).
        jarURI: 'https://artifacts.example.com/analytics/daily-reports-3.2.0.jar',
        entryClass: 'com.example.analytics.DailyReports',
        parallelism: 4,
        upgradeMode: UpgradeMode.SAVEPOINT,
      },
    });
    new FlinkStateSnapshot(this, 'DailyReportsBackup', {
      name: 'daily-reports-backup-1',
      snapshot: Snapshot.savepoint(),
      jobReference: JobReference.sessionJob(reports),
    });
  }
}

/** The clusters the shipment-tracker job moves between (names as Argo CD / Flux know them). */
export const SHIPMENT_CLUSTERS = { from: 'eu-west-1', to: 'eu-central-1' } as const;

/**
 * A job moving to another cluster: BLUE runs in eu-west-1, GREEN starts in eu-central-1 from a
 * savepoint on S3 (which both clusters read), and the gate hands over at event time T. One chart
 * per cluster, so dist/ holds one file per cluster and each file is what that cluster gets.
 */
export function shipmentTracker(app: App): void {
  const west = new Chart(app, `shipment-tracker-${SHIPMENT_CLUSTERS.from}`, { namespace: 'logistics' });
  const central = new Chart(app, `shipment-tracker-${SHIPMENT_CLUSTERS.to}`, { namespace: 'logistics' });
  new BlueGreenFlinkJob(west, 'ShipmentTracker', {
    name: 'shipment-tracker',
    annotations: {
      'flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY': 'shipment-tracker.jar bundles flink-kubernetes-operator-bluegreen-client (compile scope)',
      'flink.bluegreen/ignore-RUNTIME-WATERMARKS': 'scannedAt is event time in epoch ms; bounded-out-of-orderness watermarks at the Kafka source',
      'flink.bluegreen/ignore-RUNTIME-SINGLE-SOURCE-SINK': 'one Kafka source (scans), one Kafka sink (shipment-status)',
    },
    image: 'registry.example.com/logistics/shipment-tracker:3.2.0',
    flinkVersion: FlinkVersion.V1_20,
    job: { jarURI: 'local:///opt/flink/usrlib/shipment-tracker.jar', parallelism: 4, upgradeMode: UpgradeMode.SAVEPOINT },
    jobManager: { memory: '2048m', cpu: 1 },
    taskManager: { memory: '4096m', cpu: 2 },
    taskSlots: 2,
    // Savepoints on S3: the other cluster restores from them (file:// would be refused).
    checkpointsDir: 's3://flink-state/shipment-tracker/checkpoints',
    savepointsDir: 's3://flink-state/shipment-tracker/savepoints',
    gate: Gate.watermark({ fieldPath: 'scannedAt', position: GatePosition.BEFORE_SINK }),
    injection: AgentInjection.manifest({ agentImage: 'ghcr.io/apache/flink-kubernetes-operator:1.16.0-flip504' }),
    targets: {
      blue: ClusterTarget.of({ cluster: SHIPMENT_CLUSTERS.from, chart: west }),
      green: ClusterTarget.of({ cluster: SHIPMENT_CLUSTERS.to, chart: central }),
    },
    // Commit 1 ran BLUE in eu-west-1; this commit starts GREEN in eu-central-1 and schedules the hand-over.
    cutover: Cutover.startOn(Colour.BLUE).cutoverTo(Colour.GREEN, {
      at: new Date('2026-12-03T03:00:00Z'),
      savepointPath: 's3://flink-state/shipment-tracker/savepoints/savepoint-8c41d2-5f0e9a7b3c21',
    }),
  });
}

export function buildApp(app: App, orders: OrdersEnvironment = ORDERS_ENVIRONMENTS.production): App {
  new OrdersEnrichment(app, 'orders-enrichment', orders);
  new ClickstreamSessions(app, 'clickstream-sessions');
  new FraudScoring(app, 'fraud-scoring');
  new PaymentsLedger(app, 'payments-ledger');
  new AnalyticsSessions(app, 'analytics-sessions');
  shipmentTracker(app);
  return app;
}

/** The same app as a Kustomize base with one overlay per environment, and the GitOps settings beside it. */
export function writeKustomize(outdir: string): string[] {
  // What the GitOps tool needs beside the manifests (see docs/gitops.md), published in the same atomic swap.
  const gitops: Record<string, unknown> = {
    'gitops/argocd-cm-patch.yaml': argocdCmPatch({ gateCutover: 'scheduled' }),
    'gitops/argocd-application-diff.yaml': argocdApplicationDiffSettings({
      gateConfigMaps: [{ name: 'payments-ledger-configmap', namespace: 'payments' }],
      cutover: 'scheduled',
    }),
    'gitops/flux-kustomization.yaml': fluxKustomization({
      name: 'flink-jobs-production',
      path: './deploy/overlays/production',
      sourceRef: { kind: 'GitRepository', name: 'flink-jobs' },
    }),
  };
  // One application per cluster the shipment-tracker job runs in, each with its own gate ConfigMap.
  for (const cluster of [SHIPMENT_CLUSTERS.from, SHIPMENT_CLUSTERS.to]) {
    const opts = {
      cluster,
      path: `deploy/clusters/${cluster}/overlays/production`,
      repoURL: 'https://git.example.com/platform/flink-jobs.git',
      gateConfigMaps: [{ name: 'shipment-tracker-configmap', namespace: 'logistics' }],
      fluxSourceRef: { kind: 'GitRepository' as const, name: 'flink-jobs' },
    };
    gitops[`gitops/clusters/${cluster}/argocd-application.yaml`] = argocdClusterApplication(opts);
    gitops[`gitops/clusters/${cluster}/flux-kustomization.yaml`] = fluxClusterKustomization(opts);
  }
  return writeKustomizeLayout({
    outdir,
    build: (app) => buildApp(app, ORDERS_ENVIRONMENTS.production),
    environments: Object.entries(ORDERS_ENVIRONMENTS).map(([name, env]) => ({ name, build: (app: App) => buildApp(app, env) })),
    clusters: [SHIPMENT_CLUSTERS.from, SHIPMENT_CLUSTERS.to],
    extraFiles: Object.fromEntries(Object.entries(gitops).map(([file, doc]) => [file, Yaml.stringify(doc)])),
  });
}

/** The same app as a Helm chart versioned like package.json (`npm run synth:helm`). */
export function writeHelm(outdir: string): void {
  const version = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const result = writeHelmChart(buildApp(new App()), { outdir, chartVersion: version });
  for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
}

/** Runs a writer; on failure prints the message and what happened to the folder, exit 1. */
function orExit(outdir: string, write: () => unknown): void {
  try {
    write();
  } catch (e) {
    const written = e instanceof OutputError && e.written;
    process.stderr.write(`${(e as Error).message.startsWith('Validation failed') ? '' : 'error: '}${(e as Error).message}\n${written ? `${outdir} was partly rewritten.` : `Nothing was written to ${outdir}.`}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  if (process.argv.includes('--kustomize')) {
    const outdir = process.env.KUSTOMIZE_OUTDIR ?? 'deploy';
    orExit(outdir, () => writeKustomize(outdir));
  } else if (process.argv.includes('--helm')) {
    const outdir = process.env.HELM_OUTDIR ?? 'dist-helm';
    orExit(outdir, () => writeHelm(outdir));
  } else {
    let app: App | undefined;
    // A construct that throws while the app is built: one message and what happened, no stack trace.
    orExit(process.env.CDK8S_OUTDIR ?? 'dist', () => (app = buildApp(new App())));
    if (app) synthOrExit(app);
  }
}
