/**
 * Proves the Helm tooling: the bundled binary runs, and `helm lint` / `helm template` judge a chart.
 * A stand-in chart for now; the test of `cdk8s synth --format helm` output comes with the constructs.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { helm } from '../helpers/helm';

function chart(templates: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'chart-'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: orders\ndescription: stand-in\ntype: application\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'values.yaml'), 'parallelism: 4\n');
  mkdirSync(join(dir, 'templates'));
  for (const [name, text] of Object.entries(templates)) writeFileSync(join(dir, 'templates', name), text);
  return dir;
}

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-settings
data:
  parallelism: {{ .Values.parallelism | quote }}
`;

describe('real Helm 3 binary', () => {
  it('runs', () => {
    const r = helm(['version', '--short']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^v3\.\d+\.\d+/);
  });

  it('lints and templates a chart', () => {
    const dir = chart({ 'configmap.yaml': CONFIGMAP });
    const lint = helm(['lint', dir]);
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
    expect(lint.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');

    const tpl = helm(['template', 'orders', dir, '--set', 'parallelism=8']);
    expect(tpl.status, tpl.stderr).toBe(0);
    const docs = parseAllDocuments(tpl.stdout).map((d) => d.toJS()).filter(Boolean);
    expect(docs).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'orders-settings' }, data: { parallelism: '8' } }]);
  });

  it('rejects a broken chart (so a pass above means something)', () => {
    const dir = chart({ 'broken.yaml': 'kind: ConfigMap\nmetadata:\n  name: {{ .Values.missing.key }\n' });
    expect(helm(['lint', dir]).status).not.toBe(0);
    expect(helm(['template', 'orders', dir]).status).not.toBe(0);
  });
});
