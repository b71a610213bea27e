import { describe, expect, it } from 'vitest';
import { flattenConfig, withFlatConfigCache } from '../../src/validation/flink-config';
import { validateDocuments } from '../../src/validation/validate';

describe('flattenConfig within one validation run', () => {
  it('answers from memory inside withFlatConfigCache, and afresh outside it', () => {
    const conf: Record<string, unknown> = { a: { b: '1' } };
    const inside = withFlatConfigCache(() => {
      const first = flattenConfig(conf);
      conf.c = '2';
      return [first, flattenConfig(conf)];
    });
    expect(inside[1]).toBe(inside[0]);
    expect([...flattenConfig(conf).values.keys()]).toEqual(['a.b', 'c']);
    expect(flattenConfig(conf)).not.toBe(flattenConfig(conf));
  });

  it('sees a document changed between two validateDocuments calls', () => {
    const doc = {
      apiVersion: 'flink.apache.org/v1beta1',
      kind: 'FlinkDeployment',
      metadata: { name: 'job' },
      spec: {
        image: 'flink:1.20.1-java17',
        flinkVersion: 'v1_20',
        flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '2' } as Record<string, string>,
        jobManager: { resource: { memory: '2048m', cpu: 1 } },
        taskManager: { resource: { memory: '2048m', cpu: 1 } },
        job: { jarURI: 'local:///opt/flink/job.jar', parallelism: 2, upgradeMode: 'stateless' },
      },
    };
    const rules = () => validateDocuments([doc])[0].map((f) => f.rule);
    expect(rules()).not.toContain('FLINK-TASK-SLOTS');
    doc.spec.flinkConfiguration['taskmanager.numberOfTaskSlots'] = '0';
    expect(rules()).toContain('FLINK-TASK-SLOTS');
  });
});
