import { describe, expect, it } from 'vitest';
import { parseYamlDocuments } from '../../src/io/load-documents';
import { gateConfigMapChanges } from '../../src/plan/gate-configmap';

const cm = (toggle: string) =>
  parseYamlDocuments(
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: job-configmap\n  namespace: ns\n  labels:\n    flink.bluegreen/gate-configmap: "true"\ndata:\n  active-deployment-type: GREEN\n  watermark-toggle-value: "${toggle}"\n`,
    'cm.yaml',
  );

// Found by the full CLI fuzz run: a toggle outside the range of a JavaScript Date made
// `new Date(n).toISOString()` throw a RangeError, and plan crashed.
describe('plan: gate ConfigMap toggle values', () => {
  it.each(['-8640000000000001', '8640000000000001', '1e300'])('a toggle outside the Date range (%s) is shown as the number, no crash', (toggle) => {
    const changes = gateConfigMapChanges(cm('0'), cm(toggle));
    expect(JSON.stringify(changes)).toContain(toggle);
    expect(JSON.stringify(changes)).not.toContain('Invalid');
  });

  it('a toggle in range is shown with its date', () => {
    expect(JSON.stringify(gateConfigMapChanges(cm('0'), cm('1796090400000')))).toContain('2026-12-01T02:00:00.000Z');
  });
});
