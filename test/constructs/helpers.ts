import { rmSync } from 'node:fs';
import { Chart, Testing } from 'cdk8s';
import type { Construct } from 'constructs';
import { afterAll } from 'vitest';
import { FlinkVersion, UpgradeMode, type FlinkSpecProps } from '../../src';

process.env.CDK8S_FLINK_WARNINGS = 'off';

/** A minimal valid spec for a stateful job; tests override what they exercise. */
export function baseSpec(overrides: Partial<FlinkSpecProps> = {}): FlinkSpecProps {
  return {
    image: 'flink:1.20.1-java17',
    flinkVersion: FlinkVersion.V1_20,
    job: { jarURI: 'local:///opt/flink/usrlib/job.jar', parallelism: 2, upgradeMode: UpgradeMode.SAVEPOINT },
    jobManager: { memory: '2048m', cpu: 1 },
    taskManager: { memory: '2048m', cpu: 1 },
    checkpointsDir: 's3://state/job/checkpoints',
    savepointsDir: 's3://state/job/savepoints',
    ...overrides,
  };
}

// Testing.app() makes an output folder in the temp dir and never removes it: we do, after each file.
const outdirs: string[] = [];
afterAll(() => {
  for (const d of outdirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function newChart(namespace = 'streaming'): { app: ReturnType<typeof Testing.app>; chart: Chart } {
  const app = Testing.app();
  outdirs.push(app.outdir);
  return { app, chart: new Chart(app, 'test', { namespace }) };
}

/** Synthesized objects of a chart, after validation (as `cdk8s synth` does). */
export function synthValidated(chart: Chart): any[] {
  const errors = chart.node.findAll().flatMap((c: Construct) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  return Testing.synth(chart);
}

/** Validation errors of a chart, one string per error, without synthesizing. */
export function validationErrors(chart: Chart): string[] {
  return chart.node.findAll().flatMap((c: Construct) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
}

export function byKind(objects: any[], kind: string): any[] {
  return objects.filter((o) => o.kind === kind);
}
