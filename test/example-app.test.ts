import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ClickstreamSessions, FraudScoring, OrdersEnrichment, PaymentsLedger } from '../src/main';

process.env.CDK8S_FLINK_WARNINGS = 'off';
const root = join(__dirname, '..');

function synthChart(make: (app: App) => unknown): any[] {
  const app = Testing.app();
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

  it('payments-ledger: manifest-wired, mid-cutover to GREEN', () => {
    const out = synthChart((app) => new PaymentsLedger(app, 'payments-ledger'));
    expect(out).toMatchSnapshot();
    expect(out.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'FlinkDeployment/payments-ledger-blue',
      'FlinkDeployment/payments-ledger-green',
      'ConfigMap/payments-ledger-configmap',
      'Role/payments-ledger-bluegreen-gate',
      'RoleBinding/payments-ledger-bluegreen-gate',
    ]);
  });

  it('synthesizes byte-identical output twice', () => {
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'synth-')));
    for (const outdir of dirs) {
      execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/main.ts')], { env: { ...process.env, CDK8S_OUTDIR: outdir } });
    }
    const files = readdirSync(dirs[0]).sort();
    expect(files).toEqual(['.cdk8s-flink-bluegreen-output.json', 'clickstream-sessions.k8s.yaml', 'fraud-scoring.k8s.yaml', 'orders-enrichment.k8s.yaml', 'payments-ledger.k8s.yaml']);
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
    const outdir = join(mkdtempSync(join(tmpdir(), 'invalid-')), 'dist');
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
