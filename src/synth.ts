import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { App } from 'cdk8s';
import { synthAtomically } from './atomic-synth';
import { cdk8sHelmScaffold, escapeScaffoldTemplates, installScaffoldExitGuard, removeScaffold } from './output/cdk8s-helm-guard';
import { OutputError } from './output/output-folder';
import { FlinkValidationError } from './synth-validation';

// An app that throws while its constructs are built, under `cdk8s synth --format helm`, must not
// leave the CLI's empty chart behind either.
installScaffoldExitGuard();

/**
 * Synthesizes an app the way a CLI should: on a validation error it prints every problem
 * (no stack trace), writes nothing and sets a non-zero exit code.
 *
 * The output is atomic (see `synthAtomically`): the app is synthesized into a staging folder
 * beside `app.outdir` and swapped in only when complete, so a failed or killed synthesis leaves
 * the previous output exactly as it was. The last line on stderr always says what happened to
 * the output folder.
 */
export function synthOrExit(app: App): boolean {
  // Under `cdk8s synth --format helm`, the CLI has already written a chart around app.outdir.
  const helmChart = cdk8sHelmScaffold(app.outdir);
  try {
    const result = synthAtomically(app);
    if (helmChart) escapeScaffoldTemplates(result.outdir);
    for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
    return true;
  } catch (e) {
    if (helmChart) {
      removeScaffold(helmChart);
      process.stderr.write(`note: removed the Helm chart scaffold cdk8s had written to ${helmChart}, so that no empty chart is left behind\n`);
    }
    const message = e instanceof Error ? e.message : String(e);
    const validation = e instanceof FlinkValidationError || message.startsWith('Validation failed');
    const written = e instanceof OutputError && e.written;
    process.stderr.write(
      `${validation ? '' : 'error: '}${message}\n` +
        (written ? `${app.outdir} was partly rewritten (see above); run the synthesis again once the problem is fixed.\n` : `Nothing was written to ${app.outdir}.\n`) +
        (!written && removedBeforeTheApp(app.outdir) ? cliRemovedNote(app.outdir) : ''),
    );
    process.exitCode = 1;
    return false;
  }
}

/**
 * Whether the output folder is missing while `CDK8S_OUTDIR` names it: `cdk8s synth` sets that
 * variable and removes the folder before it runs the app, so "nothing was written" would suggest a
 * previous output that is already gone.
 */
function removedBeforeTheApp(outdir: string): boolean {
  const fromCli = process.env.CDK8S_OUTDIR;
  return fromCli !== undefined && resolve(fromCli) === resolve(outdir) && !existsSync(outdir);
}

function cliRemovedNote(outdir: string): string {
  return (
    `note: ${outdir} does not exist: \`cdk8s synth\` removes it before it runs the app, so no previous output is left after a failed synthesis. ` +
    'Run the app directly (for example `npx ts-node main.ts`, the command in cdk8s.yaml) to keep the previous output when a synthesis fails.\n'
  );
}
