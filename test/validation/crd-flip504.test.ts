/**
 * crds/flip-504/ holds the FLIP-504 build's own CRDs (PR #1043 head 93a4d1e8), FlinkDeployment included:
 * a pod field the FLIP-504 build does not know is pruned alike in a FlinkDeployment and in a blue/green
 * template for the same target, while operator main (a later fabric8 regeneration) keeps it.
 */
import { describe, expect, it } from 'vitest';
import { bg, check, fd } from './helpers';

const withRestartRules = (spec: any) => {
  spec.podTemplate = { spec: { containers: [{ name: 'flink-main-container', restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [42] } }] }] } };
};

describe('FLIP-504 CRDs agree between FlinkDeployment and the blue/green template', () => {
  it('restartPolicyRules: unknown on flip-504 in both kinds, known on main', () => {
    const d = fd();
    withRestartRules(d.spec);
    const b = bg();
    withRestartRules(b.spec.template.spec);
    const unknown = (doc: unknown, v: 'flip-504' | 'main') => check(doc, v).filter((f) => f.rule === 'SCHEMA-UNKNOWN-FIELD').map((f) => f.path);
    expect(unknown(d, 'flip-504')).toEqual(['/spec/podTemplate/spec/containers/0/restartPolicyRules']);
    expect(unknown(b, 'flip-504')).toEqual(['/spec/template/spec/podTemplate/spec/containers/0/restartPolicyRules']);
    expect(unknown(d, 'main')).toEqual([]);
  });
});
