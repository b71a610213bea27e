import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { App } from 'cdk8s';
import { writeCharts } from './chart-writer';

/**
 * Atomic output: the output folder holds either the complete previous synthesis or the complete
 * new one, never a mix and never a half-written file.
 *
 * `App.synth()` writes file after file into `app.outdir`; a validation error, an exception in a
 * construct or a kill (OOM, Ctrl-C, CI timeout) would leave a partial folder behind. Here the app is
 * synthesized into a fresh staging folder next to the output (`<outdir>.staging-<pid>`, same file
 * system, so renames are atomic), and only a synthesis that completed is swapped in:
 *
 *   1. `<outdir>` → `<outdir>.old-<pid>` (skipped when there is no output yet)
 *   2. `<outdir>.staging-<pid>` → `<outdir>`
 *   3. remove `<outdir>.old-<pid>`
 *
 * A failed synthesis removes its staging folder and leaves `<outdir>` untouched. A killed one
 * leaves a staging folder that the next run removes; if the kill lands between renames 1 and 2
 * (two syscalls apart), the next run moves `<outdir>.old-<pid>` back first, so the previous output
 * is never lost.
 */

export interface AtomicSynthOptions {
  /**
   * The folder to replace.
   * @default app.outdir
   */
  readonly outdir?: string;
}

const STAGING = 'staging';
const OLD = 'old';

/** The work folders of a run: siblings of the output, tagged with the pid of the run that owns them. */
export function workDirs(outdir: string, pid: number = process.pid): { staging: string; old: string } {
  return { staging: `${outdir}.${STAGING}-${pid}`, old: `${outdir}.${OLD}-${pid}` };
}

/**
 * Synthesizes `app` into `options.outdir` (default `app.outdir`) atomically. Throws whatever the
 * app's synthesis throws (e.g. cdk8s "Validation failed…"), after removing the staging folder;
 * the output folder is then exactly as it was.
 */
export function synthAtomically(app: App, options: AtomicSynthOptions = {}): void {
  const outdir = resolve(options.outdir ?? app.outdir);
  recoverStaleRuns(outdir);
  const { staging, old } = workDirs(outdir);
  rmSync(staging, { recursive: true, force: true });

  try {
    writeCharts(app, staging);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }

  const hadOutput = existsSync(outdir);
  if (hadOutput) renameSync(outdir, old);
  try {
    renameSync(staging, outdir);
  } catch (e) {
    // Put the previous output back before reporting.
    if (hadOutput) renameSync(old, outdir);
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (hadOutput) rmSync(old, { recursive: true, force: true });
}

/**
 * Cleans up after runs that were killed: removes their staging folders, and their `.old-<pid>`
 * folders once the output exists (restoring the newest of them when a kill left no output).
 * Folders of runs still alive (a concurrent synthesis) are left alone.
 */
export function recoverStaleRuns(outdir: string): void {
  const parent = dirname(outdir);
  const base = basename(outdir);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return; // no parent yet: nothing to recover
  }
  const pattern = new RegExp(`^${escapeRegExp(base)}\\.(${STAGING}|${OLD})-(\\d+)$`);
  const stale = entries
    .map((name) => ({ name, m: pattern.exec(name) }))
    .filter((e): e is { name: string; m: RegExpExecArray } => e.m !== null)
    .map((e) => ({ path: join(parent, e.name), kind: e.m[1], pid: Number(e.m[2]) }))
    .filter((e) => e.pid !== process.pid && !isAlive(e.pid));

  if (!existsSync(outdir)) {
    // A run was killed between moving the output away and moving its staging folder in: the
    // moved-away folder is the last complete output.
    const old = stale.find((e) => e.kind === OLD);
    if (old) {
      renameSync(old.path, outdir);
      stale.splice(stale.indexOf(old), 1);
    }
  }
  for (const e of stale) rmSync(e.path, { recursive: true, force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
