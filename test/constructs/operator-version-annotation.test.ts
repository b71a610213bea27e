import { describe, expect, it } from 'vitest';
import { AgentInjection, BlueGreenFlinkJob, Colour, Cutover, FlinkJob, Gate, OPERATOR_VERSION_ANNOTATION, OperatorVersion } from '../../src';
import { baseSpec, newChart, synthValidated } from './helpers';

const stampOf = (o: { metadata: { annotations?: Record<string, string> } }) => o.metadata.annotations?.[OPERATOR_VERSION_ANNOTATION];

describe('every emitted Flink object names the operator build it was validated for', () => {
  it('FlinkJob: the default build, or the one in props, next to the user annotations', () => {
    const { chart } = newChart();
    new FlinkJob(chart, 'A', { name: 'a', ...baseSpec() });
    new FlinkJob(chart, 'B', { name: 'b', operatorVersion: OperatorVersion.MAIN, annotations: { team: 'risk' }, ...baseSpec() });
    const [a, b] = synthValidated(chart);
    expect(a.metadata.annotations).toEqual({ [OPERATOR_VERSION_ANNOTATION]: '1.15' });
    expect(b.metadata.annotations).toEqual({ team: 'risk', [OPERATOR_VERSION_ANNOTATION]: 'main' });
  });

  it('the construct owns the key: a value the user wrote there is replaced', () => {
    const { chart } = newChart();
    new FlinkJob(chart, 'A', { name: 'a', operatorVersion: OperatorVersion.V1_14, annotations: { [OPERATOR_VERSION_ANNOTATION]: 'flip-504' }, ...baseSpec() });
    expect(stampOf(synthValidated(chart)[0])).toBe('1.14');
  });

  it('BlueGreenFlinkJob: the FlinkBlueGreenDeployment (operator injection), each colour (manifest wiring), never the ConfigMap or RBAC', () => {
    const { chart } = newChart();
    new BlueGreenFlinkJob(chart, 'Op', { name: 'op', operatorVersion: OperatorVersion.FLIP_504, gate: Gate.watermark({ fieldPath: 'ts' }), ...baseSpec() });
    new BlueGreenFlinkJob(chart, 'Wired', {
      name: 'wired',
      gate: Gate.watermark({ fieldPath: 'ts' }),
      injection: AgentInjection.manifest({ agentImage: 'ghcr.io/apache/flink-kubernetes-operator:1.16.0' }),
      cutover: Cutover.startOn(Colour.BLUE).cutoverTo(Colour.GREEN, { at: new Date('2026-12-01T02:00:00Z'), savepointPath: 's3://b/savepoints/sp-1' }),
      ...baseSpec(),
    });
    const out = synthValidated(chart);
    const stamps = out.map((o) => `${o.kind}/${o.metadata.name}=${stampOf(o) ?? '-'}`);
    expect(stamps).toEqual(expect.arrayContaining([
      'FlinkBlueGreenDeployment/op=flip-504',
      'FlinkDeployment/wired-blue=1.15',
      'FlinkDeployment/wired-green=1.15',
    ]));
    for (const o of out.filter((x) => !x.kind.startsWith('Flink'))) expect(stampOf(o)).toBeUndefined();
  });
});
