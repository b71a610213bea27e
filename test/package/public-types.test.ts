import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// scripts/check-public-types.ts (run by npm test on lib/) on small declaration trees of our own.
const ROOT = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'public-types-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(files: Record<string, string>) {
  const sub = mkdtempSync(join(dir, 'case-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(sub, name), text);
  return spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/check-public-types.ts'), join(sub, 'index.d.ts')], { encoding: 'utf8' });
}

describe('the public declaration walk', () => {
  it('passes declarations that use only our files, cdk8s, constructs and node', () => {
    const r = check({
      'index.d.ts': "export * from './job';\nimport type { Readable } from 'node:stream';\nexport declare const s: Readable;\n",
      'job.d.ts': "import { Construct } from 'constructs';\nimport type { App } from 'cdk8s';\nexport declare class Job extends Construct { app: App }\n",
    });
    expect(r.stdout).toContain('2 files reachable');
    expect(r.status).toBe(0);
  });

  it('fails on zod reached through a type-only import two files away (the PropProblem leak)', () => {
    const r = check({
      'index.d.ts': "export * from './gate';\n",
      'gate.d.ts': "import type { PropProblem } from './props-schema';\nexport declare function problems(): PropProblem[];\n",
      'props-schema.d.ts': "import { z } from 'zod';\nexport declare const s: z.ZodString;\nexport interface PropProblem { path: string }\n",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/props-schema\.d\.ts: imports "zod"/);
  });
});
