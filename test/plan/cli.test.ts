/** The `plan` command as users run it: a subprocess of the real bin script. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(__dirname, '../../bin/cdk8s-flink-bluegreen.js');
const FIX = resolve(__dirname, '../fixtures/plan');

function plan(args: string[], cwd = process.cwd()): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'plan', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function noStackTrace(s: string): void {
  expect(s).not.toMatch(/\n\s+at /);
}

const from = join(FIX, 'from');
const to = join(FIX, 'to');

describe('plan CLI', () => {
  it('text (default): exit 0, each impact, unchanged objects summarised', () => {
    const r = plan(['--from', from, '--to', to]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('FlinkBlueGreenDeployment shop/orders: TRANSITION');
    expect(r.stdout).toContain('FlinkDeployment shop/ledger: SCALE');
    expect(r.stdout).toContain('Unchanged (IGNORE): FlinkDeployment audit');
    expect(r.stdout).not.toContain('not-flink');
  });

  it('json: the contract shape, unchanged objects included, a missing namespace as null', () => {
    const r = plan(['--from', from, '--to', to, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.changes.map((c: { name: string; impact: string; namespace: string | null }) => [c.namespace, c.name, c.impact])).toEqual([
      ['shop', 'orders', 'TRANSITION'],
      [null, 'audit', 'IGNORE'],
      ['shop', 'ledger', 'SCALE'],
    ]);
    expect(j.changes[0].reasons).toEqual([
      expect.objectContaining({ path: '/spec/template/spec/image', from: 'registry.example.com/orders:1.0.0', to: 'registry.example.com/orders:1.1.0' }),
    ]);
    expect(j.changes[2].decidedBy).toBe('/spec/taskManager/replicas');
    for (const c of j.changes) expect(Array.isArray(c.warnings)).toBe(true);
  });

  it('markdown: a table with the impact in bold', () => {
    const r = plan(['--from', from, '--to', to, '--format=markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| `shop/orders` | FlinkBlueGreenDeployment | **TRANSITION** |');
    expect(r.stdout).toContain('| `shop/ledger` | FlinkDeployment | **SCALE** |');
  });

  it('single files work as well as directories', () => {
    const r = plan(['--from', join(from, 'apps.yaml'), '--to', join(to, 'apps.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).changes).toHaveLength(2);
  });

  it('--fail-on: 1 when a listed impact is present, 0 when none is', () => {
    expect(plan(['--from', from, '--to', to, '--fail-on', 'DELETE,TRANSITION']).code).toBe(1);
    expect(plan(['--from', from, '--to', to, '--fail-on', 'delete,SAVEPOINT_REDEPLOY']).code).toBe(0);
    expect(plan(['--from', from, '--to', to, '--fail-on', 'SCALE']).code).toBe(1);
    // the output is still written when failing
    expect(plan(['--from', from, '--to', to, '--fail-on', 'SCALE']).stdout).toContain('SCALE');
  });

  it.each([
    [['--from', from], /--from PATH and --to PATH/],
    [['--from', from, '--to', to, '--format', 'xml'], /--format must be one of/],
    [['--from', from, '--to', to, '--fail-on', 'EXPLODE'], /unknown impact "EXPLODE"/],
    [['--from', from, '--to', to, '--bogus'], /unknown option "--bogus"/],
    [['--git', 'HEAD', '--from', from], /cannot be combined/],
    [['--from', join(FIX, 'nope'), '--to', to], /nope: no such file or directory/],
  ])('bad flags or paths exit 2: %j', (args, message) => {
    const r = plan(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    noStackTrace(r.stderr);
  });

  it('a YAML syntax error exits 2 with file:line:col', () => {
    const r = plan(['--from', from, '--to', join(FIX, 'broken')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken[/\\]bad\.yaml:\d+:\d+: YAML syntax error/);
    noStackTrace(r.stderr);
  });
});

describe('plan --git', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  function git(cwd: string, ...args: string[]): void {
    const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  }

  function repo(): string {
    const d = mkdtempSync(join(tmpdir(), 'plan-git-'));
    dirs.push(d);
    git(d, 'init', '-q');
    git(d, 'config', 'user.email', 'test@example.com');
    git(d, 'config', 'user.name', 'test');
    git(d, 'config', 'commit.gpgsign', 'false');
    return d;
  }

  it('compares dist/ in the working tree with dist/ at the ref', () => {
    const d = repo();
    cpSync(from, join(d, 'dist'), { recursive: true });
    git(d, 'add', '-A');
    git(d, 'commit', '-qm', 'base');
    cpSync(join(to, 'apps.yaml'), join(d, 'dist', 'apps.yaml'));
    const r = plan(['--git', 'HEAD', '--format', 'json'], d);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).changes.map((c: { impact: string }) => c.impact)).toEqual(['TRANSITION', 'IGNORE', 'SCALE']);
    expect(plan(['--git', 'HEAD', '--fail-on', 'TRANSITION'], d).code).toBe(1);
  });

  it('a folder missing at the ref (a gitignored dist/) is an error naming it, exit 2, not an all-CREATE plan', () => {
    const d = repo();
    writeFileSync(join(d, 'README'), 'x');
    git(d, 'add', '-A');
    git(d, 'commit', '-qm', 'base');
    cpSync(to, join(d, 'out'), { recursive: true });
    const r = plan(['--git', 'HEAD', '--dir', 'out', '--format', 'json'], d);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^plan: --git: out does not exist at HEAD \(nothing committed under out\/ there; is it gitignored\?\).*--allow-missing-base/);
    noStackTrace(r.stderr);
  });

  it('--dir picks another folder; with --allow-missing-base a folder missing at the ref makes everything CREATE', () => {
    const d = repo();
    writeFileSync(join(d, 'README'), 'x');
    git(d, 'add', '-A');
    git(d, 'commit', '-qm', 'base');
    cpSync(to, join(d, 'out'), { recursive: true });
    const r = plan(['--git', 'HEAD', '--dir', 'out', '--allow-missing-base', '--format', 'json'], d);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).changes.map((c: { impact: string }) => c.impact)).toEqual(['CREATE', 'CREATE', 'CREATE']);
  });

  it('--allow-missing-base without --git is a usage error', () => {
    const r = plan(['--from', from, '--to', to, '--allow-missing-base']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^plan: --allow-missing-base only applies to --git/);
  });

  it('an unknown ref exits 2', () => {
    const d = repo();
    writeFileSync(join(d, 'README'), 'x');
    git(d, 'add', '-A');
    git(d, 'commit', '-qm', 'base');
    const r = plan(['--git', 'origin/does-not-exist'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown revision/);
    noStackTrace(r.stderr);
  });
});
