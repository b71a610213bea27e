import { readFileSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { HealthCheckedKind } from '../../src/gitops/kinds';
import { HEALTH_CASES } from './health-cases';

const CRD_DIR = join(__dirname, '..', '..', 'crds', 'main');
const CRD_FILES: Record<HealthCheckedKind, string> = {
  FlinkBlueGreenDeployment: 'flinkbluegreendeployments.flink.apache.org-v1.yml',
  FlinkDeployment: 'flinkdeployments.flink.apache.org-v1.yml',
};

/** Status enums the health checks read, as paths below `status`. */
const ENUM_PATHS: Record<HealthCheckedKind, readonly string[]> = {
  FlinkBlueGreenDeployment: ['blueGreenState', 'jobStatus.state'],
  FlinkDeployment: ['lifecycleState', 'jobManagerDeploymentStatus', 'jobStatus.state', 'reconciliationStatus.state'],
};

function statusSchema(kind: HealthCheckedKind): Record<string, any> {
  const crd = parse(readFileSync(join(CRD_DIR, CRD_FILES[kind]), 'utf8'));
  return crd.spec.versions[0].schema.openAPIV3Schema.properties.status;
}

function enumAt(schema: Record<string, any>, path: string): readonly string[] {
  let s = schema;
  for (const p of path.split('.')) s = s?.properties?.[p];
  if (!Array.isArray(s?.enum)) throw new Error(`no enum at status.${path}`);
  return s.enum;
}

function valueAt(obj: Record<string, unknown>, path: string): unknown {
  let v: any = obj['status'];
  for (const p of path.split('.')) v = v?.[p];
  return v;
}

describe('health fixtures cover every value of the CRD status enums', () => {
  for (const kind of Object.keys(ENUM_PATHS) as HealthCheckedKind[]) {
    const schema = statusSchema(kind);
    for (const path of ENUM_PATHS[kind]) {
      it(`${kind} status.${path}`, () => {
        const seen = new Set(HEALTH_CASES.filter((c) => c.kind === kind).map((c) => valueAt(c.obj, path)));
        const missing = enumAt(schema, path).filter((v) => !seen.has(v));
        expect(missing).toEqual([]);
      });
    }
  }

  it('includes an aborted transition and a stale observedGeneration for each kind', () => {
    const aborted = HEALTH_CASES.filter((c) => String((c.obj['status'] as any)?.error ?? '').startsWith('Aborting deployment'));
    expect(aborted.length).toBeGreaterThanOrEqual(2);
    for (const kind of ['FlinkBlueGreenDeployment', 'FlinkDeployment'] as const) {
      const stale = HEALTH_CASES.filter((c) => {
        const s = c.obj['status'] as any;
        return c.kind === kind && s?.observedGeneration !== undefined && s.observedGeneration !== (c.obj['metadata'] as any).generation;
      });
      expect(stale.length, kind).toBeGreaterThan(0);
    }
  });
});
