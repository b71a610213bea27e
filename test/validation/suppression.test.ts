import { describe, expect, it } from 'vitest';
import { OperatorVersion } from '../../src/operator-version';
import { validateDocument } from '../../src/validation';

function gateJob(annotations: Record<string, unknown>): unknown {
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkBlueGreenDeployment',
    metadata: { name: 'orders', annotations },
    spec: {
      transitionMode: 'ADVANCED',
      template: {
        spec: {
          image: 'flink:1.20.1-java17',
          flinkVersion: 'v1_20',
          serviceAccount: 'flink',
          flinkConfiguration: {
            'bluegreen.gate.strategy': 'WATERMARK',
            'bluegreen.gate.watermark.field-path': 'eventTime',
            'state.checkpoints.dir': 's3://b/cp',
            'state.savepoints.dir': 's3://b/sp',
          },
          jobManager: { resource: { memory: '2g' } },
          taskManager: { resource: { memory: '2g' } },
          job: { jarURI: 'local:///j.jar', parallelism: 1, upgradeMode: 'savepoint' },
        },
      },
    },
  };
}

const rules = (doc: unknown) => validateDocument(doc, { operatorVersion: OperatorVersion.FLIP_504 }).map((f) => `${f.severity}:${f.rule}`);

describe('inline suppression', () => {
  it('silences a warning on that object when a reason is given', () => {
    expect(rules(gateJob({}))).toContain('warning:RUNTIME-CLIENT-LIBRARY');
    const after = rules(gateJob({ 'flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY': 'the jar bundles the client (build.gradle)' }));
    expect(after).not.toContain('warning:RUNTIME-CLIENT-LIBRARY');
    expect(after).toContain('warning:RUNTIME-WATERMARKS');
  });

  it('requires a reason', () => {
    const f = validateDocument(gateJob({ 'flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY': ' ' }), { operatorVersion: OperatorVersion.FLIP_504 });
    expect(f.find((x) => x.rule === 'SUPPRESSION-REASON')).toMatchObject({
      severity: 'error',
      path: '/metadata/annotations/flink.bluegreen~1ignore-RUNTIME-CLIENT-LIBRARY',
    });
    expect(f.map((x) => x.rule)).toContain('RUNTIME-CLIENT-LIBRARY');
  });

  it('refuses to suppress errors and flags unknown rules', () => {
    const doc = gateJob({ 'flink.bluegreen/ignore-FLINK-SERVICE-ACCOUNT': 'we know', 'flink.bluegreen/ignore-NO-SUCH-RULE': 'typo' }) as any;
    delete doc.spec.template.spec.serviceAccount;
    const out = rules(doc);
    expect(out).toContain('error:FLINK-SERVICE-ACCOUNT');
    expect(out).toContain('error:SUPPRESSION-NOT-ALLOWED');
    expect(out).toContain('warning:SUPPRESSION-UNKNOWN-RULE');
  });
});
