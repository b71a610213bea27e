import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it, onTestFinished } from 'vitest';
import { AnalyticsSessions, ClickstreamSessions, FraudScoring, OrdersEnrichment, PaymentsLedger, shipmentTracker } from '../src/main';
import { validateDocuments } from '../src/validation';
import { memoryApp } from './helpers/memory-app';

process.env.CDK8S_FLINK_WARNINGS = 'off';
const root = join(__dirname, '..');

function synthChart(make: (app: App) => unknown): any[] {
  const app = Testing.app();
  // Testing.app() makes an output folder and never removes it.
  onTestFinished(() => rmSync(app.outdir, { recursive: true, force: true }));
  const chart = make(app) as Parameters<typeof Testing.synth>[0];
  return Testing.synth(chart);
}

describe('the example app', () => {
  it('orders-enrichment: operator-managed FLIP-504 gate, no agent wiring, RBAC only', () => {
    const out = synthChart((app) => new OrdersEnrichment(app, 'orders-enrichment'));
    expect(out).toMatchSnapshot();
    expect(out.map((o) => o.kind)).toEqual(['FlinkBlueGreenDeployment', 'Role', 'RoleBinding']);
    expect(JSON.stringify(out)).not.toMatch(/bluegreen-agent|javaagent/);
  });

  it('clickstream-sessions: BASIC blue/green on 1.15', () => {
    const out = synthChart((app) => new ClickstreamSessions(app, 'clickstream-sessions'));
    expect(out).toMatchSnapshot();
    expect(out.map((o) => o.kind)).toEqual(['FlinkBlueGreenDeployment']);
    expect(out[0].spec.transitionMode).toBeUndefined();
    expect(out[0].spec.configuration).toEqual({
      'kubernetes.operator.bluegreen.abort.grace-period': '10 min',
      'kubernetes.operator.bluegreen.deployment-deletion.delay': '30 s',
    });
  });

  it('fraud-scoring: plain FlinkJob with HA and savepoints', () => {
    const out = synthChart((app) => new FraudScoring(app, 'fraud-scoring'));
    expect(out).toMatchSnapshot();
    expect(out[0].kind).toBe('FlinkDeployment');
    expect(out[0].spec.flinkConfiguration['high-availability.type']).toBe('kubernetes');
    expect(out[0].spec.jobManager.replicas).toBe(2);
  });

  it('payments-ledger: manifest-wired, mid-cutover to GREEN from the savepoint step\'s snapshot', () => {
    const out = synthChart((app) => new PaymentsLedger(app, 'payments-ledger'));
    expect(out).toMatchSnapshot();
    expect(out.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'FlinkDeployment/payments-ledger-blue',
      'FlinkDeployment/payments-ledger-green',
      'FlinkStateSnapshot/payments-ledger-blue-savepoint-1',
      'ConfigMap/payments-ledger-configmap',
      'Role/payments-ledger-bluegreen-gate',
      'RoleBinding/payments-ledger-bluegreen-gate',
    ]);
  });

  it('analytics-sessions: a session cluster, a session job and its savepoint under platform defaults; passes validate', () => {
    const out = synthChart((app) => new AnalyticsSessions(app, 'analytics-sessions'));
    expect(out).toMatchSnapshot();
    expect(out.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'FlinkDeployment/analytics-session',
      'FlinkSessionJob/daily-reports',
      'FlinkStateSnapshot/daily-reports-backup-1',
    ]);
    expect(out[0].spec.job).toBeUndefined();
    expect(out[0].spec.image).toBe('registry.example.com/analytics/flink:1.20.1-java17');
    expect(out[0].spec.flinkConfiguration['high-availability.storageDir']).toBe('s3://flink-state/analytics/analytics-session/ha');
    expect(out[1].spec.deploymentName).toBe('analytics-session');
    expect(out[2].spec.jobReference).toEqual({ kind: 'FlinkSessionJob', name: 'daily-reports' });
    expect(validateDocuments(out).flat().filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('shipment-tracker: moving between clusters, one file per cluster, each ConfigMap beside its colour with the same T', () => {
    const app = memoryApp();
    shipmentTracker(app);
    const [west, central] = app.charts.map((c) => Testing.synth(c));
    expect([west, central]).toMatchSnapshot();
    expect(west.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['FlinkDeployment/shipment-tracker-blue', 'ConfigMap/shipment-tracker-configmap', 'Role/shipment-tracker-bluegreen-gate', 'RoleBinding/shipment-tracker-bluegreen-gate']);
    expect(central.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['FlinkDeployment/shipment-tracker-green', 'ConfigMap/shipment-tracker-configmap', 'Role/shipment-tracker-bluegreen-gate', 'RoleBinding/shipment-tracker-bluegreen-gate']);
    const [cmWest, cmCentral] = [west, central].map((objs) => objs.find((o) => o.kind === 'ConfigMap').data);
    expect(cmWest).toEqual(cmCentral);
    expect(cmWest).toMatchObject({ 'active-deployment-type': 'GREEN', 'watermark-toggle-value': String(Date.parse('2026-12-03T03:00:00Z')) });
    for (const side of [west, central, [...west, ...central]]) expect(validateDocuments(side).flat()).toEqual([]);
  });

  it('synthesizes byte-identical output twice', () => {
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'synth-')));
    onTestFinished(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
    for (const outdir of dirs) {
      execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/main.ts')], { env: { ...process.env, CDK8S_OUTDIR: outdir } });
    }
    const files = readdirSync(dirs[0]).sort();
    expect(files).toEqual([
      '.cdk8s-flink-bluegreen-output.json',
      'analytics-sessions.k8s.yaml',
      'clickstream-sessions.k8s.yaml',
      'fraud-scoring.k8s.yaml',
      'orders-enrichment.k8s.yaml',
      'payments-ledger.k8s.yaml',
      'shipment-tracker-eu-central-1.k8s.yaml',
      'shipment-tracker-eu-west-1.k8s.yaml',
    ]);
    for (const f of files) expect(readFileSync(join(dirs[1], f), 'utf8')).toBe(readFileSync(join(dirs[0], f), 'utf8'));
  });

  it('the committed dist/ parses and every Flink object carries an explicit name', () => {
    for (const f of readdirSync(join(root, 'dist')).filter((n) => n.endsWith('.k8s.yaml'))) {
      for (const doc of parseAllDocuments(readFileSync(join(root, 'dist', f), 'utf8'))) {
        const o = doc.toJS();
        expect(o.metadata.name).toMatch(/^[a-z]/);
      }
    }
  });
});

describe('cdk8s synth of an invalid app', () => {
  it('exits non-zero, reports every problem with its construct path, and writes no files', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'invalid-'));
    onTestFinished(() => rmSync(tmp, { recursive: true, force: true }));
    const outdir = join(tmp, 'dist');
    const app = join(root, 'test/fixtures/apps/invalid-app.ts');
    const res = spawnSync(join(root, 'node_modules/.bin/cdk8s'), ['synth', '--no-check-upgrade', '--app', `npx tsx ${app}`, '--output', outdir], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CDK8S_FLINK_WARNINGS: 'off' },
    });
    expect(res.status).not.toBe(0);
    const output = res.stdout + res.stderr;
    expect(output).toContain('[broken/Orders] invalid prop job.parallelism: parallelism must be at least 1, got 0');
    expect(output).toContain('[broken/Orders] invalid prop gate: Gate.watermark needs exactly one extractor, got none');
    expect(output).toContain('[broken/Fraud] invalid prop jobManager.memory: jobManager memory is required');
    expect(existsSync(outdir) ? readdirSync(outdir) : []).toEqual([]);
  });
});
