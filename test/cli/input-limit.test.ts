/**
 * The promised input bound of `validate` and `plan`: files over 16 MiB are refused before they are
 * read (exit 2 and a message), so a large file cannot exhaust the 256 MB heap the README promises.
 * A file of exactly 16 MiB is read.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, loadFile, MAX_FILE_BYTES } from '../../src/io/load-documents';

const root = join(__dirname, '..', '..');
const BIN = join(root, 'bin', 'cdk8s-flink-bluegreen.js');
const LIMIT = 16 * 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'input-limit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const DOC = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: padding}\n';

/** A valid YAML file of exactly `bytes` bytes: one small document and comment lines filling the rest. */
function yamlOfSize(name: string, bytes: number): string {
  const file = join(work, name);
  const line = `# ${'x'.repeat(997)}\n`; // 1000 bytes
  const rest = bytes - DOC.length;
  const full = Math.floor(rest / line.length);
  const tail = rest - full * line.length;
  writeFileSync(file, DOC + line.repeat(full) + (tail > 0 ? `#${'x'.repeat(Math.max(0, tail - 2))}\n`.slice(-tail) : ''));
  return file;
}

/** Many small documents: what the YAML parser would really have to hold in memory. */
function manyDocuments(name: string, bytes: number): string {
  const file = join(work, name);
  const doc = 'apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: a, labels: {x: "1", y: "2"}}\nspec: {job: {parallelism: 1}}\n---\n';
  writeFileSync(file, doc.repeat(Math.ceil(bytes / doc.length)));
  return file;
}

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', BIN, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

describe('input bound: 16 MiB per file', () => {
  it('in process: loadFile refuses 16 MiB + 1 byte before reading it, reads 16 MiB', () => {
    expect(MAX_FILE_BYTES).toBe(LIMIT);
    const over = join(work, 'sparse-over.yaml');
    writeFileSync(over, '');
    truncateSync(over, LIMIT + 1);
    expect(() => loadFile(over)).toThrow(InputError);
    expect(() => loadFile(over)).toThrow(`more than ${LIMIT} bytes (the input limit, 16 MiB)`);
    expect(loadFile(yamlOfSize('in-process-at-limit.yaml', LIMIT))).toEqual([expect.objectContaining({ index: 0, content: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'padding' } } })]);
  });

  it('a file of exactly 16 MiB is read', () => {
    const r = cli('validate', yamlOfSize('at-limit.yaml', LIMIT));
    expect(r.err).not.toMatch(/the input limit/);
    // Read and parsed: the padding ConfigMap is no Flink object, which validate reports (exit 2).
    expect(r.err).toContain('no Flink objects found in 1 file');
    expect(r.code).toBe(2);
  });

  it('validate and plan refuse a file of 16 MiB + 1 byte with exit 2 and the limit in the message', () => {
    const file = yamlOfSize('over-limit.yaml', LIMIT + 1);
    for (const args of [['validate', file], ['plan', '--from', file, '--to', file]]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(`more than ${LIMIT} bytes (the input limit, 16 MiB)`);
      expect(r.err + r.out).not.toMatch(/\n\s+at /);
    }
  });

  it('a 24 MiB manifest is refused under a 256 MB heap, no crash', () => {
    const r = cli('validate', manyDocuments('fleet.yaml', 24 * 1024 * 1024));
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/more than \d+ bytes \(the input limit/);
    expect(r.err).not.toMatch(/heap out of memory|\n\s+at /);
  }, 150_000);
});
