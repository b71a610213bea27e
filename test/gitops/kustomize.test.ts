import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { App, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonPatch, writeKustomizeLayout } from '../../src/gitops/kustomize';
import { buildApp, ORDERS_ENVIRONMENTS, SHIPMENT_CLUSTERS, writeKustomize } from '../../src/main';

const SHIPMENT_CLUSTERS_LIST = [SHIPMENT_CLUSTERS.from, SHIPMENT_CLUSTERS.to];
import { OperatorVersion } from '../../src';
import { validateDocument } from '../../src/validation';

process.env.CDK8S_FLINK_WARNINGS = 'off';

function kustomize(dir: string): any[] {
  const which = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (which.error || which.status !== 0) {
    throw new Error('kubectl is missing: these tests run the real `kubectl kustomize`; install kubectl (CI fails rather than skips)');
  }
  const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  return parseAllDocuments(out).map((d) => d.toJS());
}

function direct(build: (app: App) => void): any[] {
  const app = Testing.app();
  build(app);
  return app.charts.flatMap((c) => Testing.synth(c));
}

const key = (o: any) => `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
/** The cluster an object is for (ClusterTarget), '' for the app's own. */
const clusterOf = (o: any): string => o.metadata.annotations?.['flink.bluegreen/cluster'] ?? '';
const byKey = (objs: any[]) => Object.fromEntries(objs.map((o) => [key(o), o]));

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? listFiles(join(dir, f)) : [join(dir, f)]));
}

describe('Kustomize layout', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'kustomize-'));
    writeKustomize(out);
  });

  it('writes one folder per app, one file per resource, sorted kustomization.yaml', () => {
    const orders = readdirSync(join(out, 'base/orders-enrichment')).sort();
    expect(orders).toEqual([
      'flinkbluegreendeployment.streaming.orders-enrichment.yaml',
      'kustomization.yaml',
      'role.streaming.orders-enrichment-bluegreen-gate.yaml',
      'rolebinding.streaming.orders-enrichment-bluegreen-gate.yaml',
    ]);
    const k = parseAllDocuments(readFileSync(join(out, 'base/orders-enrichment/kustomization.yaml'), 'utf8'))[0].toJS();
    expect(k.resources).toEqual([...k.resources].sort());
    expect(k.resources).toHaveLength(3);
  });

  for (const env of Object.keys(ORDERS_ENVIRONMENTS) as Array<keyof typeof ORDERS_ENVIRONMENTS>) {
    it(`kubectl kustomize overlays/${env} equals what the constructs synthesize for ${env}`, () => {
      const all = direct((app) => buildApp(app, ORDERS_ENVIRONMENTS[env]));
      for (const cluster of ['', ...SHIPMENT_CLUSTERS_LIST]) {
        const rendered = byKey(kustomize(join(out, cluster ? `clusters/${cluster}` : '', 'overlays', env)));
        const expected = byKey(all.filter((o) => clusterOf(o) === cluster));
        expect(Object.keys(rendered).sort(), cluster).toEqual(Object.keys(expected).sort());
        for (const k of Object.keys(expected)) expect(rendered[k]).toEqual(expected[k]);
      }
    });
  }

  it('each cluster of a cross-cluster job gets its colour, its own gate ConfigMap (same data) and RBAC', () => {
    const [west, central] = SHIPMENT_CLUSTERS_LIST.map((c) => kustomize(join(out, 'clusters', c, 'overlays', 'production')));
    const kinds = (objs: any[]) => objs.map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(kinds(west)).toEqual(['ConfigMap/shipment-tracker-configmap', 'FlinkDeployment/shipment-tracker-blue', 'Role/shipment-tracker-bluegreen-gate', 'RoleBinding/shipment-tracker-bluegreen-gate']);
    expect(kinds(central)).toEqual(['ConfigMap/shipment-tracker-configmap', 'FlinkDeployment/shipment-tracker-green', 'Role/shipment-tracker-bluegreen-gate', 'RoleBinding/shipment-tracker-bluegreen-gate']);
    const cm = (objs: any[]) => objs.find((o) => o.kind === 'ConfigMap').data;
    expect(cm(west)).toEqual(cm(central));
    // The app's own overlays hold nothing of it.
    expect(kustomize(join(out, 'overlays', 'production')).filter((o) => o.metadata.name.startsWith('shipment-tracker'))).toEqual([]);
  });

  it('a cluster that no object names any more still gets (empty) overlays, so GitOps prunes it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kustomize-empty-'));
    try {
      writeKustomizeLayout({ outdir: dir, build: (app) => buildApp(app), environments: [{ name: 'production', build: (app) => buildApp(app) }], clusters: ['eu-south-1'] });
      expect(kustomize(join(dir, 'clusters/eu-south-1/overlays/production'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the staging overlay patches exactly the values that differ', () => {
    const patch = parseAllDocuments(readFileSync(join(out, 'overlays/staging/patches/flinkbluegreendeployment.streaming.orders-enrichment.yaml'), 'utf8'))[0].toJS();
    expect(patch.map((p: any) => p.path)).toEqual([
      '/spec/configuration/kubernetes.operator.bluegreen.gate.timeout',
      '/spec/template/spec/image',
      '/spec/template/spec/job/parallelism',
      '/spec/template/spec/taskManager/resource/memory',
    ]);
  });

  it('overlay output passes the validator', () => {
    const versions: Record<string, OperatorVersion> = {
      'orders-enrichment': OperatorVersion.FLIP_504,
      'clickstream-sessions': OperatorVersion.V1_15,
      'fraud-scoring': OperatorVersion.V1_15,
      'payments-ledger-blue': OperatorVersion.V1_15,
      'payments-ledger-green': OperatorVersion.V1_15,
      'shipment-tracker-blue': OperatorVersion.V1_15,
      'shipment-tracker-green': OperatorVersion.V1_15,
    };
    const overlays = (env: string) => ['', ...SHIPMENT_CLUSTERS_LIST.map((c) => `clusters/${c}`)].map((root) => join(out, root, 'overlays', env));
    for (const env of Object.keys(ORDERS_ENVIRONMENTS)) {
      for (const doc of overlays(env).flatMap(kustomize)) {
        if (!String(doc.apiVersion).startsWith('flink.apache.org/')) continue;
        const errors = validateDocument(doc, { operatorVersion: versions[doc.metadata.name] }).filter((f) => f.severity === 'error');
        expect(errors, `${env} ${doc.kind}/${doc.metadata.name}`).toEqual([]);
      }
    }
  });

  it('the committed deploy/ is what the code writes', () => {
    const committed = join(__dirname, '..', '..', 'deploy');
    const a = listFiles(out).map((f) => relative(out, f)).sort();
    const b = listFiles(committed).map((f) => relative(committed, f)).sort();
    expect(b).toEqual(a);
    for (const f of a) expect(readFileSync(join(committed, f), 'utf8'), f).toBe(readFileSync(join(out, f), 'utf8'));
  });
});

describe('jsonPatch', () => {
  it('diffs objects key by key, escapes "/" and "~", replaces arrays whole', () => {
    expect(jsonPatch({ a: 1, b: { 'x/y': 1, k: [1, 2] } }, { b: { 'x/y': 2, k: [2, 1], 'n~': true } })).toEqual([
      { op: 'remove', path: '/a' },
      { op: 'replace', path: '/b/k', value: [2, 1] },
      { op: 'add', path: '/b/n~0', value: true },
      { op: 'replace', path: '/b/x~1y', value: 2 },
    ]);
    expect(jsonPatch({ a: 1 }, { a: 1 })).toEqual([]);
  });
});
