import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiObject, App, Chart, DependencyGraph, Names, Yaml, YamlOutputType } from 'cdk8s';
import { duplicateObjectProblems, identityOf, metadataProblems } from './validation/rules/metadata';
import { stringifyDocuments } from './yaml-writer';

/**
 * Writes an app's charts like `App.synth()` does (one `<chart>.k8s.yaml` per chart, or with
 * `YamlOutputType.FILE_PER_APP` one `app.k8s.yaml`; same names, same objects, same order,
 * byte-identical YAML), in time linear in the size of the app.
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
  if (app.yamlOutputType === YamlOutputType.FILE_PER_RESOURCE && !recordsMetadata) {
    writeFilePerResource(app, outdir);
    return;
  }
  if (app.yamlOutputType === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE && !recordsMetadata && !charts.some((c) => c.node.dependencies.some((d) => d instanceof Chart))) {
    writeFolderPerChart(app, outdir);
    return;
  }
  // FILE_PER_APP: every chart's objects, in chart order, in one `app<ext>` (what App.synth() writes).
  const oneFile = app.yamlOutputType === YamlOutputType.FILE_PER_APP;
  if ((app.yamlOutputType !== YamlOutputType.FILE_PER_CHART && !oneFile) || recordsMetadata || charts.some((c) => c.toJson !== Chart.prototype.toJson)) {
    synthInto(app, outdir);
    return;
  }
  mkdirSync(outdir, { recursive: true });
  if (charts.length === 0) return;
  const first = charts[0].toJson();
  if (!oneFile && charts.some((c) => c.node.dependencies.some((d) => d instanceof Chart))) {
    // Dependent charts get indexed file names in dependency order: cdk8s's own path.
    synthInto(app, outdir);
    return;
  }
  // Each chart is turned into YAML as soon as it is rendered and only the text is kept: the
  // documents of a thousand charts held until the end survived the young-generation collections
  // and were copied into the old generation, for nothing (bench/README.md).
  const files = new Map<string, string[]>();
  const problems: string[] = [];
  const identities: Array<{ path: string; json: unknown }> = [];
  charts.forEach((chart, i) => {
    const apiObjects = objectsOf(chart);
    const objects = i === 0 ? Object.values(first) : apiObjects.map((o) => o.toJson());
    objects.forEach((json, j) => {
      const path = objects.length === apiObjects.length ? apiObjects[j].node.path : chart.node.path;
      for (const p of metadataProblems(json)) problems.push(`[${path}] ${p}`);
      identities.push({ path, json: identityOf(json) });
    });
    const file = oneFile ? `app${app.outputFileExtension}` : `${Names.toDnsLabel(chart)}${app.outputFileExtension}`;
    const texts = files.get(file) ?? files.set(file, []).get(file)!;
    if (objects.length > 0) texts.push(stringifyDocuments(objects));
  });
  throwIfProblems([...problems, ...duplicateObjectProblems(identities)]);
  // stringifyDocuments writes what cdk8s's Yaml.save would, byte for byte, in a fraction of the time;
  // the documents of several charts in one file are joined as Yaml.save joins them.
  for (const [name, texts] of files) writeFileSync(join(outdir, name), texts.join('---\n'), { encoding: 'utf8' });
}

/**
 * The checks that need every object of the app: metadata as the API server judges it, and one
 * object per kind/namespace/name across all charts. Throws like cdk8s's own validation.
 */
export function checkObjects(objects: ReadonlyArray<{ readonly path: string; readonly json: unknown }>): void {
  throwIfProblems([...objects.flatMap((o) => metadataProblems(o.json).map((p) => `[${o.path}] ${p}`)), ...duplicateObjectProblems(objects)]);
}

function throwIfProblems(errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

/** Every object of the app, rendered, with the path of its construct (for the other layouts). */
function renderAll(app: App): Array<{ path: string; json: unknown }> {
  return app.charts.flatMap((chart) => objectsOf(chart).map((o) => ({ path: o.node.path, json: o.toJson() as unknown })));
}

/**
 * FILE_PER_RESOURCE: cdk8s names each file `<Kind>.<name>.k8s.yaml`, so two objects of one kind
 * and name in different namespaces would overwrite each other and one would be lost without a
 * word. The same names here, except that objects sharing a name get their namespace in it
 * (`<Kind>.<namespace>.<name>.k8s.yaml`); two objects that still collide are refused.
 */
function writeFilePerResource(app: App, outdir: string): void {
  mkdirSync(outdir, { recursive: true });
  const objects = app.charts.flatMap((chart) => Object.values(chart.toJson()).filter((o) => o !== undefined) as Array<Record<string, any>>);
  checkObjects(renderAll(app));
  writeResources(app, outdir, objects);
}

/** FOLDER_PER_CHART_FILE_PER_RESOURCE: the same names per chart folder (`<chart>/`), same rule for namesakes. */
function writeFolderPerChart(app: App, outdir: string): void {
  mkdirSync(outdir, { recursive: true });
  if (app.charts.length === 0) return;
  app.charts[0].toJson(); // prepares and validates the app, as App.synth() would
  const all = renderAll(app);
  checkObjects(all);
  for (const chart of app.charts) {
    const dir = join(outdir, Names.toDnsLabel(chart));
    mkdirSync(dir, { recursive: true });
    writeResources(app, dir, objectsOf(chart).map((o) => o.toJson() as Record<string, any>));
  }
}

function writeResources(app: App, outdir: string, objects: Array<Record<string, any>>): void {
  const plain = (o: Record<string, any>) => `${o.kind}.${o.metadata?.name}`.replace(/[^0-9a-zA-Z-_.]/g, '');
  const counts = new Map<string, number>();
  for (const o of objects) counts.set(plain(o), (counts.get(plain(o)) ?? 0) + 1);
  const written = new Map<string, Record<string, any>>();
  for (const o of objects) {
    let name = plain(o);
    if (counts.get(name)! > 1) name = `${o.kind}.${o.metadata?.namespace ?? ''}.${o.metadata?.name}`.replace(/[^0-9a-zA-Z-_.]/g, '');
    if (name.startsWith('.')) name = `_${name}`;
    const previous = written.get(name);
    if (previous) {
      throw new Error(
        `Validation failed with the following errors:\n  two objects would be written to ${name}${app.outputFileExtension}: ` +
          `${previous.kind} ${previous.metadata?.namespace ?? ''}/${previous.metadata?.name} and ${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}; give them distinct names`,
      );
    }
    written.set(name, o);
    Yaml.save(join(outdir, `${name}${app.outputFileExtension}`), [o]);
  }
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
  if (app.charts.length > 0) {
    app.charts[0].toJson(); // cdk8s's own validation first, as App.synth() would report it
    checkObjects(renderAll(app));
  }
  const target = app as unknown as { outdir: string };
  const original = target.outdir;
  target.outdir = outdir;
  try {
    app.synth();
  } finally {
    target.outdir = original;
  }
}
