/**
 * Bounded input (src/io/load-documents.ts): the byte limit is counted while reading (files, pipes,
 * devices, git blobs), folder walks read regular files only (a FIFO never blocks), aliases have an
 * expansion budget, duplicate keys are found in one pass, merge keys merge as Kubernetes tooling
 * does, non-finite numbers are refused, and the real CLI stays within a 256 MB heap and a minute on
 * hostile YAML while our own largest output (one chart of 5,000 jobs, ~9 MB) passes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPaths, InputError, MAX_FILE_BYTES, parseYamlDocuments } from '../../src/io/load-documents';
import { loadFromGit } from '../../src/plan/sources';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin/cdk8s-flink-bluegreen.js');
const STACK_TRACE = /\n\s+at /;

function parse(text: string): unknown[] {
  return parseYamlDocuments(text, 'in.yaml').map((d) => d.content);
}

describe('parsing as Kubernetes tooling does', () => {
  it('merge keys merge; keys written in the mapping win, wherever they stand', () => {
    const [doc] = parse('base: &b {a: 1, c: 3}\nx:\n  a: 2\n  <<: *b\ny:\n  <<: [*b, {d: 4}]\n  c: 5\n') as any[];
    expect(doc.x).toEqual({ a: 2, c: 3 });
    expect(doc.y).toEqual({ a: 1, c: 5, d: 4 });
  });

  it('a FlinkDeployment using a merge key validates clean (no "<<" unknown field)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'merge-'));
    const file = join(dir, 'fd.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: flink.apache.org/v1beta1',
        'kind: FlinkDeployment',
        'metadata: {name: orders, namespace: flink}',
        'spec:',
        '  image: flink:1.20-java17',
        '  flinkVersion: v1_20',
        '  serviceAccount: flink',
        '  flinkConfiguration: {state.checkpoints.dir: s3://b/cp, state.savepoints.dir: s3://b/sp}',
        '  jobManager: &c',
        '    resource: {memory: 2048m, cpu: 1}',
        '  taskManager:',
        '    <<: *c',
        '    replicas: 2',
        '  job: {jarURI: local:///opt/flink/job.jar, parallelism: 2, upgradeMode: savepoint}',
        '',
      ].join('\n'),
    );
    const res = spawnSync(process.execPath, [bin, 'validate', '--strict', file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(res.stdout).toContain('0 errors, 0 warnings');
    expect(res.status).toBe(0);
  });

  it('a key twice in one mapping: refused with its line and column', () => {
    expect(() => parse('a: 1\nb:\n  c: 1\n  c: 2\n')).toThrow(new InputError('in.yaml:4:3: duplicate key "c" in one mapping (Kubernetes refuses it; the value would be ambiguous)'));
    // The same key in different mappings, or in a later document, is fine.
    expect(parse('a: {c: 1}\nb: {c: 1}\n---\na: 1\n')).toHaveLength(2);
  });

  it('80,000 keys in one map: parsed (one Set per mapping, not a scan per key)', () => {
    const text = Array.from({ length: 80_000 }, (_, i) => `k${i}: ${i}\n`).join('');
    const [doc] = parse(text) as Array<Record<string, number>>;
    expect(Object.keys(doc)).toHaveLength(80_000);
    expect(() => parse(`${text.split('\n').slice(0, 200).join('\n')}\nk40: again\n`)).toThrow(/:\d+:1: duplicate key "k40"/);
  });

  it.each(['.inf', '-.inf', '.nan', '.NaN', '1e999'])('the non-finite number %s is refused; quoted it is text', (n) => {
    expect(() => parse(`x: ${n}\n`)).toThrow(/in\.yaml:1:4: .* is not a finite number/);
    expect(parse(`x: "${n}"\n`)).toEqual([{ x: n }]);
  });

  it('alias expansion has a budget: fan-out of one large list and billion laughs are refused', () => {
    const list = `a: &a [${Array(100_000).fill('x').join(',')}]\nb: [${Array(10).fill('*a').join(',')}]\n`;
    expect(() => parse(list)).toThrow(/aliases expand to more than 250000 YAML nodes/);
    const laughs = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`)].join('\n');
    expect(() => parse(laughs)).toThrow(/aliases expand to more than/);
    // Ordinary use of anchors is fine.
    expect(parse('a: &a {x: 1}\nb: *a\nc: *a\n')).toEqual([{ a: { x: 1 }, b: { x: 1 }, c: { x: 1 } }]);
  });

  it('a scalar longer than any object the API server stores is refused before it is built', () => {
    expect(() => parse(`a: "${'x'.repeat(3 * 1024 * 1024)}"\n`)).toThrow(/in\.yaml:1:4: a scalar of 3145730 characters \(at most 3145728/);
    expect((parse(`a: "${'x'.repeat(2 * 1024 * 1024)}"\n`)[0] as { a: string }).a).toHaveLength(2 * 1024 * 1024);
  });

  it('a document of more tokens than the cap is refused while it is tokenized', () => {
    expect(() => parse(`[${Array(300_000).fill('1').join(',')}]\n`)).toThrow(/in\.yaml:1:\d+: more than 500000 YAML tokens in one document/);
  });
});

describe('reading: bounded while reading, regular files when walking', () => {
  it('/dev/zero and an oversized pipe stop at the limit: exit 2, one line', () => {
    const res = spawnSync(process.execPath, [bin, 'validate', '/dev/zero'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(res.status).toBe(2);
    expect(res.stderr.trim()).toBe(`validate: /dev/zero: more than ${MAX_FILE_BYTES} bytes (the input limit, 16 MiB): split it into several files`);
    const pipe = spawnSync(process.execPath, [bin, 'validate', '/dev/stdin'], { cwd: root, encoding: 'utf8', timeout: 60_000, input: Buffer.alloc(MAX_FILE_BYTES + 10, 0x20) });
    expect(pipe.status).toBe(2);
    expect(pipe.stderr).toContain('more than 16777216 bytes');
  });

  it('a pipe within the limit is read like a file (findings located on lines)', () => {
    const res = spawnSync(process.execPath, [bin, 'validate', '/dev/stdin'], { cwd: root, encoding: 'utf8', timeout: 60_000, input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n' });
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('error[META-NAME] ConfigMap/Bad_Name (document 0, line 4:3)');
  });

  it('a FIFO, a socket-like special file or a dangling link in a folder is skipped, never waited on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'walk-'));
    writeFileSync(join(dir, 'a.yaml'), 'kind: ConfigMap\napiVersion: v1\nmetadata: {name: a}\n');
    expect(spawnSync('mkfifo', [join(dir, 'b.yaml')]).status).toBe(0);
    expect(statSync(join(dir, 'b.yaml')).isFIFO()).toBe(true);
    expect(expandPaths([dir])).toEqual([join(dir, 'a.yaml')]);
    const res = spawnSync(process.execPath, [bin, 'validate', dir], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    // The regular file was read (one file checked); it holds no Flink object, which exits 2.
    expect(res.stdout).toContain('(1 file checked');
    expect(res.stderr).toContain('no Flink objects found in 1 file');
    expect(res.status).toBe(2);
  });

  it('plan --git: a blob over the limit is refused from its size, before it is read', () => {
    const repo = mkdtempSync(join(tmpdir(), 'git-big-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@e', ...args], { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    mkdirSync(join(repo, 'dist'));
    writeFileSync(join(repo, 'dist', 'big.yaml'), `x: "${'a'.repeat(MAX_FILE_BYTES)}"\n`);
    git('add', '.');
    git('commit', '-qm', 'big');
    expect(() => loadFromGit('HEAD', 'dist', repo)).toThrow(new InputError(`HEAD:dist/big.yaml: ${MAX_FILE_BYTES + 6} bytes, more than ${MAX_FILE_BYTES} (the input limit)`));
  });
});

describe('the real CLI with a 256 MB heap: hostile YAML refused or checked within a minute, our largest output passes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const HOSTILE: Record<string, () => string> = {
    'alias fan-out (aliases of one large list)': () => write('fanout.yaml', `a: &a [${Array(100_000).fill('x').join(',')}]\nb: [${Array(10_000).fill('*a').join(',')}]\n`),
    'merge-key fan-out': () => write('merge.yaml', `a: &a {${Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join(', ')}}\nb: [${Array(1_000).fill('{<<: *a}').join(',')}]\n`),
    '80,000 keys in one map': () => write('keys.yaml', Array.from({ length: 80_000 }, (_, i) => `k${i}: ${i}\n`).join('')),
    '16 MB flow sequence': () => write('flow.yaml', `[${Array(8 * 1024 * 1024 - 8).fill('1').join(',')}]\n`),
    'many documents of 130,000 items': () => write('docs.yaml', `---\n${'- 1\n'.repeat(130_000)}`.repeat(10)),
    'deep nesting': () => write('deep.yaml', `${'['.repeat(100_000)}${']'.repeat(100_000)}\n`),
    '4 million empty documents': () => write('empty-docs.yaml', '---\n'.repeat(4_000_000)),
    'a 15 MB quoted string': () => write('scalar.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: "${'x'.repeat(15_000_000)}"}\n`),
    'five 3 MB quoted strings': () => write('scalars.yaml', Array.from({ length: 5 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x${i}}\ndata: {a: "${'x'.repeat(3 * 1024 * 1024 - 16)}"}\n`).join('---\n')),
  };
  for (const [name, make] of Object.entries(HOSTILE)) {
    it(name, () => {
      const file = make();
      for (const args of [['validate', file], ['plan', '--from', file, '--to', file]]) {
        // The heap limit is the real bound (deterministic). The time guard only kills a hung run: it is
        // twice the minute the README promises, because this machine may be shared (idle, the slowest
        // case takes about 16 s).
        const res = spawnSync(process.execPath, ['--max-old-space-size=256', bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
        expect(res.signal, `${args[0]}: killed (time or memory)\n${res.stderr.slice(0, 500)}`).toBeNull();
        expect([0, 1, 2], res.stderr.slice(0, 500)).toContain(res.status);
        if (res.status === 2) expect(res.stderr.trim().split('\n')).toHaveLength(1);
        expect(res.stderr).not.toMatch(STACK_TRACE);
      }
    }, 300_000);
  }

  it('one chart of 5,000 jobs (~9 MB, our largest output) is read and checked, not refused', () => {
    const out = join(dir, 'big');
    const synth = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/fixtures/apps/atomic-app.ts'), 'onechart', '5000'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CDK8S_OUTDIR: out, CDK8S_FLINK_WARNINGS: 'off' },
    });
    expect(synth.status, synth.stderr).toBe(0);
    const file = join(out, readdirSync(out).find((f) => f.endsWith('.k8s.yaml'))!);
    expect(statSync(file).size).toBeGreaterThan(8_000_000);
    const res = spawnSync(process.execPath, ['--max-old-space-size=256', bin, 'validate', '--operator-version', 'flip-504', '--format', 'json', file], {
      cwd: root,
      encoding: 'utf8',
      timeout: 240_000,
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(res.signal, res.stderr.slice(0, 500)).toBeNull();
    expect(res.stderr).toBe('');
    expect([0, 1]).toContain(res.status);
  }, 400_000);
});
