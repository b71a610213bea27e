// The README's example, in the shape `cdk8s init typescript-app` writes (a Chart subclass, app.synth()).
// Two jobs on two operator builds: `validate dist/` must check each against its own.
import { Construct } from 'constructs';
import { App, Chart, ChartProps } from 'cdk8s';
import {
  BlueGreenFlinkJob,
  Duration,
  FlinkJob,
  FlinkVersion,
  Gate,
  HighAvailability,
  OperatorVersion,
  UpgradeMode,
  type PropProblem,
} from 'cdk8s-flink-bluegreen';

export class MyChart extends Chart {
  public readonly problems: readonly PropProblem[];

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'streaming', ...props });

    const orders = new BlueGreenFlinkJob(this, 'OrdersEnrichment', {
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
      abortGracePeriod: Duration.minutes(20),
      annotations: {
        'flink.bluegreen/ignore-RUNTIME-WATERMARKS': 'the Kafka source assigns watermarks on eventTime',
        'flink.bluegreen/ignore-RUNTIME-SINGLE-SOURCE-SINK': 'one Kafka source, one Kafka sink',
        'flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY': 'the job jar bundles the blue/green client',
      },
    });

    new FlinkJob(this, 'FraudScoring', {
      name: 'fraud-scoring',
      operatorVersion: OperatorVersion.V1_15,
      image: 'registry.example.com/risk/fraud-scoring:1.8.0',
      flinkVersion: FlinkVersion.V1_20,
      job: { jarURI: 'local:///opt/flink/usrlib/fraud-scoring.jar', parallelism: 2, upgradeMode: UpgradeMode.LAST_STATE },
      jobManager: { memory: '2048m', cpu: 1 },
      taskManager: { memory: '4096m', cpu: 2 },
      checkpointsDir: 's3://flink-state/fraud-scoring/checkpoints',
      savepointsDir: 's3://flink-state/fraud-scoring/savepoints',
      highAvailability: HighAvailability.kubernetes({ storageDir: 's3://flink-state/fraud-scoring/ha' }),
    });

    this.problems = orders.check().propProblems;
  }
}

const app = new App();
new MyChart(app, 'consumer');
app.synth();
