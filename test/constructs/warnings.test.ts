import { App, Chart } from 'cdk8s';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BlueGreenFlinkJob, Gate, OperatorVersion, WARNINGS_CONTEXT } from '../../src';
import { baseSpec } from './helpers';

// The gate's run-time warnings (RUNTIME-*) are printed during synthesis; each way to silence them.
describe('silencing the run-time warnings', () => {
  let before: string | undefined;
  beforeEach(() => {
    before = process.env.CDK8S_FLINK_WARNINGS;
    delete process.env.CDK8S_FLINK_WARNINGS;
  });
  afterEach(() => {
    process.env.CDK8S_FLINK_WARNINGS = before;
  });

  function printed(build: (app: App) => void): string[] {
    const app = new App({ outdir: '/nonexistent-never-written' });
    build(app);
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      for (const c of app.node.findAll()) c.node.validate();
      return write.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('warning[RUNTIME-'));
    } finally {
      write.mockRestore();
    }
  }

  const job = (chart: Chart, id: string, annotations?: Record<string, string>) =>
    new BlueGreenFlinkJob(chart, id, {
      name: id.toLowerCase(),
      operatorVersion: OperatorVersion.FLIP_504,
      ...baseSpec(),
      gate: Gate.watermark({ fieldPath: 'eventTime' }),
      annotations,
    });

  it('by default, three per gate job', () => {
    expect(printed((app) => job(new Chart(app, 'c'), 'A'))).toHaveLength(3);
  });

  it('for an app: the context key on the App, set before the charts', () => {
    expect(printed((app) => {
      app.node.setContext(WARNINGS_CONTEXT, 'off');
      job(new Chart(app, 'c'), 'A');
    })).toEqual([]);
  });

  it('for a chart: the context key on it, before its jobs; other charts still print', () => {
    const lines = printed((app) => {
      const quiet = new Chart(app, 'quiet');
      quiet.node.setContext(WARNINGS_CONTEXT, 'off');
      job(quiet, 'A');
      job(new Chart(app, 'loud'), 'B');
    });
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.startsWith('[loud/B]'))).toBe(true);
  });

  it('for a job, one rule at a time with the reason: the ignore annotations', () => {
    const lines = printed((app) =>
      job(new Chart(app, 'c'), 'A', {
        'flink.bluegreen/ignore-RUNTIME-WATERMARKS': 'the Kafka source assigns watermarks on eventTime',
        'flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY': 'the jar bundles the client',
      }),
    );
    expect(lines.map((l) => /warning\[([A-Z-]+)\]/.exec(l)![1])).toEqual(['RUNTIME-SINGLE-SOURCE-SINK']);
  });
});
