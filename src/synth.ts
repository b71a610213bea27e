import type { App } from 'cdk8s';
import { FlinkValidationError } from './synth-validation';

/**
 * Synthesizes an app the way a CLI should: on a validation error it prints every problem
 * (no stack trace), writes nothing and sets a non-zero exit code.
 */
export function synthOrExit(app: App): boolean {
  try {
    app.synth();
    return true;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const validation = e instanceof FlinkValidationError || message.startsWith('Validation failed');
    process.stderr.write(`${validation ? '' : 'error: '}${message}\nNothing was written to ${app.outdir}.\n`);
    process.exitCode = 1;
    return false;
  }
}
