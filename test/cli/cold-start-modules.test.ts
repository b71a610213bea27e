/**
 * What `validate` loads decides how fast a pre-commit hook or an editor integration feels (the
 * bench's CLI line). Validating YAML needs the YAML parser, ajv's runtime and our rules; it never
 * needs cdk8s, constructs or zod, which cost about 30 ms each to load.
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
