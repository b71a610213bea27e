/**
 * What `validate` loads decides how fast a pre-commit hook or an editor integration feels (the
 * bench's CLI line). Validating YAML needs the YAML parser, ajv's runtime and our rules; it never
 * needs cdk8s, constructs or zod, which cost about 30 ms each to load. A synth, in turn, needs no
 * YAML parser of its own (cdk8s writes with its bundled copy, src/yaml-writer.ts with the same one).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');

function packagesLoadedBy(modulePath: string): string[] {
  const script = `
    require(${JSON.stringify(modulePath)});
    const pkgs = new Set(Object.keys(require.cache).filter((k) => k.includes('/node_modules/')).map((k) => k.split('/node_modules/').pop().split('/')[0]));
    process.stdout.write(JSON.stringify([...pkgs].sort()));`;
  const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as string[];
}

describe('the CLI loads only what its command needs', () => {
  it('validate and plan load neither cdk8s, constructs nor zod', () => {
    for (const cmd of ['validate', 'plan']) {
      const loaded = packagesLoadedBy(join(root, 'src', 'cli', `${cmd}.ts`));
      expect(loaded).toContain('yaml');
      expect(loaded).not.toContain('cdk8s');
      expect(loaded).not.toContain('constructs');
      expect(loaded).not.toContain('zod');
    }
  });
});

describe('the constructs load only what a synth needs', () => {
  it("the package index loads no YAML library of its own (cdk8s's bundled copy writes the YAML), no ajv compiler", () => {
    const script = `
      require(${JSON.stringify(join(root, 'src', 'index.ts'))});
      process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
    const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const loaded = JSON.parse(r.stdout) as string[];
    expect(loaded.some((k) => k.includes('/node_modules/cdk8s/'))).toBe(true);
    expect(loaded.filter((k) => k.startsWith(join(root, 'node_modules', 'yaml') + '/'))).toEqual([]);
    expect(loaded.filter((k) => k.startsWith(join(root, 'node_modules', 'ajv', 'dist', 'compile') + '/'))).toEqual([]);
  });
});
