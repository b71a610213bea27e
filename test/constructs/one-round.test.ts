import { describe, expect, it } from 'vitest';
import { BlueGreenFlinkJob, FlinkJob, FlinkVersion, Gate, OperatorVersion, UpgradeMode, type BlueGreenFlinkJobProps, type FlinkJobProps } from '../../src';
import { newChart, validationErrors } from './helpers';

// The README's invalid app (test/fixtures/apps/invalid-app.ts): before, a prop problem hid every
// finding on the emitted objects, so fixing the reported problems revealed new ones.
const orders = (fix: boolean): BlueGreenFlinkJobProps => ({
  name: 'orders',
  operatorVersion: OperatorVersion.FLIP_504,
  image: 'flink:1.20.1-java17',
  flinkVersion: FlinkVersion.V1_20,
  job: { jarURI: 'local:///opt/flink/usrlib/orders.jar', parallelism: fix ? 1 : 0, upgradeMode: UpgradeMode.SAVEPOINT },
  jobManager: { memory: '2g' },
  taskManager: { memory: '2g' },
  gate: Gate.watermark(fix ? { fieldPath: 'eventTime' } : {}),
  ...(fix ? { checkpointsDir: 's3://b/orders/checkpoints', savepointsDir: 's3://b/orders/savepoints' } : {}),
});
const fraud = (fix: boolean): FlinkJobProps => ({
  name: 'fraud',
  image: 'flink:1.20.1-java17',
  flinkVersion: FlinkVersion.V1_20,
  job: { jarURI: 'local:///opt/flink/usrlib/fraud.jar', parallelism: 1 },
  jobManager: fix ? { memory: '2g' } : {},
  taskManager: { memory: '2g' },
});

function errorsOf(fix: boolean): string[] {
  const { chart } = newChart();
  new BlueGreenFlinkJob(chart, 'Orders', orders(fix));
  new FlinkJob(chart, 'Fraud', fraud(fix));
  return validationErrors(chart);
}

describe('a synth reports every problem in one round', () => {
  it('prop problems and the findings on the rendered objects together, each field once, fixes in prop terms', () => {
    const errors = errorsOf(false);
    expect(errors.map((e) => e.replace(/:.*/s, ''))).toEqual([
      '[test/Orders] invalid prop job.parallelism',
      '[test/Orders] invalid prop gate',
      '[test/Orders] error[FLINK-CHECKPOINT-DIR] FlinkBlueGreenDeployment/orders /spec/template/spec/flinkConfiguration/state.checkpoints.dir (prop checkpointsDir)',
      '[test/Orders] error[FLINK-SAVEPOINT-DIR] FlinkBlueGreenDeployment/orders /spec/template/spec/flinkConfiguration/state.savepoints.dir (prop savepointsDir)',
      '[test/Fraud] invalid prop jobManager.memory',
    ]);
    // The fix names the prop, not the configuration key it becomes.
    expect(errors[2]).toMatch(/Fix: set checkpointsDir to durable storage/);
    expect(errors[3]).toMatch(/Fix: set savepointsDir to durable storage/);
  });

  it('fixing exactly what the first round listed leaves nothing', () => {
    expect(errorsOf(true)).toEqual([]);
  });

  it('props too broken to render still report the prop problems (no crash, no guesses)', () => {
    const { chart } = newChart();
    new FlinkJob(chart, 'J', { name: 'j', flinkVersion: 'v1_20', job: 'x' } as never);
    const errors = validationErrors(chart);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.startsWith('[test/J] invalid prop '))).toBe(true);
  });

  it.each([
    ['checkpointInterval', { checkpointInterval: '30s' }],
    ['imagePullPolicy', { imagePullPolicy: 'Always' }],
    ['gate', { gate: 'watermark' }],
    ['podTemplate.spec.containers.0.name', { podTemplate: { spec: { containers: [{}] } } }],
  ])('a prop of the wrong type (%s) does not hide the findings on the others: a missing savepointsDir is still reported', (path, extra) => {
    const { chart } = newChart();
    const job = new BlueGreenFlinkJob(chart, 'Orders', { ...orders(true), savepointsDir: undefined, ...extra } as never);
    const { propProblems, findings } = job.check();
    expect(propProblems.map((p) => p.path)).toEqual([path]);
    expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.prop}`)).toContain('FLINK-SAVEPOINT-DIR savepointsDir');
  });
});

