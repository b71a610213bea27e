import { Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AgentInjection, BlueGreenFlinkJob, Gate, GatePosition, OperatorVersion, UpgradeMode } from '../../src';
import { baseSpec } from '../constructs/helpers';
import { advanced, check, wired } from './helpers';
import { memoryApp } from '../helpers/memory-app';

const rules = (findings: { rule: string }[]) => findings.map((f) => f.rule).filter((r) => r.startsWith('GATE-POSITION') || r.startsWith('GATE-IDLE'));

describe('GATE-POSITION-STATE', () => {
  it('warns for a stateful job with AFTER_SOURCE, not for BEFORE_SINK or a stateless job', () => {
    const d = wired();
    d.spec.flinkConfiguration['bluegreen.gate.injection.position'] = 'AFTER_SOURCE';
    const [hit] = check(d).filter((f) => f.rule === 'GATE-POSITION-STATE');
    expect(hit).toMatchObject({ severity: 'warning', path: '/spec/flinkConfiguration/bluegreen.gate.injection.position', value: 'AFTER_SOURCE' });
    expect(hit.fix).toContain('BEFORE_SINK');
    d.spec.job.upgradeMode = 'stateless';
    expect(rules(check(d))).toEqual([]);
    expect(rules(check(wired()))).toEqual([]);
  });

  it('the construct reports it at synth, for both injection modes', () => {
    const app = memoryApp();
    const chart = new Chart(app, 'c', { namespace: 'n' });
    const spec = { ...baseSpec(), gate: Gate.watermark({ fieldPath: 'eventTime', position: GatePosition.AFTER_SOURCE }) };
    const wiredJob = new BlueGreenFlinkJob(chart, 'W', { name: 'w', ...spec, injection: AgentInjection.manifest({ agentImage: 'ghcr.io/apache/flink-kubernetes-operator:1.16.0' }) });
    const opJob = new BlueGreenFlinkJob(chart, 'O', { name: 'o', ...spec, operatorVersion: OperatorVersion.FLIP_504 });
    for (const job of [wiredJob, opJob]) expect(job.check().findings.map((f) => f.rule)).toContain('GATE-POSITION-STATE');
    const lastState = new BlueGreenFlinkJob(chart, 'S', { name: 's', ...spec, operatorVersion: OperatorVersion.FLIP_504, job: { ...spec.job, upgradeMode: UpgradeMode.LAST_STATE } });
    expect(lastState.check().findings.map((f) => f.rule)).toContain('GATE-POSITION-STATE');
  });

  it('operator-managed ADVANCED template', () => {
    const d = advanced();
    d.spec.template.spec.flinkConfiguration['bluegreen.gate.injection.position'] = 'AFTER_SOURCE';
    expect(rules(check(d, 'flip-504'))).toEqual(['GATE-POSITION-STATE']);
  });
});

describe('GATE-IDLE-SOURCES', () => {
  it.each([
    ['table.exec.source.idle-timeout', '30 s', true],
    ['table.exec.source.idle-timeout', '0', false],
    ['table.exec.source.idle-timeout', '0 ms', false],
    ['scan.watermark.idle-timeout', '1 min', true],
  ])('%s: %s → flagged %s', (key, value, flagged) => {
    const d = wired();
    d.spec.flinkConfiguration[key] = value;
    const hits = check(d).filter((f) => f.rule === 'GATE-IDLE-SOURCES');
    expect(hits.map((f) => [f.path, f.value])).toEqual(flagged ? [[`/spec/flinkConfiguration/${key}`, value]] : []);
  });

  it('only on gate jobs (idleness is harmless without a cutover)', () => {
    const d = wired();
    for (const k of Object.keys(d.spec.flinkConfiguration)) if (k.startsWith('bluegreen.')) delete d.spec.flinkConfiguration[k];
    d.spec.flinkConfiguration['env.java.opts.jobmanager'] = '-Xss2m';
    d.spec.flinkConfiguration['table.exec.source.idle-timeout'] = '30 s';
    expect(rules(check(d))).toEqual([]);
  });
});
