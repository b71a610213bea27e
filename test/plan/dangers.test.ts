import { describe, expect, it } from 'vitest';
import { compareObject } from '../../src/plan/plan';
import type { FlinkKind } from '../../src/plan/impact';
import { bg, fd } from './builders';

const id = { namespace: 'ns', name: 'app' };

function codes(kind: FlinkKind, a: unknown, b: unknown): string[] {
  return compareObject(kind, a, b, id).dangers.map((d) => `${d.severity}:${d.code}`);
}

describe('dangers', () => {
  it('transitionMode changed after the first deployment is an error; null counts as BASIC', () => {
    expect(codes('FlinkBlueGreenDeployment', bg(), bg({}, { transitionMode: 'ADVANCED' }))).toContain('error:transition-mode-immutable');
    expect(codes('FlinkBlueGreenDeployment', bg(), bg({}, { transitionMode: 'BASIC' }))).toEqual([]);
  });

  it('a stateless blue/green job loses its state in a transition (also when upgradeMode is absent)', () => {
    const before = bg({ job: { upgradeMode: undefined } });
    const c = compareObject('FlinkBlueGreenDeployment', before, bg({ image: 'x:2', job: { upgradeMode: undefined } }), id);
    expect(c.impact).toBe('TRANSITION');
    expect(c.dangers.map((d) => d.code)).toEqual(['stateless-loses-state']);
    expect(c.dangers[0].message).toMatch(/defaults to stateless/);
    // savepoint mode: the transition takes a savepoint, no warning
    expect(codes('FlinkBlueGreenDeployment', bg(), bg({ image: 'x:2' }))).toEqual([]);
    // stateless, but only a PATCH_CHILD: nothing restarts
    expect(codes('FlinkBlueGreenDeployment', bg({ job: { upgradeMode: 'stateless' } }), bg({ job: { upgradeMode: 'stateless', allowNonRestoredState: true } }))).toEqual([]);
  });

  it('a stateless FlinkDeployment upgrade warns too', () => {
    expect(codes('FlinkDeployment', fd({ job: { upgradeMode: 'stateless' } }), fd({ image: 'x:2', job: { upgradeMode: 'stateless' } }))).toEqual(['warning:stateless-loses-state']);
  });

  it('flinkVersion change of a job suspended with last-state is an error', () => {
    const suspended = { job: { state: 'suspended', upgradeMode: 'last-state' } };
    expect(codes('FlinkDeployment', fd(suspended), fd({ ...suspended, flinkVersion: 'v2_0' }))).toContain('error:flink-version-after-last-state-suspend');
    expect(codes('FlinkBlueGreenDeployment', bg(suspended), bg({ job: { state: 'running', upgradeMode: 'last-state' }, flinkVersion: 'v2_0' }))).toContain(
      'error:flink-version-after-last-state-suspend',
    );
    // running job, or a new stateless upgrade mode: allowed
    expect(codes('FlinkDeployment', fd({ job: { upgradeMode: 'last-state' } }), fd({ job: { upgradeMode: 'last-state' }, flinkVersion: 'v2_0' }))).not.toContain(
      'error:flink-version-after-last-state-suspend',
    );
    expect(codes('FlinkDeployment', fd(suspended), fd({ job: { state: 'suspended', upgradeMode: 'stateless' }, flinkVersion: 'v2_0' }))).not.toContain(
      'error:flink-version-after-last-state-suspend',
    );
  });

  it('a savepoint redeploy without initialSavepointPath is an error', () => {
    expect(codes('FlinkDeployment', fd(), fd({ job: { savepointRedeployNonce: 1 } }))).toEqual(['error:savepoint-redeploy-without-path']);
    expect(codes('FlinkBlueGreenDeployment', bg(), bg({ job: { savepointRedeployNonce: 1, initialSavepointPath: '  ' } }))).toEqual(['error:savepoint-redeploy-without-path']);
    expect(codes('FlinkDeployment', fd(), fd({ job: { savepointRedeployNonce: 1, initialSavepointPath: 's3://b/sp/1' } }))).toEqual([]);
  });

  it('changing state.backend.type with NATIVE savepoints is an error for blue/green, a warning for a FlinkDeployment', () => {
    const native = { flinkConfiguration: { 'kubernetes.operator.savepoint.format.type': 'native' } };
    const rocks = { flinkConfiguration: { 'kubernetes.operator.savepoint.format.type': 'native', 'state.backend.type': 'rocksdb' } };
    expect(codes('FlinkBlueGreenDeployment', bg(native), bg(rocks))).toEqual(['error:state-backend-change-native-savepoint']);
    expect(codes('FlinkDeployment', fd(native), fd(rocks))).toEqual(['warning:state-backend-change-native-savepoint']);
    // canonical format (the default): fine
    expect(codes('FlinkBlueGreenDeployment', bg(), bg({ flinkConfiguration: { 'state.backend.type': 'rocksdb' } }))).toEqual([]);
    // a legacy alias of the same backend is not a change
    const legacy = { flinkConfiguration: { 'kubernetes.operator.savepoint.format.type': 'NATIVE', 'state.backend': 'filesystem' } };
    expect(codes('FlinkBlueGreenDeployment', bg(legacy), bg({ ...legacy, image: 'x:2' }))).toEqual([]);
  });

  it('FlinkDeployment: switching native/standalone or session/application is rejected', () => {
    expect(codes('FlinkDeployment', fd(), fd({ mode: 'standalone' }))).toContain('error:deployment-mode-switch');
    expect(codes('FlinkDeployment', fd({ job: undefined }), fd())).toContain('error:session-application-switch');
  });

  it('deleting a stateful job warns; CREATE of a suspended job notes it waits', () => {
    expect(compareObject('FlinkDeployment', fd(), undefined, id).dangers.map((d) => d.code)).toEqual(['delete-stateful-job']);
    const created = compareObject('FlinkBlueGreenDeployment', undefined, bg({ job: { state: 'suspended' } }), id);
    expect(created.impact).toBe('CREATE');
    expect(created.notes.join(' ')).toMatch(/nothing is deployed/);
  });
});
