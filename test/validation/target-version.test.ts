import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OperatorVersion } from '../../src/operator-version';
import { OPERATOR_VERSION_ANNOTATION } from '../../src/operator-version-annotation';
import { validateDocument } from '../../src/validation';
import { advanced, type Doc } from './helpers';

const ROOT = join(__dirname, '..', '..');

function stamped(id: string): Doc {
  const d = advanced();
  d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [OPERATOR_VERSION_ANNOTATION]: id };
  return d;
}

const rules = (doc: Doc, operatorVersion?: OperatorVersion) => validateDocument(doc, { operatorVersion }).filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.path}`);

describe('the operator build a document is checked against', () => {
  it('without flag or annotation: the default build (1.15 has no transitionMode)', () => {
    expect(rules(advanced())).toContain('SCHEMA-UNKNOWN-FIELD /spec/transitionMode');
  });

  it('the annotation names the build', () => {
    expect(rules(stamped('flip-504'))).toEqual([]);
    expect(rules(stamped('1.15'))).toContain('SCHEMA-UNKNOWN-FIELD /spec/transitionMode');
  });

  it('an explicit operatorVersion (the --operator-version flag) overrides the annotation', () => {
    expect(rules(stamped('flip-504'), OperatorVersion.V1_15)).toContain('SCHEMA-UNKNOWN-FIELD /spec/transitionMode');
    expect(rules(stamped('1.14'), OperatorVersion.FLIP_504)).toEqual([]);
  });

  it('an unknown build in the annotation is an error at the annotation, and the default build is used', () => {
    const f = validateDocument(stamped('1.16'), {}).filter((x) => x.rule === 'TARGET-OPERATOR-VERSION');
    expect(f).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: '/metadata/annotations/flink.bluegreen~1operator-version',
        value: '1.16',
        fix: expect.stringContaining('1.14, 1.15, main, flip-504'),
      }),
    ]);
  });
});

describe('validate dist/ (the example app: jobs on 1.15 and on flip-504)', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'cdk8s-flink-bluegreen.js'), ...args], { cwd: ROOT, encoding: 'utf8' });

  it('passes: each object is checked against the build it was synthesized for', () => {
    const r = cli('validate', 'dist');
    expect(r.stdout).toContain('0 errors');
    expect(r.status).toBe(0);
  });

  it('--operator-version 1.15 checks the flip-504 job against the 1.15 CRD and fails', () => {
    const r = cli('validate', '--operator-version', '1.15', 'dist');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('error[SCHEMA-UNKNOWN-FIELD] FlinkBlueGreenDeployment/orders-enrichment');
  });
});
