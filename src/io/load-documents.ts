import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser, type Document, type Node } from 'yaml';

/** One YAML document of one file. */
export interface LoadedDocument {
  /** The file, as given on the command line or found in a walked directory. */
  readonly file: string;
  /** 0-based index of the document within its file. */
  readonly index: number;
  /** The parsed content (any JSON value, or null for an empty document). */
  readonly content: unknown;
  /** 1-based line and column where the document's content starts, when it has any. */
  readonly position?: { readonly line: number; readonly column: number };
}

/** A file that cannot be read or parsed: reported with file, line and column, exit 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * Inputs larger than this are refused rather than parsed. 16 MiB holds the largest output this
 * project writes, one chart of 5,000 jobs (about 9 MB), with room to spare. The limit is counted
 * while reading, so pipes, devices (`/dev/zero`) and git blobs are bounded like files.
 *
 * Parsing is streamed one document at a time (the YAML syntax tree of one document at a time is
 * in memory, not the whole file's), and a file's YAML nodes are capped (MAX_FILE_NODES), so
 * that any input within these limits is checked in a 256 MB heap.
 */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * At most this many YAML tokens (scalars, indicators such as `-`, `:`, `[`, `,`; not whitespace
 * or comments) in one document, and in one file. The YAML library holds about 700 bytes of
 * syntax tree per node while it builds a document (measured: 200,000 list items take 165 MB), so
 * the cap is counted while the text is tokenized, before any tree is built. Our largest document
 * (a blue/green job with its pod templates) has a few hundred tokens; our largest file (one chart
 * of 5,000 jobs, 9 MB) has 1.4 million.
 */
export const MAX_DOCUMENT_TOKENS = 500_000;
export const MAX_FILE_TOKENS = 2_500_000;
/** At most this many documents in one file (our largest output, 5,000 jobs, has about 17,000). */
export const MAX_FILE_DOCUMENTS = 200_000;
/**
 * At most this many characters in one scalar (with its quotes). The API server stores no object
 * over 1.5 MiB (etcd's request limit), so no applicable manifest holds a longer string; the YAML
 * library builds a quoted scalar character by character, about 30 bytes of heap per character,
 * which a 15 MB string turns into a heap exhaustion.
 */
export const MAX_SCALAR_CHARS = 3 * 1024 * 1024;
/** At most this many YAML nodes in one document once built (a second guard, after the token cap). */
export const MAX_DOCUMENT_NODES = 300_000;

/**
 * Aliases (`*x`) and merge keys (`<<: *x`) may add at most this many nodes per file once
 * expanded. Aliases of one large list ("billion laughs" and its linear cousin, fan-out) would
 * otherwise turn a small file into a tree of millions of nodes in every later step.
 */
export const MAX_ALIAS_EXPANSION = 250_000;

/**
 * Expands files and directories into the YAML files to read: directories are walked
 * recursively for `*.yaml` / `*.yml` regular files (FIFOs, sockets and devices are skipped, so a
 * walk never blocks; symbolic links to regular files are followed, to folders not), in sorted
 * order so output is stable. A path given explicitly is read whatever it is (`/dev/stdin` works).
 */
export function expandPaths(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (p === '-' || p === '/dev/stdin') {
      files.push(p);
      continue;
    }
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
      if (e.isFile()) out.push(full);
      else if (e.isSymbolicLink()) {
        try {
          if (statSync(full).isFile()) out.push(full);
        } catch {
          // dangling link: nothing to read
        }
      }
    }
  }
  return out;
}

/**
 * Reads at most `limit` bytes, counting while reading: refuses anything longer without reading
 * it all (`/dev/zero` stops at the limit). Works for files, pipes and devices.
 */
export function readBounded(file: string, limit: number = MAX_FILE_BYTES): Buffer {
  let fd: number;
  // Standard input is read from its descriptor: opening /dev/stdin fails when it is a socket.
  const stdin = file === '-' || file === '/dev/stdin';
  try {
    fd = stdin ? 0 : openSync(file, 'r');
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit + 1 - total));
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          // A non-blocking pipe with nothing in it yet: wait a little, without spinning.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          continue;
        }
        if (code === 'EOF') break;
        throw new InputError(`${file}: cannot read: ${code ?? (e as Error).message}`);
      }
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > limit) {
        throw new InputError(`${file}: more than ${limit} bytes (the input limit, ${limit / 1024 / 1024} MiB): split it into several files`);
      }
    }
  } finally {
    if (!stdin) closeSync(fd);
  }
  return Buffer.concat(chunks, total);
}

/** UTF-8 text of a buffer, or an InputError. */
export function decodeUtf8(buf: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    throw new InputError(`${file}:1:1: not UTF-8 text`);
  }
}

/**
 * Parses every document of a YAML text. Syntax errors, duplicate keys, non-finite numbers and
 * inputs over the node budgets throw an InputError with line and column.
 *
 * As Kubernetes tooling reads YAML (sigs.k8s.io/yaml on go-yaml): merge keys `<<: *x` are
 * merged (keys written in the mapping win), a key given twice in one mapping is an error, and
 * `.inf` / `.nan` are refused because JSON, and so the API server, cannot hold them.
 */
export function parseYamlDocuments(text: string, file: string): LoadedDocument[] {
  if (text.length > MAX_FILE_BYTES) throw new InputError(`${file}: more than ${MAX_FILE_BYTES} bytes (the input limit): split it into several files`);
  const lineCounter = new LineCounter();
  const parser = new BoundedParser(lineCounter.addNewLine, (offset, what) => new InputError(`${where(offset)}: ${what}`));
  const composer = new Composer({ merge: true, uniqueKeys: false, prettyErrors: false, strict: true });
  const where = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return `${file}:${pos.line}:${pos.col}`;
  };
  const budget = { aliasNodes: 0 };
  const out: LoadedDocument[] = [];
  let index = 0;
  for (const doc of composer.compose(parser.parse(text), true, text.length)) {
    const err = doc.errors[0];
    if (err) throw new InputError(`${where(err.pos[0])}: YAML syntax error: ${firstLine(err.message)}`);
    checkDocument(doc, where, budget);
    let content: unknown;
    try {
      // The expansion is bounded by checkDocument; the library's own alias heuristic would refuse
      // legitimate merge keys.
      content = doc.toJS({ maxAliasCount: -1 });
    } catch (e) {
      throw new InputError(`${file}: document ${index}: ${firstLine((e as Error).message)}`);
    }
    const start = (doc.contents as Node | null)?.range?.[0];
    const pos = start === undefined ? undefined : lineCounter.linePos(start);
    out.push({ file, index, content: content ?? null, ...(pos ? { position: { line: pos.line, column: pos.col } } : {}) });
    index++;
  }
  return out;
}

/** The YAML parser, counting tokens as they come, so an oversized document is refused before its tree exists. */
class BoundedParser extends Parser {
  private inDocument = 0;
  private inFile = 0;
  private documents = 0;
  private position = 0;
  constructor(
    onNewLine: (offset: number) => void,
    private readonly refuse: (offset: number, what: string) => Error,
  ) {
    super(onNewLine);
  }

  override *next(source: string): Generator<import('yaml').CST.Token, void> {
    const c = source[0];
    if (source.length > MAX_SCALAR_CHARS) throw this.refuse(this.position, `a scalar of ${source.length} characters (at most ${MAX_SCALAR_CHARS}; the API server accepts no object over 1.5 MiB)`);
    if (source === '---' || source === '...' || c === '\x02') {
      this.inDocument = 0;
      if (source !== '\x02' && ++this.documents > MAX_FILE_DOCUMENTS) throw this.refuse(this.position, `more than ${MAX_FILE_DOCUMENTS} documents in one file: split the input into smaller files`);
      if (++this.inFile > MAX_FILE_TOKENS) throw this.refuse(this.position, `more than ${MAX_FILE_TOKENS} YAML tokens in one file: split the input into smaller files`);
    } else if (c !== undefined && c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t' && c !== '#') {
      this.inDocument++;
      this.inFile++;
      if (this.inDocument > MAX_DOCUMENT_TOKENS) throw this.refuse(this.position, `more than ${MAX_DOCUMENT_TOKENS} YAML tokens in one document: split the input into smaller files or documents`);
      if (this.inFile > MAX_FILE_TOKENS) throw this.refuse(this.position, `more than ${MAX_FILE_TOKENS} YAML tokens in one file: split the input into smaller files`);
    }
    this.position += c === '\x1f' || c === '\x02' || c === '\x18' ? 0 : source.length;
    yield* super.next(source);
  }
}

/**
 * One pass over a document's syntax tree (iterative: deep nesting cannot overflow the stack):
 * duplicate keys per mapping (a Set per mapping, linear), non-finite numbers, node count, and
 * the size every alias expands to (memoized per anchored node).
 */
function checkDocument(doc: Document.Parsed, where: (offset: number | undefined) => string, budget: { aliasNodes: number }): void {
  const root = doc.contents as Node | null;
  if (!root) return;
  /** Expanded size of every finished node that carries an anchor, by anchor name (latest wins, as in YAML). */
  const anchored = new Map<string, number>();
  let nodes = 0;
  // Post-order with an explicit stack: [node, childrenPushed, sizeSoFar]
  type Frame = { node: Node; children: Node[]; next: number; size: number };
  const frames: Frame[] = [];
  const childrenOf = (node: Node): Node[] => {
    if (isMap(node)) {
      const seen = new Set<string>();
      const kids: Node[] = [];
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key)) {
          const k = String(key.value);
          if (k !== '<<') {
            if (seen.has(k)) throw new InputError(`${where(key.range?.[0])}: duplicate key ${JSON.stringify(k).slice(0, 100)} in one mapping (Kubernetes refuses it; the value would be ambiguous)`);
            seen.add(k);
          }
        }
        if (key) kids.push(key);
        if (pair.value) kids.push(pair.value as Node);
      }
      return kids;
    }
    if (isSeq(node)) return node.items.flatMap((item) => (isPair(item) ? ([item.key, item.value].filter(Boolean) as Node[]) : item ? [item as Node] : []));
    return [];
  };
  const push = (node: Node) => {
    nodes++;
    if (nodes > MAX_DOCUMENT_NODES) throw new InputError(`${where(node.range?.[0])}: more than ${MAX_DOCUMENT_NODES} YAML nodes in one document: split it`);
    if (isScalar(node) && typeof node.value === 'string' && node.value.length > 4096) {
      // The library builds quoted scalars by concatenation: a rope of one heap object per
      // character until something flattens it. A numeric conversion makes V8 flatten the string in
      // place, so a 3 MB string costs 3 MB, not a hundred.
      void Number(node.value);
    }
    if (isScalar(node) && typeof node.value === 'number' && !Number.isFinite(node.value)) {
      throw new InputError(`${where(node.range?.[0])}: ${String(node.source ?? node.value)} is not a finite number: JSON, and so the Kubernetes API, cannot hold it; quote it if it is meant as text`);
    }
    frames.push({ node, children: childrenOf(node), next: 0, size: 1 });
  };
  const finish = (size: number) => {
    const parent = frames[frames.length - 1];
    if (parent) parent.size += size;
  };
  push(root);
  while (frames.length > 0) {
    const top = frames[frames.length - 1];
    if (top.next < top.children.length) {
      const child = top.children[top.next++];
      if (isAlias(child)) {
        nodes++;
        const size = anchored.get(child.source) ?? 1;
        budget.aliasNodes += size;
        if (budget.aliasNodes > MAX_ALIAS_EXPANSION) {
          throw new InputError(
            `${where(child.range?.[0])}: aliases expand to more than ${MAX_ALIAS_EXPANSION} YAML nodes in this file (an alias bomb, or a file that should be written out): refused`,
          );
        }
        top.size += size;
        continue;
      }
      push(child);
      continue;
    }
    frames.pop();
    const anchor = (top.node as { anchor?: string }).anchor;
    if (anchor) anchored.set(anchor, top.size);
    finish(top.size);
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

/** Reads (bounded) and parses one file; the text is returned too (for locating findings). */
export function loadFileWithText(file: string): { text: string; docs: LoadedDocument[] } {
  const text = decodeUtf8(readBounded(file), file);
  return { text, docs: parseYamlDocuments(text, file) };
}

/** Reads and parses one file. */
export function loadFile(file: string): LoadedDocument[] {
  return loadFileWithText(file).docs;
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
