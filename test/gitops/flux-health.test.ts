import { readFileSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { blueGreenVerdictCel, flinkDeploymentVerdictCel, fluxHealthCheckExprs, fluxKustomization } from '../../src/gitops/flux';
import { HEALTH_CHECKED_KINDS, HealthCheckedKind } from '../../src/gitops/kinds';
import { evalCel, fluxStatus, FluxStatus } from '../helpers/flux-cel';
import { runHealthLua } from '../helpers/lua';
import { ArgoStatus, HEALTH_CASES } from './health-cases';

/** Suspended is the desired state when Git says `job.state: suspended`, hence Current. */
const FLUX_FOR: Record<ArgoStatus, FluxStatus> = {
  Healthy: 'Current',
  Suspended: 'Current',
  Progressing: 'InProgress',
  Degraded: 'Failed',
};

const exprsFor = (kind: HealthCheckedKind) => {
  const e = fluxHealthCheckExprs().find((x) => x.kind === kind);
  if (!e) throw new Error(`no healthCheckExprs for ${kind}`);
  return e;
};
const verdictCel = (kind: HealthCheckedKind) => (kind === 'FlinkDeployment' ? flinkDeploymentVerdictCel() : blueGreenVerdictCel());
const luaFor = (kind: HealthCheckedKind) =>
  readFileSync(join(__dirname, '..', '..', 'src', 'gitops', 'health', HEALTH_CHECKED_KINDS.find((k) => k.kind === kind)!.luaFile), 'utf8');

describe('Flux healthCheckExprs (CEL, @marcbachmann/cel-js)', () => {

  it('has one entry per kind, in Flux cheatsheet form', () => {
    const exprs = fluxHealthCheckExprs();
    expect(exprs.map((e) => [e.apiVersion, e.kind])).toEqual([
      ['flink.apache.org/v1beta1', 'FlinkBlueGreenDeployment'],
      ['flink.apache.org/v1beta1', 'FlinkDeployment'],
    ]);
    for (const e of exprs) for (const f of [e.current, e.inProgress, e.failed]) expect(f.length).toBeGreaterThan(0);
  });

  it.each(HEALTH_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = fluxStatus(exprsFor(c.kind), c.obj);
    if (c.obj['status'] === undefined) {
      // No top-level `status` variable: CEL fails, Flux keeps polling until the operator writes one.
      expect(got.error).toMatch(/status/);
      expect(got.status).toBe('InProgress');
      return;
    }
    expect(got.error).toBeUndefined();
    expect(got.status).toBe(c.fluxGenerationPrecheck ? 'InProgress' : FLUX_FOR[c.status]);
  });

  it.each(HEALTH_CASES.filter((c) => c.obj['status'] !== undefined).map((c) => [c.name, c] as const))(
    'CEL verdict agrees with the Lua script: %s',
    (_name, c) => {
      const lua = runHealthLua(luaFor(c.kind), c.obj).status;
      expect(evalCel(verdictCel(c.kind), c.obj)).toBe(lua);
      // And through Flux's own evaluation order, except where its generation check answers first.
      const flux = fluxStatus(exprsFor(c.kind), c.obj).status;
      expect(flux).toBe(c.fluxGenerationPrecheck ? 'InProgress' : FLUX_FOR[lua as ArgoStatus]);
    },
  );

  it('exactly one of current / inProgress / failed holds for every fixture', () => {
    for (const c of HEALTH_CASES.filter((x) => x.obj['status'] !== undefined)) {
      const e = exprsFor(c.kind);
      const hits = [e.current, e.inProgress, e.failed].filter((x) => evalCel(x, c.obj) === true);
      expect(hits.length, c.name).toBe(1);
    }
  });

  it('emits a kustomize.toolkit.fluxcd.io/v1 Kustomization that waits on the expressions', () => {
    const k = fluxKustomization({ name: 'orders', path: './dist/orders', sourceRef: { kind: 'GitRepository', name: 'apps' } });
    expect(k.apiVersion).toBe('kustomize.toolkit.fluxcd.io/v1');
    expect(k.kind).toBe('Kustomization');
    expect(k.metadata).toEqual({ name: 'orders', namespace: 'flux-system' });
    expect(k.spec.wait).toBe(true);
    expect(k.spec.timeout).toBe('15m');
    expect(k.spec.healthCheckExprs).toEqual(fluxHealthCheckExprs());
  });
});
