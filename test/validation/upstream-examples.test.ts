import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { kubeconformSchema, schemaFileName } from '../../src/cli/schemas';
import { OperatorVersion, type OperatorVersionId } from '../../src/operator-version';
import { validateDocument } from '../../src/validation';
import { isFlinkKind } from '../../src/validation/crd';
import { fd } from './helpers';

const EXAMPLES: ReadonlyArray<[string, OperatorVersionId]> = [
  ['basic-checkpoint-ha.yaml', 'main'],
  ['bluegreen-ingress.yaml', 'main'],
  ['bluegreen-laststate.yaml', 'main'],
  ['bluegreen-advanced.yaml', 'flip-504'],
];

/**
 * Errors the operator would really hit: the FLIP-504 operator (PR #1043,
 * BlueGreenTransitionUtils.injectAgentInitContainer) appends its agent volume to the child's
 * jobManager.podTemplate, and FlinkUtils.mergePodTemplates merges it by position with the example's
 * job-wide PVC volume: one volume with two sources, which the API server rejects.
 */
const KNOWN: Record<string, string[]> = {
  'bluegreen-advanced.yaml': ['POD-VOLUME-SOURCE /spec/template/spec/podTemplate/spec/volumes/0'],
};

function docs(file: string): unknown[] {
  return parseAllDocuments(readFileSync(`examples-upstream/${file}`, 'utf8')).map((d) => d.toJS());
}

describe('upstream examples', () => {
  for (const [file, v] of EXAMPLES) {
    it(`${file} has no errors under ${v} but those the operator really hits`, () => {
      const errs = docs(file).flatMap((d) => validateDocument(d, { operatorVersion: OperatorVersion.of(v) })).filter((f) => f.severity === 'error');
      expect(errs.map((f) => `${f.rule} ${f.path}`)).toEqual(KNOWN[file] ?? []);
    });
  }

  it('bluegreen-laststate.yaml under 1.15: resources are unknown fields', () => {
    const f = docs('bluegreen-laststate.yaml').flatMap((d) => validateDocument(d, { operatorVersion: OperatorVersion.V1_15 }));
    expect(f.filter((x) => x.rule === 'SCHEMA-UNKNOWN-FIELD').map((x) => x.path)).toEqual([
      '/spec/template/spec/jobManager/resources',
      '/spec/template/spec/taskManager/resources',
    ]);
  });
});

describe('kubeconform schemas', () => {
  it('are named like kubeconform expects', () => {
    expect(schemaFileName('FlinkDeployment')).toBe('flinkdeployment_v1beta1.json');
    expect(schemaFileName('FlinkBlueGreenDeployment')).toBe('flinkbluegreendeployment_v1beta1.json');
  });

  for (const [file, v] of EXAMPLES) {
    it(`accept ${file} (${v}) with a fresh ajv`, () => {
      const ajv = new Ajv({ strict: false, allErrors: true });
      for (const d of docs(file)) {
        const kind = (d as { kind?: unknown }).kind;
        if (!isFlinkKind(kind)) continue;
        const ok = ajv.validate(kubeconformSchema(OperatorVersion.of(v), kind), d);
        expect(ajv.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
      }
    });
  }

  it('reject a pruned field and a wrong type', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const d = fd();
    d.spec.jobManager.resources = { requests: { memory: '1Gi' } };
    d.spec.job.parallelism = 'two';
    expect(ajv.validate(kubeconformSchema(OperatorVersion.V1_15, 'FlinkDeployment'), d)).toBe(false);
    expect(ajv.errors!.map((e) => e.keyword).sort()).toEqual(['additionalProperties', 'type']);
    expect(ajv.validate(kubeconformSchema(OperatorVersion.V1_15, 'FlinkDeployment'), fd())).toBe(true);
  });
});
