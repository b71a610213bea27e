/**
 * `cdk8s synth --format helm` (the cdk8s CLI, not `npm run synth:helm`) empties the output folder,
 * writes `Chart.yaml` and `README.md`, and only then runs the app with CDK8S_OUTDIR set to
 * `<chart>/templates`. An app that fails would leave a chart that lints and renders zero objects,
 * and values with `{{` would be executed by Helm. When `synthOrExit` finds itself writing into
 * such a scaffold, it escapes the templates on success and removes the scaffold on failure.
 */
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { escapeHelmTemplate } from './helm-chart';
import { OUTPUT_MARKER } from './output-folder';

/** The chart folder when `outdir` is the templates folder of a fresh cdk8s CLI Helm scaffold. */
export function cdk8sHelmScaffold(outdir: string): string | undefined {
  const templates = resolve(outdir);
  if (basename(templates) !== 'templates') return undefined;
  const chart = dirname(templates);
  try {
    const chartYaml = readFileSync(join(chart, 'Chart.yaml'), 'utf8');
    const readme = readFileSync(join(chart, 'README.md'), 'utf8');
    return /description: Generated chart for /.test(chartYaml) && readme.includes('generated using cdk8s') ? chart : undefined;
  } catch {
    return undefined;
  }
}

/** Escapes `{{` in the synthesized templates so Helm renders them literally. */
export function escapeScaffoldTemplates(templates: string): void {
  for (const f of readdirSync(templates)) {
    if (!/\.ya?ml$/.test(f)) continue;
    const p = join(templates, f);
    writeFileSync(p, escapeHelmTemplate(readFileSync(p, 'utf8')));
  }
}

/** Removes the scaffold the CLI wrote moments ago (only its two files and empty templates folder). */
export function removeScaffold(chart: string): void {
  rmSync(join(chart, 'Chart.yaml'), { force: true });
  rmSync(join(chart, 'README.md'), { force: true });
  const templates = join(chart, 'templates');
  if (existsSync(templates) && readdirSync(templates).every((f) => f === OUTPUT_MARKER)) rmSync(templates, { recursive: true, force: true });
  try {
    rmdirSync(chart);
  } catch {
    // not empty: something else is there, leave it
  }
}

let guardInstalled = false;

/**
 * When the app runs under `cdk8s synth --format helm` (CDK8S_OUTDIR is the templates folder of a
 * fresh scaffold), removes the scaffold if the process ends with an error before any manifest was
 * written: an app that throws while its constructs are built never reaches `synthOrExit`.
 * Installed once, by loading `synthOrExit`; does nothing in any other situation.
 */
export function installScaffoldExitGuard(): void {
  if (guardInstalled) return;
  guardInstalled = true;
  const outdir = process.env.CDK8S_OUTDIR;
  if (!outdir) return;
  const chart = cdk8sHelmScaffold(outdir);
  if (!chart) return;
  process.on('exit', (code) => {
    if (code === 0) return;
    if (cdk8sHelmScaffold(outdir) !== chart) return;
    const templates = join(chart, 'templates');
    const manifests = existsSync(templates) ? readdirSync(templates).filter((f) => /\.ya?ml$/.test(f)) : [];
    if (manifests.length > 0) return;
    removeScaffold(chart);
    process.stderr.write(`note: removed the Helm chart scaffold cdk8s had written to ${chart}, so that no empty chart is left behind\n`);
  });
}
