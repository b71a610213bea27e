import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// What `npm pack` puts in the tarball (consumer-test.sh installs the real one; this is the quick
// check on the file list and the sizes the README states).
const ROOT = join(__dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Packed {
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: ReadonlyArray<{ readonly path: string }>;
}

let packed: Packed;
beforeAll(() => {
  // npm test builds lib/ first (api:check); a bare `vitest run` builds it here.
  if (!existsSync(join(ROOT, 'lib', 'src', 'index.js'))) execFileSync(npm, ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  packed = (JSON.parse(out) as Packed[])[0];
});

describe('the npm tarball', () => {
  it('holds what runs: compiled code and declarations, the CLI, the validator schemas, README, LICENSE, CHANGELOG', () => {
    const paths = packed.files.map((f) => f.path);
    for (const p of ['lib/src/index.js', 'lib/src/index.d.ts', 'lib/src/cli.js', 'bin/cdk8s-flink-bluegreen.js', 'crds/1.15/flinkdeployments.object-schema.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']) {
      expect(paths).toContain(p);
    }
  });

  it('and nothing else: no sources, tests, example app, generated imports or CRD YAML', () => {
    const unexpected = packed.files
      .map((f) => f.path)
      .filter((p) => !/^(lib\/src\/.+\.(js|d\.ts)|bin\/[^/]+\.js|crds\/[^/]+\/[^/]+\.object-schema\.json|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/.test(p) || p.startsWith('lib/src/main.'));
    expect(unexpected).toEqual([]);
  });

  it('the sizes in the README are the real ones (within 15%)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const m = /(\d+) kB packed,\s+([\d.]+) MB unpacked \((\d+) files\)/.exec(readme);
    expect(m, 'README states "<n> kB packed, <n> MB unpacked (<n> files)"').not.toBeNull();
    const [, kb, mb, files] = m!;
    expect(Math.abs(packed.size / 1000 / Number(kb) - 1)).toBeLessThan(0.15);
    expect(Math.abs(packed.unpackedSize / 1e6 / Number(mb) - 1)).toBeLessThan(0.15);
    expect(Math.abs(packed.entryCount / Number(files) - 1)).toBeLessThan(0.15);
  });
});
