import type { App } from 'cdk8s';
import { synthAtomically } from './atomic-synth';
import { FlinkValidationError } from './synth-validation';

/**
 * Synthesizes an app the way a CLI should: on a validation error it prints every problem
 * (no stack trace), writes nothing and sets a non-zero exit code.
 *
 * The output is atomic (see `synthAtomically`): the app is synthesized into a staging folder
 * beside `app.outdir` and swapped in only when complete, so a failed or killed synthesis leaves
 * the previous output exactly as it was.
 */
export function synthOrExit(app: App): boolean {
  try {
    synthAtomically(app);
    return true;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const validation = e instanceof FlinkValidationError || message.startsWith('Validation failed');
    process.stderr.write(`${validation ? '' : 'error: '}${message}\nNothing was written to ${app.outdir}.\n`);
    process.exitCode = 1;
    return false;
  }
}
