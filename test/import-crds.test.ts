/**
 * `npm run import` (scripts/import-crds.js) regenerates imports/ and leaves cdk8s.yaml as it is:
 * `cdk8s import` adds an `imports:` list there, after which `cdk8s synth --format helm` bundles
 * the operator's CRDs into our chart (test/gitops/helm-chart.test.ts). Run in a scratch copy; the
 * regenerated imports/ must also equal the committed ones.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'import-crds-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run import', () => {
  it('leaves cdk8s.yaml byte-identical and regenerates the committed imports/', () => {
    copyFileSync(join(root, 'cdk8s.yaml'), join(work, 'cdk8s.yaml'));
    symlinkSync(join(root, 'crds'), join(work, 'crds'));
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'));
    execFileSync(process.execPath, [join(root, 'scripts/import-crds.js'), '--root', work], { stdio: 'pipe' });
    expect(readFileSync(join(work, 'cdk8s.yaml'), 'utf8')).toBe(readFileSync(join(root, 'cdk8s.yaml'), 'utf8'));
    expect(readFileSync(join(work, 'cdk8s.yaml'), 'utf8')).not.toMatch(/^imports:/m);
    const committed = readdirSync(join(root, 'imports')).sort();
    expect(readdirSync(join(work, 'imports')).sort()).toEqual(committed);
    for (const f of committed) expect(readFileSync(join(work, 'imports', f), 'utf8'), `imports/${f}`).toBe(readFileSync(join(root, 'imports', f), 'utf8'));
  }, 180_000);
});
