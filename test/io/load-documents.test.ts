/** Reading the CLI's input: paths, directories, YAML documents and their errors (in process). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayPath, expandPaths, InputError, loadDocuments, loadFile, parseYamlDocuments } from '../../src/io/load-documents';

const work = mkdtempSync(join(tmpdir(), 'load-documents-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(path: string, text: string | Buffer): string {
  const full = join(work, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
  return full;
}

describe('load-documents', () => {
  it('expands directories recursively into *.yaml / *.yml in sorted order, skipping node_modules and dot folders; files stay as given', () => {
    const dir = join(work, 'tree');
    for (const f of ['b.yaml', 'a.YML', 'c.txt', 'sub/z.yml', 'sub/deeper/y.yaml', 'node_modules/x.yaml', '.git/h.yaml', 'a0/k.yaml']) file(`tree/${f}`, 'a: 1\n');
    expect(expandPaths([dir]).map((f) => relative(dir, f))).toEqual(['a.YML', 'a0/k.yaml', 'b.yaml', 'sub/deeper/y.yaml', 'sub/z.yml']);
    const txt = join(dir, 'c.txt');
    expect(expandPaths([txt, dir]).slice(0, 2)).toEqual([txt, join(dir, 'a.YML')]);
    expect(() => expandPaths([join(work, 'missing')])).toThrow(new InputError(`${join(work, 'missing')}: no such file or directory`));
  });

  it('parses every document with its index; empty text and empty documents', () => {
    expect(parseYamlDocuments('a: 1\n---\n- 2\n---\n', 'f.yaml')).toMatchObject([
      { file: 'f.yaml', index: 0, content: { a: 1 } },
      { file: 'f.yaml', index: 1, content: [2] },
      { file: 'f.yaml', index: 2, content: null },
    ]);
    // Empty text is one empty document (validate skips it silently).
    expect(parseYamlDocuments('', 'e.yaml')).toMatchObject([{ file: 'e.yaml', index: 0, content: null }]);
  });

  it('syntax errors, duplicate keys and alias bombs are InputErrors with file, line and column', () => {
    expect(() => parseYamlDocuments('a: 1\nb: [1,\n', 'f.yaml')).toThrow(/^f\.yaml:3:1: YAML syntax error: /);
    expect(() => parseYamlDocuments('a: 1\na: 2\n', 'f.yaml')).toThrow(/^f\.yaml:2:1: duplicate key "a" in one mapping/);
    let bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
    for (const [p, n] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g']]) bomb += `${n}: &${n} [${Array(10).fill(`*${p}`).join(', ')}]\n`;
    const e = (() => {
      try {
        parseYamlDocuments(bomb, 'bomb.yaml');
      } catch (x) {
        return x as Error;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(InputError);
    expect(e?.name).toBe('InputError');
    expect(e?.message).toMatch(/^bomb\.yaml:\d+:\d+: aliases expand to more than \d+ YAML nodes/);
    expect(e?.message).not.toContain('\n');
  });

  it('loadFile: UTF-8 only, unreadable files named with the reason; loadDocuments reads several', () => {
    expect(() => loadFile(file('latin1.yaml', Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a])))).toThrow(`${join(work, 'latin1.yaml')}:1:1: not UTF-8 text`);
    expect(() => loadFile(work)).toThrow(`${work}: cannot read: EISDIR`);
    const a = file('two/a.yaml', 'x: 1\n');
    file('two/b.yml', 'y: 2\n---\nz: 3\n');
    expect(loadDocuments([join(work, 'two')]).map((d) => [relative(work, d.file), d.index, d.content])).toEqual([
      ['two/a.yaml', 0, { x: 1 }],
      ['two/b.yml', 0, { y: 2 }],
      ['two/b.yml', 1, { z: 3 }],
    ]);
    expect(loadFile(a)).toMatchObject([{ file: a, index: 0, content: { x: 1 } }]);
  });

  it('displayPath: relative below the working directory, absolute elsewhere', () => {
    expect(displayPath(join(process.cwd(), 'dist', 'a.yaml'))).toBe(join('dist', 'a.yaml'));
    expect(displayPath(join(work, 'a.yaml'))).toBe(join(work, 'a.yaml'));
    expect(displayPath(process.cwd())).toBe(process.cwd());
  });
});
