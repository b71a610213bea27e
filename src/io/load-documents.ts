import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';

/** One YAML document of one file. */
export interface LoadedDocument {
  /** The file, as given on the command line or found in a walked directory. */
  readonly file: string;
  /** 0-based index of the document within its file. */
  readonly index: number;
  /** The parsed content (any JSON value, or null for an empty document). */
  readonly content: unknown;
}

/** A file that cannot be read or parsed: reported with file, line and column, exit 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * Files larger than this are refused rather than parsed. The YAML parser holds ~80 bytes of heap
 * per input byte, so 4 MiB stays within a few hundred MB (a hand-written manifest is far smaller;
 * a synthesized fleet is split into one file per chart).
 */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Expands files and directories into the YAML files to read: directories are walked
 * recursively for `*.yaml` / `*.yml`, in sorted order so output is stable.
 */
export function expandPaths(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new InputError(`${p}: no such file or directory`);
    }
    if (st.isDirectory()) files.push(...walk(p));
    else files.push(p);
  }
  return files;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      out.push(...walk(full));
    } else if (/\.ya?ml$/i.test(e.name)) {
      out.push(full);
    }
  }
  return out;
}

/** Parses every document of a YAML text. Syntax errors throw an InputError with line and column. */
export function parseYamlDocuments(text: string, file: string): LoadedDocument[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(docs)) {
    // parseAllDocuments returns an EmptyStream for an empty text.
    return [];
  }
  const out: LoadedDocument[] = [];
  docs.forEach((doc, index) => {
    const err = doc.errors[0];
    if (err) {
      const pos = lineCounter.linePos(err.pos[0]);
      throw new InputError(`${file}:${pos.line}:${pos.col}: YAML syntax error: ${firstLine(err.message)}`);
    }
    let content: unknown;
    try {
      // maxAliasCount guards against alias bombs ("billion laughs").
      content = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      throw new InputError(`${file}: document ${index}: ${firstLine((e as Error).message)}`);
    }
    out.push({ file, index, content: content ?? null });
  });
  return out;
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

/** Reads and parses one file. */
export function loadFile(file: string): LoadedDocument[] {
  let buf: Buffer;
  try {
    const st = statSync(file);
    if (st.size > MAX_FILE_BYTES) {
      throw new InputError(`${file}: file is ${st.size} bytes, over the ${MAX_FILE_BYTES}-byte limit`);
    }
    buf = readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let decoded: string;
  try {
    decoded = text.decode(buf);
  } catch {
    throw new InputError(`${file}:1:1: not UTF-8 text`);
  }
  return parseYamlDocuments(decoded, file);
}

/** Loads every document of the given files and directories. */
export function loadDocuments(paths: readonly string[]): LoadedDocument[] {
  return expandPaths(paths).flatMap((f) => loadFile(f));
}

/** A path relative to the working directory, for messages. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}
