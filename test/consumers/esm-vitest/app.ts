import { App, Chart } from 'cdk8s';
import {
  BlueGreenFlinkJob,
  Duration,
  FlinkJob,
  FlinkVersion,
  Gate,
  OperatorVersion,
  UpgradeMode,
  argocdApplicationDiffSettings,
} from 'cdk8s-flink-bluegreen';

/** Two jobs on two operator builds, the README's way. */
export function buildApp(app: App): Chart {
  const chart = new Chart(app, 'streaming', { namespace: 'streaming' });
  new BlueGreenFlinkJob(chart, 'OrdersEnrichment', {
    name: 'orders-enrichment',
    operatorVersion: OperatorVersion.FLIP_504,
    image: 'registry.example.com/streaming/orders-enrichment:2.3.1',
    flinkVersion: FlinkVersion.V1_20,
    job: { jarURI: 'local:///opt/flink/usrlib/orders-enrichment.jar', parallelism: 4, upgradeMode: UpgradeMode.SAVEPOINT },
    jobManager: { memory: '2048m', cpu: 1 },
    taskManager: { memory: '4096m', cpu: 2 },
    checkpointsDir: 's3://flink-state/orders-enrichment/checkpoints',
    savepointsDir: 's3://flink-state/orders-enrichment/savepoints',
    gate: Gate.watermark({ fieldPath: 'eventTime', timeout: Duration.minutes(15) }),
    annotations: {
      'flink.bluegreen/ignore-RUNTIME-WATERMARKS': 'the Kafka source assigns watermarks on eventTime',
      'flink.bluegreen/ignore-RUNTIME-SINGLE-SOURCE-SINK': 'one Kafka source, one Kafka sink',
      'flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY': 'the job jar bundles the blue/green client',
    },
  });
  new FlinkJob(chart, 'ClickstreamSessions', {
    name: 'clickstream-sessions',
    operatorVersion: OperatorVersion.V1_14,
    image: 'registry.example.com/web/clickstream-sessions:0.9.0',
    flinkVersion: FlinkVersion.V1_19,
    job: { jarURI: 'local:///opt/flink/usrlib/clickstream.jar', parallelism: 2, upgradeMode: UpgradeMode.STATELESS },
    jobManager: { memory: '1024m', cpu: 0.5 },
    taskManager: { memory: '2048m', cpu: 1 },
  });
  return chart;
}

/** What a user adds to the Argo CD Application of a manifest-wired gate job. */
export const argoCdDiff = argocdApplicationDiffSettings({ gateConfigMaps: [{ name: 'payments-ledger-configmap', namespace: 'payments' }], cutover: 'scheduled' });
