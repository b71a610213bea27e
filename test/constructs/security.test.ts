import { describe, expect, it } from 'vitest';
import { FlinkJob, STRICT_CONTEXT } from '../../src';
import { baseSpec, newChart, validationErrors } from './helpers';

describe('security lints in synthesis', () => {
  const job = (strict: boolean) => {
    const { chart } = newChart();
    if (strict) chart.node.setContext(STRICT_CONTEXT, true);
    const j = new FlinkJob(chart, 'Orders', { name: 'orders', ...baseSpec({ image: 'flink', flinkConfiguration: { 's3.secret-key': 'literal-secret' } }) });
    return { chart, job: j };
  };

  it('are warnings by default: synthesis succeeds', () => {
    const { chart, job: j } = job(false);
    expect(validationErrors(chart)).toEqual([]);
    expect(j.check().findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(['warning SEC-PLAINTEXT-CREDENTIAL', 'warning SEC-UNPINNED-IMAGE']);
  });

  it('fail synthesis under the strict context, with the secret masked', () => {
    const { chart } = job(true);
    const errors = validationErrors(chart);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^\[test\/Orders\] error\[SEC-PLAINTEXT-CREDENTIAL\] FlinkDeployment\/orders \/spec\/flinkConfiguration\/s3\.secret-key \(prop flinkConfiguration\.s3\.secret-key\): /);
    expect(errors.join('\n')).not.toContain('literal-secret');
    expect(errors[1]).toMatch(/^\[test\/Orders\] error\[SEC-UNPINNED-IMAGE\] FlinkDeployment\/orders \/spec\/image \(prop image\): the image "flink" has no tag or digest/);
  });
});
