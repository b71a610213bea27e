import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AgentInjection, BlueGreenFlinkJob, CLUSTER_ANNOTATION, ClusterTarget, Colour, Cutover, Gate, type BlueGreenFlinkJobProps } from '../../src';
import { validateDocuments } from '../../src/validation';
import { baseSpec, validationErrors } from './helpers';
import { memoryApp } from '../helpers/memory-app';

const T = new Date('2026-12-01T02:00:00Z');
const cut = Cutover.startOn(Colour.BLUE).cutoverTo(Colour.GREEN, { at: T, savepointPath: 's3://state/ledger/savepoints/savepoint-1' });

function app() {
  const a = memoryApp();
  const home = new Chart(a, 'ledger', { namespace: 'payments' });
  const west = new Chart(a, 'eu-west', { namespace: 'payments' });
  const central = new Chart(a, 'eu-central', { namespace: 'payments-v2' });
  return { a, home, west, central };
}

function job(extra: Partial<BlueGreenFlinkJobProps>): BlueGreenFlinkJobProps {
  return {
    name: 'ledger',
    ...baseSpec(),
    gate: Gate.watermark({ fieldPath: 'bookedAt' }),
    injection: AgentInjection.manifest({ agentImage: 'ghcr.io/apache/flink-kubernetes-operator:1.16.0' }),
    ...extra,
  };
}

function kinds(objects: any[]): string[] {
  return objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`);
}

describe('BlueGreenFlinkJob across clusters', () => {
  it('during a cutover each target gets its colour, its own ConfigMap with the same data, and its RBAC', () => {
    const { a, home, west, central } = app();
    new BlueGreenFlinkJob(home, 'Ledger', job({
      cutover: cut,
      targets: {
        blue: ClusterTarget.of({ cluster: 'eu-west', chart: west }),
        green: ClusterTarget.of({ cluster: 'eu-central', chart: central }),
      },
    }));
    expect(validationErrors(home)).toEqual([]);
    expect(Testing.synth(home)).toEqual([]);
    const w = Testing.synth(west);
    const c = Testing.synth(central);
    expect(kinds(w)).toEqual(['FlinkDeployment/payments/ledger-blue', 'ConfigMap/payments/ledger-configmap', 'Role/payments/ledger-bluegreen-gate', 'RoleBinding/payments/ledger-bluegreen-gate']);
    expect(kinds(c)).toEqual(['FlinkDeployment/payments-v2/ledger-green', 'ConfigMap/payments-v2/ledger-configmap', 'Role/payments-v2/ledger-bluegreen-gate', 'RoleBinding/payments-v2/ledger-bluegreen-gate']);
    const cmW = w.find((o) => o.kind === 'ConfigMap');
    const cmC = c.find((o) => o.kind === 'ConfigMap');
    expect(cmW.data).toEqual(cmC.data);
    expect(cmW.data).toMatchObject({ 'active-deployment-type': 'GREEN', 'watermark-toggle-value': String(T.getTime()), stage: 'TRANSITIONING' });
    for (const o of w) expect(o.metadata.annotations?.[CLUSTER_ANNOTATION]).toBe('eu-west');
    for (const o of c) expect(o.metadata.annotations?.[CLUSTER_ANNOTATION]).toBe('eu-central');
    // Each side's RoleBinding binds its own namespace's account, the gate reads its own ConfigMap.
    expect(c.find((o) => o.kind === 'RoleBinding').subjects).toEqual([{ apiGroup: '', kind: 'ServiceAccount', name: 'flink', namespace: 'payments-v2' }]);
    expect(c[0].spec.flinkConfiguration).toMatchObject({ 'bluegreen.active-deployment-type': 'GREEN', 'bluegreen.configmap.name': 'ledger-configmap' });
    expect(c[0].spec.job.initialSavepointPath).toBe('s3://state/ledger/savepoints/savepoint-1');
    // Each target's output passes validate alone, and both together.
    for (const docs of [w, c, [...w, ...c]]) expect(validateDocuments(docs).flat().filter((f) => f.severity === 'error')).toEqual([]);
    void a;
  });

  it('after complete() only the new target has objects; the old cluster is emptied (pruned by GitOps)', () => {
    const { home, west, central } = app();
    new BlueGreenFlinkJob(home, 'Ledger', job({
      cutover: cut.complete(),
      targets: { blue: ClusterTarget.of({ cluster: 'eu-west', chart: west }), green: ClusterTarget.of({ cluster: 'eu-central', chart: central }) },
    }));
    expect(Testing.synth(west)).toEqual([]);
    expect(kinds(Testing.synth(central))).toEqual(['FlinkDeployment/payments-v2/ledger-green', 'ConfigMap/payments-v2/ledger-configmap', 'Role/payments-v2/ledger-bluegreen-gate', 'RoleBinding/payments-v2/ledger-bluegreen-gate']);
  });

  it('across namespaces of one chart: two ConfigMaps, two Roles, ids unique', () => {
    const { home } = app();
    new BlueGreenFlinkJob(home, 'Ledger', job({ cutover: cut, targets: { blue: ClusterTarget.of({ namespace: 'ledger-a' }), green: ClusterTarget.of({ namespace: 'ledger-b' }) } }));
    expect(kinds(Testing.synth(home)).sort()).toEqual([
      'ConfigMap/ledger-a/ledger-configmap',
      'ConfigMap/ledger-b/ledger-configmap',
      'FlinkDeployment/ledger-a/ledger-blue',
      'FlinkDeployment/ledger-b/ledger-green',
      'Role/ledger-a/ledger-bluegreen-gate',
      'Role/ledger-b/ledger-bluegreen-gate',
      'RoleBinding/ledger-a/ledger-bluegreen-gate',
      'RoleBinding/ledger-b/ledger-bluegreen-gate',
    ]);
  });

  it('targets naming the same place as the job change nothing', () => {
    const plain = app();
    new BlueGreenFlinkJob(plain.home, 'Ledger', job({ cutover: cut }));
    const same = app();
    new BlueGreenFlinkJob(same.home, 'Ledger', job({ cutover: cut, targets: { blue: ClusterTarget.of(), green: ClusterTarget.of({ namespace: 'payments' }) } }));
    expect(Testing.synth(same.home)).toEqual(Testing.synth(plain.home));
  });

  it('refuses local savepoint storage once the colours run apart, and targets with operator injection', () => {
    const { home, west, central } = app();
    new BlueGreenFlinkJob(home, 'Local', job({
      name: 'local',
      savepointsDir: 'file:///flink/savepoints',
      cutover: Cutover.startOn(Colour.BLUE).cutoverTo(Colour.GREEN, { at: T, savepointPath: '/flink/savepoints/savepoint-1' }),
      targets: { blue: ClusterTarget.of({ cluster: 'eu-west', chart: west }), green: ClusterTarget.of({ cluster: 'eu-central', chart: central }) },
    }));
    new BlueGreenFlinkJob(home, 'Op', job({ name: 'op', injection: AgentInjection.operator(), targets: { green: ClusterTarget.of({ namespace: 'x' }) } }));
    new BlueGreenFlinkJob(home, 'Bad', job({ name: 'bad', targets: { green: ClusterTarget.of({ cluster: 'EU West' }) } }));
    new BlueGreenFlinkJob(home, 'Elsewhere', job({ name: 'elsewhere', targets: { green: ClusterTarget.of({ chart: new Chart(memoryApp(), 'other') }) } }));
    const errors = validationErrors(home).join('\n');
    expect(errors).toContain('savepointsDir: "file:///flink/savepoints" is local storage: the colours run apart, and the job in the other cluster restores from this savepoint but cannot read it');
    expect(errors).toContain('cutover.steps[1].savepointPath: "/flink/savepoints/savepoint-1" is local storage');
    expect(errors).toContain("targets: targets is for AgentInjection.manifest(...)");
    expect(errors).toContain('targets.green.cluster: cluster "EU West" must be lower-case alphanumerics');
    expect(errors).toContain('targets.green.chart: chart "other" belongs to another App');
  });
});

describe('validate across one job\'s targets', () => {
  function pair() {
    const { home, west, central } = app();
    new BlueGreenFlinkJob(home, 'Ledger', job({ cutover: cut, targets: { blue: ClusterTarget.of({ cluster: 'eu-west', chart: west }), green: ClusterTarget.of({ cluster: 'eu-central', chart: central }) } }));
    return [...Testing.synth(west), ...Testing.synth(central)];
  }

  it('GATE-CONFIGMAP-MISMATCH: the targets\' ConfigMaps differ', () => {
    const docs = pair();
    const green = docs.filter((o) => o.kind === 'ConfigMap')[1];
    green.data['watermark-toggle-value'] = String(T.getTime() + 60_000);
    const findings = validateDocuments(docs);
    const hits = findings.flat().filter((f) => f.rule === 'GATE-CONFIGMAP-MISMATCH');
    expect(hits).toHaveLength(1);
    expect(hits[0].path).toBe('/data/watermark-toggle-value');
    expect(hits[0].severity).toBe('error');
    expect(findings[docs.indexOf(green)].map((f) => f.rule)).toContain('GATE-CONFIGMAP-MISMATCH');
  });

  it('GATE-SAVEPOINT-LOCAL: the new colour in the other cluster restores from file://', () => {
    const docs = pair();
    const green = docs.find((o) => o.kind === 'FlinkDeployment' && o.metadata.name === 'ledger-green');
    green.spec.job.initialSavepointPath = 'file:///mnt/savepoints/savepoint-1';
    const hits = validateDocuments(docs).flat().filter((f) => f.rule === 'GATE-SAVEPOINT-LOCAL');
    expect(hits.map((f) => [f.path, f.value])).toEqual([['/spec/job/initialSavepointPath', 'file:///mnt/savepoints/savepoint-1']]);
  });

  it('two unrelated jobs of the same name in two namespaces are not compared', () => {
    const one = app();
    new BlueGreenFlinkJob(one.home, 'Ledger', job({ cutover: cut }));
    const two = app();
    new BlueGreenFlinkJob(new Chart(two.a, 'staging', { namespace: 'staging' }), 'Ledger', job({}));
    const docs = [...Testing.synth(one.home), ...Testing.synth(two.a.charts[3])];
    expect(validateDocuments(docs).flat().filter((f) => f.rule.startsWith('GATE-CONFIGMAP') || f.rule === 'GATE-SAVEPOINT-LOCAL')).toEqual([]);
  });
});
