import { dirname } from 'node:path';

/**
 * YAML text for the plain JSON documents a chart renders, byte for byte what cdk8s's
 * `Yaml.stringify(...docs)` writes, without building a YAML node tree per document.
 *
 * cdk8s writes each document with the `yaml` library (`keepUndefined: true`, `lineWidth: 0`, YAML 1.1
 * schema) and joins them with `---\n`. That costs about a quarter of a large synth. The documents
 * our constructs emit are plain JSON: maps, lists, printable strings, finite numbers, booleans and
 * null. For those the library's block output follows a handful of rules, reproduced here:
 *
 * - maps and lists in block style, two spaces per level, list items indented under their key
 *   (`indentSeq`), empty ones in flow style (`{}`, `[]`);
 * - a string is written plain unless the plain form is not allowed (it starts with an indicator,
 *   holds `: ` or ` #`, ends with a space or colon: the library's own test) or would read back as
 *   another type under the YAML 1.1 schema (`yes`, `0x1F`, `1:20`, `2001-12-14`, ...: decided by the
 *   schema's own tag tests, taken from the library at run time, not copied); then it is double-quoted,
 *   or single-quoted when it holds `"` and no `'`.
 *
 * Anything else (a string with a newline, a control or non-ASCII character or a document marker,
 * the merge key `<<`, an empty key, -0, a non-finite number, `undefined`, an object that is not plain, an object that occurs
 * twice in a document, which the library writes as an anchor and alias, a key longer than 1024
 * characters) sends that whole document to the library itself, so the output never differs; only
 * the speed does. `test/yaml-writer.test.ts` compares both on generated documents and the example app.
 */
export function stringifyDocuments(docs: readonly unknown[]): string {
  return docs.map((d) => (d === undefined ? '\n' : (fastDocument(d) ?? library().stringify(d, LIBRARY_OPTIONS)))).join('---\n');
}

/** cdk8s's options for `YAML.stringify` (cdk8s/lib/yaml.js). */
const LIBRARY_OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;

type YamlLibrary = typeof import('yaml');
let yamlLibrary: YamlLibrary | undefined;
let impliedTypeTests: RegExp[] | undefined;

/** The copy of `yaml` that cdk8s itself loads (it may be cdk8s's own bundled copy), loaded on first need. */
function library(): YamlLibrary {
  if (!yamlLibrary) {
    const cdk8sDir = dirname(require.resolve('cdk8s'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    yamlLibrary = require(require.resolve('yaml', { paths: [cdk8sDir] })) as YamlLibrary;
  }
  return yamlLibrary;
}

/**
 * The tests by which the library decides that a plain string would read back as another type
 * (the default tags of its YAML 1.1 schema other than `str`, as in its `plainString`).
 */
function impliedTypes(): RegExp[] {
  if (!impliedTypeTests) {
    const schema = new (library().Document)(null, { version: '1.1' }).schema as unknown as {
      tags: Array<{ default?: unknown; tag: string; test?: RegExp }>;
      compat?: Array<{ default?: unknown; tag: string; test?: RegExp }>;
    };
    impliedTypeTests = [...schema.tags, ...(schema.compat ?? [])]
      .filter((t) => t.default && t.tag !== 'tag:yaml.org,2002:str' && t.test instanceof RegExp)
      .map((t) => new RegExp(t.test!.source, t.test!.flags.replace('g', '').replace('y', '')));
  }
  return impliedTypeTests;
}

/** Strings the fast path writes: printable ASCII only, at least one character. */
const PRINTABLE = /^[\x20-\x7e]+$/;
/** Where the library's plain style is not allowed (stringifyString.js, plainString). */
const PLAIN_NOT_ALLOWED = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
const MAX_IMPLICIT_KEY = 1024;

class NotFast extends Error {}
const NOT_FAST = new NotFast();

/** The one string another tag claims: the 1.1 merge tag identifies `<<` and writes it itself (yaml-1.1/merge.js). */
const MERGE_KEY = '<<';

/**
 * Decisions already taken: keys and many values repeat across a chart's documents, and the type
 * tests are a score of regular expressions. Bounded, so a huge app cannot grow it without end.
 */
const decided = new Map<string, string | typeof NOT_FAST>();
const MAX_DECIDED = 100_000;

function scalarString(s: string): string {
  let out = decided.get(s);
  if (out === undefined) {
    out = decide(s);
    if (decided.size >= MAX_DECIDED) decided.clear();
    decided.set(s, out);
  }
  if (typeof out !== 'string') throw NOT_FAST;
  return out;
}

function decide(s: string): string | typeof NOT_FAST {
  if (!PRINTABLE.test(s) || DOCUMENT_MARKER.test(s) || s === MERGE_KEY) return NOT_FAST;
  if (!PLAIN_NOT_ALLOWED.test(s) && !impliedTypes().some((re) => re.test(s))) return s;
  // The library's quotedString with singleQuote unset: single quotes only for a `"` without `'`.
  // For printable ASCII its double-quoted form is the JSON string.
  return s.includes('"') && !s.includes("'") ? `'${s}'` : JSON.stringify(s);
}

function scalar(v: unknown): string {
  switch (typeof v) {
    case 'string':
      // An empty value reads back as null, so the library quotes it; an empty key is another matter.
      return v === '' ? '""' : scalarString(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      // The library writes finite numbers as JSON does (stringifyNumber.js), -0 apart.
      if (Number.isFinite(v) && !Object.is(v, -0)) return JSON.stringify(v);
      throw NOT_FAST;
    default:
      if (v === null) return 'null';
      throw NOT_FAST;
  }
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Block-style text of a value at `indent`; collections come back without their leading indentation. */
function node(v: unknown, indent: string, seen: Set<object>): { text: string; collection: boolean; empty: boolean } {
  if (v === null || typeof v !== 'object') return { text: scalar(v), collection: false, empty: false };
  if (seen.has(v)) throw NOT_FAST; // the library would write an anchor and an alias
  seen.add(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return { text: '[]', collection: true, empty: true };
    const itemIndent = indent + '  ';
    const lines = v.map((item) => `- ${node(item, itemIndent, seen).text}`);
    return { text: lines.join(`\n${indent}`), collection: true, empty: false };
  }
  if (!isPlainObject(v) || typeof (v as { toJSON?: unknown }).toJSON === 'function') throw NOT_FAST;
  const keys = Object.keys(v);
  if (keys.length === 0) return { text: '{}', collection: true, empty: true };
  const valueIndent = indent + '  ';
  const pairs = keys.map((k) => {
    const key = scalarString(k);
    if (key.length > MAX_IMPLICIT_KEY) throw NOT_FAST;
    const value = node(v[k], valueIndent, seen);
    return value.collection && !value.empty ? `${key}:\n${valueIndent}${value.text}` : `${key}: ${value.text}`;
  });
  return { text: pairs.join(`\n${indent}`), collection: true, empty: false };
}

function fastDocument(doc: unknown): string | undefined {
  if (doc === null || typeof doc !== 'object') return undefined;
  try {
    return `${node(doc, '', new Set()).text}\n`;
  } catch (e) {
    if (e === NOT_FAST) return undefined;
    throw e;
  }
}
