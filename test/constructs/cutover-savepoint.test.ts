import { describe, expect, it } from 'vitest';
import { AgentInjection, BlueGreenFlinkJob, Colour, Cutover, Gate, type BlueGreenFlinkJobProps } from '../../src';
import { validateDocuments } from '../../src/validation';
import { baseSpec, byKind, newChart, synthValidated, validationErrors } from './helpers';

const T = new Date('2026-12-01T02:00:00Z');
const T2 = new Date('2026-12-15T02:00:00Z');
const SP = 's3://state/job/savepoints/savepoint-3f9a1c-1a2b3c4d5e6f';

function props(cutover: Cutover): BlueGreenFlinkJobProps {
  return {
    name: 'ledger',
    ...baseSpec(),
    gate: Gate.watermark({ fieldPath: 'bookedAt' }),
    injection: AgentInjection.manifest({ agentImage: 'ghcr.io/apache/flink-kubernetes-operator:1.16.0' }),
    cutover,
  };
}

function synth(cutover: Cutover) {
  const { chart } = newChart('payments');
  const job = new BlueGreenFlinkJob(chart, 'Ledger', props(cutover));
  return { out: synthValidated(chart), job };
}

describe('Cutover.savepoint(): the savepoint as a commit of its own', () => {
  it('commit N: a FlinkStateSnapshot of the active colour, nothing else changes; the command reads its path', () => {
    const before = synth(Cutover.startOn(Colour.BLUE)).out;
    const { out, job } = synth(Cutover.startOn(Colour.BLUE).savepoint(Colour.BLUE));
    expect(out.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([...before.map((o) => `${o.kind}/${o.metadata.name}`).slice(0, 1), 'FlinkStateSnapshot/ledger-blue-savepoint-1', ...before.map((o) => `${o.kind}/${o.metadata.name}`).slice(1)]);
    const [snap] = byKind(out, 'FlinkStateSnapshot');
    expect(snap).toEqual({
      apiVersion: 'flink.apache.org/v1beta1',
      kind: 'FlinkStateSnapshot',
      metadata: { name: 'ledger-blue-savepoint-1', namespace: 'payments', annotations: { 'flink.bluegreen/operator-version': '1.15' } },
      spec: { savepoint: { disposeOnDelete: false }, jobReference: { kind: 'FlinkDeployment', name: 'ledger-blue' } },
    });
    // The deployments and the gate ConfigMap are byte-identical to the commit before.
    expect(out.filter((o) => o.kind !== 'FlinkStateSnapshot')).toEqual(before);
    expect(job.savepointPathCommand).toBe(
      "kubectl -n payments wait flinkstatesnapshot/ledger-blue-savepoint-1 --for=jsonpath='{.status.state}'=COMPLETED --timeout=15m && kubectl -n payments get flinkstatesnapshot ledger-blue-savepoint-1 -o jsonpath='{.status.path}'",
    );
    expect(validateDocuments(out).flat().filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('commit N+1: cutoverTo takes the path; the snapshot stays until complete() (commit N+2) removes it', () => {
    const cut = Cutover.startOn(Colour.BLUE).savepoint(Colour.BLUE).cutoverTo(Colour.GREEN, { at: T, savepointPath: SP });
    const { out } = synth(cut);
    expect(byKind(out, 'FlinkStateSnapshot').map((o) => o.metadata.name)).toEqual(['ledger-blue-savepoint-1']);
    expect(byKind(out, 'FlinkDeployment').find((d) => d.metadata.name === 'ledger-green').spec.job.initialSavepointPath).toBe(SP);
    const done = synth(cut.complete());
    expect(byKind(done.out, 'FlinkStateSnapshot')).toEqual([]);
    expect(done.job.savepointPathCommand).toBeUndefined();
    // The next round numbers its snapshot anew.
    const next = synth(cut.complete().savepoint(Colour.GREEN));
    expect(byKind(next.out, 'FlinkStateSnapshot').map((o) => o.metadata.name)).toEqual(['ledger-green-savepoint-2']);
  });

  it('refuses a savepoint of the wrong colour, during a cutover, and a cutover whose savepoint step took the other colour', () => {
    const { chart } = newChart('payments');
    new BlueGreenFlinkJob(chart, 'Wrong', { ...props(Cutover.startOn(Colour.BLUE).savepoint(Colour.GREEN)), name: 'a' });
    new BlueGreenFlinkJob(chart, 'During', { ...props(Cutover.startOn(Colour.BLUE).cutoverTo(Colour.GREEN, { at: T, savepointPath: SP }).savepoint(Colour.BLUE)), name: 'b' });
    new BlueGreenFlinkJob(chart, 'Stale', {
      ...props(Cutover.startOn(Colour.BLUE).savepoint(Colour.BLUE).cutoverTo(Colour.GREEN, { at: T, savepointPath: SP }).complete().cutoverTo(Colour.BLUE, { at: T2, savepointPath: `${SP}-2` })),
      name: 'c',
    });
    new BlueGreenFlinkJob(chart, 'Reused', {
      ...props(Cutover.startOn(Colour.BLUE).cutoverTo(Colour.GREEN, { at: T, savepointPath: SP }).complete().cutoverTo(Colour.BLUE, { at: T2, savepointPath: SP })),
      name: 'd',
    });
    expect(validationErrors(chart)).toEqual([
      '[test/Wrong] invalid prop cutover.steps[1]: savepoint(GREEN) but BLUE is the active colour (GREEN is not deployed): take the savepoint of BLUE',
      '[test/During] invalid prop cutover.steps[2]: savepoint(BLUE) during the cutover to GREEN: take the savepoint before cutoverTo(), or after complete()',
      '[test/Stale] invalid prop cutover.steps[4]: cutoverTo(BLUE) from GREEN, but the last savepoint step (cutover.steps[1]) took BLUE: its path would restore BLUE from old state; add savepoint(GREEN) before this cutover and use its path',
      `[test/Reused] invalid prop cutover.steps[3].savepointPath: savepointPath ${SP} was already restored by cutover.steps[1]: BLUE would start from state older than GREEN's; take a new savepoint of GREEN`,
    ]);
  });

  it('the snapshot is validated with its colour: no savepoint directory fails synth (StateSnapshotReconciler)', () => {
    const { chart } = newChart('payments');
    new BlueGreenFlinkJob(chart, 'Ledger', { ...props(Cutover.startOn(Colour.BLUE).savepoint(Colour.BLUE)), ...baseSpec({ savepointsDir: undefined, job: { jarURI: 'local:///j.jar', parallelism: 1 } }) });
    expect(validationErrors(chart).join('\n')).toMatch(/error\[SNAPSHOT-SAVEPOINT-PATH\] FlinkStateSnapshot\/ledger-blue-savepoint-1/);
  });
});
