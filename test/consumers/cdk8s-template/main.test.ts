import { MyChart } from './main';
import { Testing } from 'cdk8s';
import { OPERATOR_VERSION_ANNOTATION } from 'cdk8s-flink-bluegreen';

describe('the Flink jobs', () => {
  test('synthesize as in the snapshot', () => {
    const app = Testing.app();
    const chart = new MyChart(app, 'test-chart');
    const results = Testing.synth(chart);
    expect(results).toMatchSnapshot();
  });

  test('each Flink object names its operator build', () => {
    const chart = new MyChart(Testing.app(), 'test-chart');
    expect(chart.problems).toEqual([]);
    const stamps = Testing.synth(chart)
      .filter((o) => o.apiVersion === 'flink.apache.org/v1beta1')
      .map((o) => `${o.kind}/${o.metadata.name}=${o.metadata.annotations[OPERATOR_VERSION_ANNOTATION]}`);
    expect(stamps).toEqual(['FlinkBlueGreenDeployment/orders-enrichment=flip-504', 'FlinkDeployment/fraud-scoring=1.15']);
  });
});
