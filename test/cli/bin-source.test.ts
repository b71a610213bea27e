/**
 * The CLI tests run the code under test: with CDK8S_FLINK_BLUEGREEN_FROM_SOURCE=1 (set for every
 * test in vitest.config.mts) bin/ runs src/ even when a compiled lib/ exists, so a stale
 * `npm run build` cannot make them pass.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'bin-source-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A package layout with our bin/ and src/, and a stale lib/ whose CLI always exits 42. */
function layout(): string {
  const pkg = join(work, 'pkg');
  mkdirSync(join(pkg, 'bin'), { recursive: true });
  mkdirSync(join(pkg, 'lib', 'src'), { recursive: true });
  copyFileSync(join(root, 'bin', 'cdk8s-flink-bluegreen.js'), join(pkg, 'bin', 'cdk8s-flink-bluegreen.js'));
  writeFileSync(join(pkg, 'lib', 'src', 'cli.js'), 'exports.main = async () => 42;\n');
  symlinkSync(join(root, 'src'), join(pkg, 'src'));
  symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'));
  return join(pkg, 'bin', 'cdk8s-flink-bluegreen.js');
}

describe('bin/ under test', () => {
  it('the test environment asks for the sources', () => {
    expect(process.env.CDK8S_FLINK_BLUEGREEN_FROM_SOURCE).toBe('1');
  });

  it('runs src/ when asked, even beside a stale lib/; runs lib/ otherwise', () => {
    const bin = layout();
    const env = { ...process.env };
    const fromSource = spawnSync(process.execPath, [bin, 'validate', '--help'], { encoding: 'utf8', env: { ...env, CDK8S_FLINK_BLUEGREEN_FROM_SOURCE: '1' } });
    expect(fromSource.status).toBe(0);
    expect(fromSource.stdout).toContain('Usage: cdk8s-flink-bluegreen validate');
    delete env.CDK8S_FLINK_BLUEGREEN_FROM_SOURCE;
    const fromLib = spawnSync(process.execPath, [bin, 'validate', '--help'], { encoding: 'utf8', env });
    expect(fromLib.status).toBe(42);
  });
});
