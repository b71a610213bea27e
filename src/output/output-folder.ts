/**
 * The one writer behind every output layout (plain `dist/`, Kustomize `deploy/`, Helm chart).
 *
 * Promise: the output folder holds either the complete previous output or the complete new one;
 * nothing outside it is ever touched except our own work folders beside it, and a folder this tool
 * did not write is never replaced unless the caller says so.
 *
 * How (atomic mode, the normal case):
 *   1. The output folder is resolved: a symlink is followed to its target (the link stays), so a
 *      `dist -> ../gitops-checkout/dist` link keeps pointing at fresh files.
 *   2. It is refused when it is the file-system root, the home folder, the working directory or
 *      a parent of it, or the project folder (the nearest `package.json`/`.git` upward), and when
 *      it exists and holds anything we did not write: a marker file (`OUTPUT_MARKER`) says it is
 *      ours; an empty folder, and for the plain layout a folder of `*.k8s.yaml` files only (what
 *      `cdk8s synth` writes), are adopted. `takeOver` (or `CDK8S_FLINK_TAKE_OVER=1`) adopts any
 *      other folder except those of the first list.
 *   3. The new output is built in `.<name>.staging-<random>` beside the target (same file system,
 *      so renames are atomic). The name is random (128 bits), not a PID, so runs in other PID
 *      namespaces or on other hosts sharing the folder never share a staging folder.
 *   4. `<target>` → `.<name>.old-<random>`, staging → `<target>`, the old folder is removed.
 *
 * Every work folder carries a work marker (`WORK_MARKER`) naming its owner (host, PID namespace,
 * PID) and the old folder of the swap. A later run removes a work folder only when it carries our
 * work marker for this output and its owner is dead (same host and PID namespace, PID gone) or it
 * is older than a day; a folder that merely looks like ours by name (`dist.old-20240101`) is
 * never touched. A run killed between the two renames is repaired by the next one (the old folder
 * named by the dead staging folder's marker is moved back).
 *
 * Fallback (in-place mode): when the target is a mount point, or its parent is not writable, a
 * folder swap is impossible. The new output is then built in a staging folder *inside* the target
 * and each file is renamed into place (each file atomic, the folder as a whole not); files of the
 * previous output that the new one lacks are removed only when the previous marker lists them.
 * A note on stderr says so.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { homedir, hostname } from 'node:os';
import { basename, dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { checkRelativePath } from './safe-name';

/** Marks a folder as our output: `{"writtenBy":"cdk8s-flink-bluegreen","layout":…,"files":[…]}`. */
export const OUTPUT_MARKER = '.cdk8s-flink-bluegreen-output.json';
/** Marks a work folder (staging, or an output mid-swap) with its owner. */
export const WORK_MARKER = '.cdk8s-flink-bluegreen-work.json';
/** Environment variable that lets the writer take over a folder it did not write. */
export const TAKE_OVER_ENV = 'CDK8S_FLINK_TAKE_OVER';
const WRITTEN_BY = 'cdk8s-flink-bluegreen';
/** Work folders older than this are stale whoever owns them: no synthesis runs for a day. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** Output layouts, recorded in the marker. */
export type OutputLayout = 'plain' | 'kustomize' | 'helm';

export interface OutputFolderOptions {
  /** What is written; recorded in the marker. */
  readonly layout: OutputLayout;
  /**
   * Replace a folder this tool did not write (its content is lost). Never applies to the working
   * directory, its parents, the project folder, the home folder or the root.
   * @default - true when CDK8S_FLINK_TAKE_OVER is "1" or "true", else false
   */
  readonly takeOver?: boolean;
}

/** What happened. */
export interface OutputResult {
  /** The folder written (a symlinked output resolved to its target). */
  readonly outdir: string;
  /** `atomic`: the folder was swapped whole; `in-place`: file by file (see notes). */
  readonly mode: 'atomic' | 'in-place';
  /** Relative paths of the files written, sorted (the marker excluded). */
  readonly files: readonly string[];
  /** Things the user should know (adopted folder, in-place fallback), one sentence each. */
  readonly notes: readonly string[];
}

/**
 * The output could not be written. `written` says whether the output folder was changed
 * (false: it is exactly as before).
 */
export class OutputError extends Error {
  constructor(
    message: string,
    public readonly written: boolean,
  ) {
    super(message);
    this.name = 'OutputError';
  }
}

/** Fills a fresh, empty folder with the new output. Throws to abort (nothing is published). */
export type OutputFill = (dir: string) => void;

/** A fill that writes the given files (relative paths, checked: no `..`, no absolute, no NUL). */
export function filesFill(files: ReadonlyMap<string, string | Uint8Array>): OutputFill {
  for (const rel of files.keys()) checkRelativePath(rel);
  return (dir) => {
    for (const [rel, content] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const full = join(dir, ...rel.split('/'));
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content, { flag: 'wx' });
    }
  };
}

function defaultTakeOver(): boolean {
  const v = process.env[TAKE_OVER_ENV];
  return v === '1' || v === 'true';
}

/** Writes an output folder through `fill`; see the module comment for the guarantees. */
export function writeOutputFolder(outdir: string, fill: OutputFill, options: OutputFolderOptions): OutputResult {
  const target = resolveTarget(outdir);
  const notes: string[] = [];
  if (isSymlink(outdir)) notes.push(`${outdir} is a symbolic link: wrote its target ${target}`);
  inspectNever(target);
  recoverStaleWork(target);
  const previous = inspectTarget(target, options, notes);
  const parent = dirname(target);
  const swapImpossible = previous.exists && isMountPoint(target) ? `${target} is a mount point` : !isWritableDir(parent) ? `its parent ${parent} is not writable` : undefined;
  if (swapImpossible) {
    if (!previous.exists) throw new OutputError(`cannot create ${target}: ${swapImpossible.replace(/^its /, '')}`, false);
    notes.push(`${swapImpossible}, so the folder cannot be swapped whole: files were replaced one by one (each file atomically)`);
    return { ...writeInPlace(target, fill, options, previous.files), notes };
  }
  return { ...writeAtomic(target, fill, options), notes };
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(resolve(p)).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The real folder to write: a symlink followed (it must lead to a folder or nowhere yet). */
function resolveTarget(outdir: string): string {
  const abs = resolve(outdir);
  let st;
  try {
    st = lstatSync(abs);
  } catch {
    // Not there yet: resolve the parent (which may itself be behind a symlink).
    const parent = dirname(abs);
    try {
      return join(realpathSync(parent), basename(abs));
    } catch {
      return abs;
    }
  }
  if (st.isSymbolicLink()) {
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      throw new OutputError(`${outdir} is a symbolic link to ${readlinkSync(abs)}, which does not exist: create the target folder first`, false);
    }
    if (!statSync(real).isDirectory()) throw new OutputError(`${outdir} is a symbolic link to ${real}, which is not a folder`, false);
    return real;
  }
  return join(realpathSync(dirname(abs)), basename(abs));
}

function isAncestorOrSelf(dir: string, of: string): boolean {
  const rel = relative(dir, of);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The nearest folder at or above `from` with a package.json or .git: the project. */
function projectRoot(from: string): string | undefined {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** Refuses folders that must never be replaced, whatever is in them and whatever the options. */
function inspectNever(target: string): void {
  const cwd = real(process.cwd());
  const never: Array<[string | undefined, string]> = [
    [parse(target).root, 'the root of the file system'],
    [real(homedir()), 'your home folder'],
    [cwd, 'the working directory'],
    [projectRoot(cwd), 'the project folder'],
  ];
  for (const [dir, what] of never) {
    if (dir !== undefined && isAncestorOrSelf(target, dir)) {
      throw new OutputError(
        `refusing to write the output to ${target}: it is ${target === dir ? what : `a parent of ${what} (${dir})`}, and writing it replaces the whole folder. ` +
          'Choose a folder of its own, e.g. CDK8S_OUTDIR=dist',
        false,
      );
    }
  }
}

/** Refuses folders holding anything we did not write (unless taken over); returns what is there now. */
function inspectTarget(target: string, options: OutputFolderOptions, notes: string[]): { exists: boolean; files: readonly string[] } {
  let st;
  try {
    st = lstatSync(target);
  } catch {
    return { exists: false, files: [] };
  }
  if (!st.isDirectory()) throw new OutputError(`refusing to write the output to ${target}: it exists and is not a folder`, false);
  const entries = readdirSync(target);
  const marker = readMarker(target);
  if (marker) {
    // Ours, but only what the marker lists: a file someone added since is not ours to delete.
    const listed = new Set([...marker.files, OUTPUT_MARKER, WORK_MARKER]);
    const extra = entriesBelow(target).filter((e) => !listed.has(e));
    if (extra.length === 0) return { exists: true, files: marker.files };
    if (options.takeOver ?? defaultTakeOver()) {
      notes.push(`took over ${extra.length} file(s) in ${target} that this tool had not written (${extra.slice(0, 3).join(', ')}): they were replaced`);
      return { exists: true, files: marker.files };
    }
    throw new OutputError(
      `refusing to replace ${target}: besides the files this tool wrote, it holds ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? `, … ${extra.length} entries` : ''}. ` +
        `Move them elsewhere, or set ${TAKE_OVER_ENV}=1 once if they may be deleted`,
      false,
    );
  }
  if (entries.length === 0) return { exists: true, files: [] };
  const cdk8sOutput = options.layout === 'plain' && entries.every((e) => /\.k8s\.ya?ml$/.test(e) && lstatSync(join(target, e)).isFile());
  if (cdk8sOutput) {
    return { exists: true, files: entries };
  }
  const takeOver = options.takeOver ?? defaultTakeOver();
  if (takeOver) {
    notes.push(`took over ${target}, which this tool had not written: its previous content was replaced`);
    return { exists: true, files: [] };
  }
  const foreign = entries.filter((e) => e !== WORK_MARKER).sort();
  throw new OutputError(
    `refusing to replace ${target}: it holds files this tool did not write (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? `, … ${foreign.length} entries` : ''}). ` +
      `Write to a new or empty folder, or, if everything in it may be deleted, set ${TAKE_OVER_ENV}=1 once (the takeOver option)`,
    false,
  );
}

/**
 * Everything below `dir` that is not a folder (files, links, special files), as relative paths;
 * live in-place work folders of other runs are skipped (they are theirs).
 */
function entriesBelow(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (rel === '' && isInPlaceWorkName(e.name) && readWorkMarker(join(dir, e.name))) continue;
      const below = entriesBelow(dir, p);
      out.push(...(below.length === 0 ? [] : below));
    } else {
      out.push(p);
    }
  }
  return out;
}

const IN_PLACE_PREFIX = '.cdk8s-flink-bluegreen-staging-';

function isInPlaceWorkName(name: string): boolean {
  return name.startsWith(IN_PLACE_PREFIX) && /^[0-9a-f]{32}$/.test(name.slice(IN_PLACE_PREFIX.length));
}

interface OutputMarker {
  readonly writtenBy: string;
  readonly layout: string;
  readonly files: string[];
}

function readMarker(dir: string): OutputMarker | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, OUTPUT_MARKER), 'utf8')) as Partial<OutputMarker>;
    if (m.writtenBy !== WRITTEN_BY) return undefined;
    const files = Array.isArray(m.files) ? m.files.filter((f): f is string => typeof f === 'string' && isSafeRelative(f)) : [];
    return { writtenBy: m.writtenBy, layout: String(m.layout), files };
  } catch {
    return undefined;
  }
}

function isSafeRelative(rel: string): boolean {
  try {
    checkRelativePath(rel);
    return true;
  } catch {
    return false;
  }
}

/** Deterministic, so that a committed output does not change from run to run. */
function markerText(layout: OutputLayout, files: readonly string[]): string {
  return `${JSON.stringify({ writtenBy: WRITTEN_BY, layout, files }, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Work folders and their owners

interface Owner {
  readonly host: string;
  readonly pidNamespace: string;
  readonly pid: number;
}

interface WorkMarker extends Owner {
  readonly writtenBy: string;
  /** Base name of the output folder this work belongs to. */
  readonly for: string;
  /** Base name of the folder the previous output is moved to during the swap. */
  readonly old?: string;
}

function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return 'unknown';
  }
}

function me(): Owner {
  return { host: hostname(), pidNamespace: pidNamespace(), pid: process.pid };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the owner of a work folder is certainly gone. Unknown owners are alive until a day passes. */
function ownerIsGone(marker: WorkMarker, markerPath: string): boolean {
  const self = me();
  if (marker.host === self.host && marker.pidNamespace === self.pidNamespace && marker.pidNamespace !== 'unknown') {
    return marker.pid !== self.pid && !isAlive(marker.pid);
  }
  try {
    return Date.now() - statSync(markerPath).mtimeMs > STALE_AFTER_MS;
  } catch {
    return false;
  }
}

function readWorkMarker(dir: string): WorkMarker | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, WORK_MARKER), 'utf8')) as WorkMarker;
    if (m.writtenBy !== WRITTEN_BY || typeof m.for !== 'string' || typeof m.pid !== 'number') return undefined;
    return m;
  } catch {
    return undefined;
  }
}

function randomId(): string {
  return randomBytes(16).toString('hex');
}

function workName(target: string, role: 'staging' | 'old'): string {
  return `.${basename(target)}.${role}-${randomId()}`;
}

function writeDurably(file: string, text: string): void {
  const fd = openSync(file, 'wx');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Repairs and removes what killed runs left: staging folders whose owner is gone, the old output
 * of a swap cut short (moved back when the output is missing), and a work marker left inside the
 * output. Only folders carrying our work marker for this output are touched.
 */
export function recoverStaleWork(target: string): void {
  const parent = dirname(target);
  const base = basename(target);
  const prefix = `.${base}.staging-`;
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  // A swap cut short after the output was moved in: the marker inside the output names the old folder.
  const inside = readWorkMarker(target);
  if (inside && inside.for === base && ownerIsGone(inside, join(target, WORK_MARKER))) {
    if (inside.old && isWorkName(inside.old, base, 'old')) rmSync(join(parent, inside.old), { recursive: true, force: true });
    rmSync(join(target, WORK_MARKER), { force: true });
  }
  // In-place work folders inside the output, left by killed runs.
  let inner: string[] = [];
  try {
    inner = readdirSync(target).filter(isInPlaceWorkName);
  } catch {
    // no output yet
  }
  for (const name of inner) {
    const dir = join(target, name);
    const marker = readWorkMarker(dir);
    if (marker && marker.for === base && ownerIsGone(marker, join(dir, WORK_MARKER))) rmSync(dir, { recursive: true, force: true });
  }
  for (const name of entries) {
    if (!name.startsWith(prefix) || !isWorkName(name, base, 'staging')) continue;
    const dir = join(parent, name);
    const marker = readWorkMarker(dir);
    if (!marker || marker.for !== base || !ownerIsGone(marker, join(dir, WORK_MARKER))) continue;
    if (marker.old && isWorkName(marker.old, base, 'old')) {
      const old = join(parent, marker.old);
      if (existsSync(old)) {
        // Killed between "output → old" and "staging → output": the old folder is the last complete output.
        if (!existsSync(target)) renameSync(old, target);
        else rmSync(old, { recursive: true, force: true });
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function isWorkName(name: string, base: string, role: 'staging' | 'old'): boolean {
  return name.startsWith(`.${base}.${role}-`) && /^[0-9a-f]{32}$/.test(name.slice(`.${base}.${role}-`.length));
}

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, p));
    else if (e.isFile()) out.push(p);
    else throw new OutputError(`the output may hold only files and folders; ${p} is neither (a symbolic link or a special file)`, false);
  }
  return out;
}

/** Fills a staging folder, checks it and writes the marker; returns the files. */
function build(staging: string, fill: OutputFill, layout: OutputLayout): string[] {
  fill(staging);
  const files = listFiles(staging)
    .filter((f) => f !== WORK_MARKER && f !== OUTPUT_MARKER)
    .sort();
  writeFileSync(join(staging, OUTPUT_MARKER), markerText(layout, files));
  return files;
}

function writeAtomic(target: string, fill: OutputFill, options: OutputFolderOptions): Omit<OutputResult, 'notes'> {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const oldName = workName(target, 'old');
  const staging = join(parent, workName(target, 'staging'));
  try {
    mkdirSync(staging);
  } catch (e) {
    throw new OutputError(`cannot create a staging folder beside ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, false);
  }
  const work: WorkMarker = { writtenBy: WRITTEN_BY, for: basename(target), old: oldName, ...me() };
  let files: string[];
  try {
    writeDurably(join(staging, WORK_MARKER), JSON.stringify(work));
    files = build(staging, fill, options.layout);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  const old = join(parent, oldName);
  const hadOutput = existsSync(target);
  if (hadOutput) {
    try {
      renameSync(target, old);
    } catch (e) {
      rmSync(staging, { recursive: true, force: true });
      throw new OutputError(`cannot move the previous output ${target} aside: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, false);
    }
  }
  try {
    renameSync(staging, target);
  } catch (e) {
    // Another run published in between, or the parent changed: put the previous output back.
    if (hadOutput && !existsSync(target)) renameSync(old, target);
    rmSync(staging, { recursive: true, force: true });
    if (hadOutput && existsSync(old)) rmSync(old, { recursive: true, force: true });
    throw new OutputError(`cannot move the new output into ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, false);
  }
  if (hadOutput) rmSync(old, { recursive: true, force: true });
  rmSync(join(target, WORK_MARKER), { force: true });
  return { outdir: target, mode: 'atomic', files };
}

function isMountPoint(dir: string): boolean {
  try {
    return statSync(dir).dev !== statSync(dirname(dir)).dev;
  } catch {
    return false;
  }
}

function isWritableDir(dir: string): boolean {
  // Probe by creating, rather than by mode bits: read-only mounts and ACLs are what count.
  const probe = join(dir, `.cdk8s-flink-bluegreen-probe-${randomId()}`);
  try {
    mkdirSync(probe);
    rmdirSync(probe);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return isWritableDir(dirname(dir)) && dirname(dir) !== dir;
    return false;
  }
}

function writeInPlace(target: string, fill: OutputFill, options: OutputFolderOptions, previous: readonly string[]): Omit<OutputResult, 'notes'> {
  const staging = join(target, `${IN_PLACE_PREFIX}${randomId()}`);
  try {
    mkdirSync(staging);
  } catch (e) {
    throw new OutputError(`cannot write to ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, false);
  }
  let files: string[];
  try {
    const work: WorkMarker = { writtenBy: WRITTEN_BY, for: basename(target), ...me() };
    writeDurably(join(staging, WORK_MARKER), JSON.stringify(work));
    files = build(staging, fill, options.layout);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  let moved = 0;
  try {
    for (const f of files) {
      const to = join(target, ...f.split('/'));
      mkdirSync(dirname(to), { recursive: true });
      renameSync(join(staging, ...f.split('/')), to);
      moved++;
    }
    const keep = new Set(files);
    for (const f of previous) {
      if (keep.has(f)) continue;
      rmSync(join(target, ...f.split('/')), { force: true });
      removeEmptyParents(target, dirname(f));
    }
    renameSync(join(staging, OUTPUT_MARKER), join(target, OUTPUT_MARKER));
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw new OutputError(`writing ${target} file by file failed after ${moved} of ${files.length} files: ${(e as Error).message}`, moved > 0);
  }
  rmSync(staging, { recursive: true, force: true });
  return { outdir: target, mode: 'in-place', files };
}

function removeEmptyParents(root: string, rel: string): void {
  let dir = rel;
  while (dir !== '.' && dir !== '' && dir !== sep) {
    try {
      rmdirSync(join(root, dir));
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}
