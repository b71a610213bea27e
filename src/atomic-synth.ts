import type { App } from 'cdk8s';
import { writeCharts } from './chart-writer';
import { writeOutputFolder, type OutputResult } from './output/output-folder';

/**
 * Atomic output: the output folder holds either the complete previous synthesis or the complete
 * new one, never a mix and never a half-written file, and a folder this tool did not write (the
 * project, a parent of it, a folder with sources or `.git`) is refused rather than replaced.
 *
 * `App.synth()` writes file after file into `app.outdir`; a validation error, an exception in a
 * construct or a kill (OOM, Ctrl-C, CI timeout) would leave a partial folder behind. Here the app is
 * synthesized into a staging folder beside the output and swapped in only when complete, through
 * the writer every layout shares (`src/output/output-folder.ts`, where the details are).
 */
export interface AtomicSynthOptions {
  /**
   * The folder to replace.
   * @default app.outdir
   */
  readonly outdir?: string;
  /**
   * Replace a folder this tool did not write (everything in it is lost). Never applies to the
   * working directory, its parents, the project folder, the home folder or `/`.
   * @default - true when the environment sets CDK8S_FLINK_TAKE_OVER=1, else false
   */
  readonly takeOver?: boolean;
}

/**
 * Synthesizes `app` into `options.outdir` (default `app.outdir`) atomically. Throws whatever the
 * app's synthesis throws (e.g. cdk8s "Validation failed…"), or an `OutputError` when the folder
 * cannot or must not be written; the output folder is then exactly as it was.
 * @returns what was written, and notes for the user (e.g. an in-place fallback on a mount point)
 */
export function synthAtomically(app: App, options: AtomicSynthOptions = {}): OutputResult {
  return writeOutputFolder(options.outdir ?? app.outdir, (dir) => writeCharts(app, dir), {
    layout: 'plain',
    ...(options.takeOver !== undefined ? { takeOver: options.takeOver } : {}),
  });
}
