import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiObject, App, Chart, DependencyGraph, Names, YamlOutputType } from 'cdk8s';
import { stringifyDocuments } from './yaml-writer';

/**
 * Writes an app's charts like `App.synth()` does (one `<chart>.k8s.yaml` per chart, same names,
 * same objects, same order, byte-identical YAML), in time linear in the size of the app.
 *
 * cdk8s 2.70 prepares the whole app (dependency resolution and every construct's validation) in
 * each `Chart.toJson()`, and `App.synth()` calls it once per chart: with one chart per job, a
 * 1,000-job app is prepared 1,001 times. Here the first chart's `toJson()` prepares the app once
 * (and throws cdk8s's own "Validation failed…" error, listing every problem), and the other charts
 * are rendered from the prepared app.
 *
 * Anything this does not reproduce exactly goes through `App.synth()` unchanged: other output
 * layouts, construct metadata, charts that depend on other charts (indexed file names), and chart
 * classes with their own `toJson()`.
 */
export function writeCharts(app: App, outdir: string): void {
  const recordsMetadata = (app as unknown as { recordConstructMetadata?: boolean }).recordConstructMetadata;
  const charts = app.charts;
  if (app.yamlOutputType !== YamlOutputType.FILE_PER_CHART || recordsMetadata || charts.some((c) => c.toJson !== Chart.prototype.toJson)) {
    synthInto(app, outdir);
    return;
  }
  mkdirSync(outdir, { recursive: true });
  if (charts.length === 0) return;
  const first = charts[0].toJson();
  if (charts.some((c) => c.node.dependencies.some((d) => d instanceof Chart))) {
    // Dependent charts get indexed file names in dependency order: cdk8s's own path.
    synthInto(app, outdir);
    return;
  }
  const files = new Map<string, unknown[]>();
  charts.forEach((chart, i) => {
    const objects = i === 0 ? first : objectsOf(chart).map((o) => o.toJson());
    files.set(`${Names.toDnsLabel(chart)}${app.outputFileExtension}`, Object.values(objects));
  });
  // stringifyDocuments writes what cdk8s's Yaml.save would, byte for byte, in a fraction of the time.
  for (const [name, objects] of files) writeFileSync(join(outdir, name), stringifyDocuments(objects), { encoding: 'utf8' });
}

/** A chart's objects in dependency order, each in its closest chart (what `Chart.toJson()` renders). */
function objectsOf(chart: Chart): ApiObject[] {
  return new DependencyGraph(chart.node)
    .topology()
    .filter((x): x is ApiObject => x instanceof ApiObject)
    .filter((x) => Chart.of(x) === chart);
}

/** `App.synth()` into another folder: the output folder is fixed at construction. */
function synthInto(app: App, outdir: string): void {
  const target = app as unknown as { outdir: string };
  const original = target.outdir;
  target.outdir = outdir;
  try {
    app.synth();
  } finally {
    target.outdir = original;
  }
}
