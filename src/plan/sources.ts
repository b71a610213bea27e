/**
 * Where the two versions come from: files/directories on disk, or a directory as committed at
 * a git ref (read with `git ls-tree` / `git show`, never checked out, so the working tree is
 * left alone).
 */
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { InputError, loadDocuments, parseYamlDocuments, type LoadedDocument } from '../io/load-documents';

export function loadFromPaths(paths: readonly string[]): LoadedDocument[] {
  return loadDocuments(paths);
}

function git(args: readonly string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
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
  const listing = git(['ls-tree', '-r', '-z', '--full-tree', '--name-only', ref, '--', treePath === '' ? '.' : treePath], top);
  if (listing === '' && !options.allowMissing) {
    throw new InputError(
      `--git: ${dir} does not exist at ${ref} (nothing committed under ${treePath === '' ? '.' : treePath}/ there; is it gitignored?): ` +
        'commit the synthesized output, compare two folders with --from/--to, or pass --allow-missing-base to treat it as empty',
    );
  }
  const files = listing.split('\0').filter((p) => p !== '' && isManifestPath(treePath === '' ? p : p.slice(treePath.length + 1)));
  return files.sort().flatMap((p) => {
    let text: string;
    try {
      text = git(['show', `${ref}:${p}`], top);
    } catch (e) {
      throw new InputError(`${ref}:${p}: cannot read: ${gitError(e)}`);
    }
    return parseYamlDocuments(text, `${ref}:${p}`);
  });
}
