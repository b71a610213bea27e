/**
 * Where the two versions come from: files/directories on disk, or a directory as committed at
 * a git ref (read with `git ls-tree` / `git show`, never checked out, so the working tree is
 * left alone).
 */
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { decodeUtf8, InputError, loadDocuments, MAX_FILE_BYTES, parseYamlDocuments, type LoadedDocument } from '../io/load-documents';

export function loadFromPaths(paths: readonly string[]): LoadedDocument[] {
  return loadDocuments(paths);
}

function git(args: readonly string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

/**
 * One blob, bounded like a file: its size is checked from the tree listing before reading, and
 * the read itself stops at the limit (git's output buffer is the limit plus one byte).
 */
function gitBlob(ref: string, path: string, cwd: string): string {
  let buf: Buffer;
  try {
    buf = execFileSync('git', ['cat-file', 'blob', `${ref}:${path}`], { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: MAX_FILE_BYTES + 1 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOBUFS') throw new InputError(`${ref}:${path}: more than ${MAX_FILE_BYTES} bytes (the input limit)`);
    throw new InputError(`${ref}:${path}: cannot read: ${gitError(e)}`);
  }
  return decodeUtf8(buf, `${ref}:${path}`);
}

function gitError(e: unknown): string {
  const stderr = (e as { stderr?: Buffer | string }).stderr;
  const text = stderr ? String(stderr).trim().split('\n')[0] : '';
  return text || ((e as Error).message ?? String(e)).split('\n')[0];
}

/** Same walk rules as for directories on disk: *.yaml / *.yml, no hidden folders, no node_modules. */
function isManifestPath(p: string): boolean {
  const parts = p.split('/');
  if (parts.slice(0, -1).some((d) => d.startsWith('.') || d === 'node_modules')) return false;
  return /\.ya?ml$/i.test(parts[parts.length - 1]);
}

export interface GitSourceOptions {
  /**
   * A `dir` that does not exist at `ref` yields no documents (everything in the working tree is
   * then a CREATE) instead of an InputError.
   * @default false: a missing folder is an error (a gitignored dist/ must not read as "all new")
   */
  readonly allowMissing?: boolean;
}

/**
 * The YAML documents under `dir` (relative to `cwd`) as committed at `ref`. Throws InputError when
 * `dir` does not exist at `ref`, unless `options.allowMissing`.
 */
export function loadFromGit(ref: string, dir: string, cwd: string = process.cwd(), options: GitSourceOptions = {}): LoadedDocument[] {
  if (ref.startsWith('-') || ref.trim() === '') throw new InputError(`--git: invalid ref "${ref}"`);
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], cwd).trim();
  } catch (e) {
    throw new InputError(`--git: ${cwd} is not in a git repository (${gitError(e)})`);
  }
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  } catch {
    throw new InputError(`--git: unknown revision "${ref}"`);
  }
  // Paths in the tree are relative to the repository root; resolve symlinks (macOS /tmp) first.
  const absDir = resolve(cwd, dir);
  let rel: string;
  try {
    rel = relative(realpathSync(top), realpathSync(absDir));
  } catch {
    rel = relative(top, absDir);
  }
  if (rel.startsWith('..')) throw new InputError(`--dir ${dir} is outside the git repository ${top}`);
  const treePath = rel.split(sep).join('/');
  // Long format: "<mode> <type> <object> <size>\t<path>"; regular files only (no symlinks, submodules).
  const listing = git(['ls-tree', '-r', '-z', '-l', '--full-tree', ref, '--', treePath === '' ? '.' : treePath], top);
  if (listing === '' && !options.allowMissing) {
    throw new InputError(
      `--git: ${dir} does not exist at ${ref} (nothing committed under ${treePath === '' ? '.' : treePath}/ there; is it gitignored?): ` +
        'commit the synthesized output, compare two folders with --from/--to, or pass --allow-missing-base to treat it as empty',
    );
  }
  const files = listing
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode, type, , size] = line.slice(0, tab).split(/ +/);
      return { mode, type, size: Number(size), path: line.slice(tab + 1) };
    })
    .filter((e) => e.type === 'blob' && (e.mode === '100644' || e.mode === '100755'))
    .filter((e) => isManifestPath(treePath === '' ? e.path : e.path.slice(treePath.length + 1)));
  return files
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .flatMap((e) => {
      if (e.size > MAX_FILE_BYTES) throw new InputError(`${ref}:${e.path}: ${e.size} bytes, more than ${MAX_FILE_BYTES} (the input limit)`);
      return parseYamlDocuments(gitBlob(ref, e.path, top), `${ref}:${e.path}`);
    });
}
