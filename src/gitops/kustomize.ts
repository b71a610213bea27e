import { join } from 'node:path';
import { ApiObject, App, Chart, Yaml } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { CLUSTER_ANNOTATION } from '../cluster-target';
import { jsonPointer } from '../json-pointer';
import { filesFill, writeOutputFolder } from '../output/output-folder';
import { checkRelativePath, fileNameSegment } from '../output/safe-name';
import { duplicateObjectProblems, metadataProblems } from '../validation/rules/metadata';

/** One environment: the same app built with that environment's values. */
export interface KustomizeEnvironment {
  /**
   * Folder name under `overlays/`, e.g. `staging`: a DNS label (lower-case letters, digits, `-`;
   * at most 63 characters). Anything else throws before a file is written.
   */
  readonly name: string;
  /** Adds the environment's charts to the app (same charts and objects as the base, other values). */
  readonly build: (app: App) => void;
}

export interface KustomizeLayoutProps {
  /** Adds the base charts to the app. */
  readonly build: (app: App) => void;
  /** Environments rendered as overlays of the base. @default - none */
  readonly environments?: readonly KustomizeEnvironment[];
  /**
   * Folder to write, replaced atomically as a whole (see `writeOutputFolder`): a folder this tool
   * did not write is refused unless `takeOver` is set.
   */
  readonly outdir: string;
  /**
   * Named clusters to write a layout for even when no object goes there (an emptied cluster gets
   * empty kustomizations, so Argo CD / Flux prune what the last commit removed from it).
   * Clusters named by objects (annotation `flink.bluegreen/cluster`) are always written.
   * @default - only the clusters objects name
   */
  readonly clusters?: readonly string[];
  /**
   * More files to publish in the same folder and the same atomic swap, by relative path
   * (`/`-separated, no `..`), e.g. GitOps tool settings.
   * @default - none
   */
  readonly extraFiles?: Readonly<Record<string, string>>;
  /**
   * Replace an output folder this tool did not write.
   * @default - true when CDK8S_FLINK_TAKE_OVER=1, else false
   */
  readonly takeOver?: boolean;
}

/** A Kubernetes object as synthesized, keyed by what identifies it in a cluster. */
interface SynthObject {
  readonly chart: string;
  /** Named cluster (annotation), or '' for the app's own cluster. */
  readonly cluster: string;
  readonly key: string;
  readonly json: Record<string, any>;
}

/** One JSON Patch (RFC 6902) operation. */
export interface PatchOp {
  readonly op: 'add' | 'remove' | 'replace';
  readonly path: string;
  readonly value?: unknown;
}

/**
 * Writes a Kustomize layout: `base/<chart>/` with one file per object and a sorted
 * `kustomization.yaml`, and `overlays/<env>/` whose JSON patches turn the base into exactly what
 * the constructs synthesize for that environment. Both sides come from the same constructs, so
 * the overlays cannot drift from the code; the objects are validated like any synth.
 *
 * Objects for a named cluster (annotation `flink.bluegreen/cluster`, set by `ClusterTarget`) go
 * to `clusters/<cluster>/base/…` and `clusters/<cluster>/overlays/<env>/`, the same layout one
 * level down, so each cluster's GitOps application points at its own folder.
 */
export function writeKustomizeLayout(props: KustomizeLayoutProps): string[] {
  const files = kustomizeFiles(props);
  for (const [rel, text] of Object.entries(props.extraFiles ?? {})) {
    checkRelativePath(rel);
    if (files.has(rel)) throw new Error(`extraFiles: ${rel} is a file of the Kustomize layout itself`);
    files.set(rel, text);
  }
  const result = writeOutputFolder(props.outdir, filesFill(files), { layout: 'kustomize', ...(props.takeOver !== undefined ? { takeOver: props.takeOver } : {}) });
  // What the user must know about the folder (taken over, written file by file): said, not hidden.
  for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
  return [...files.keys()].sort();
}

/** An overlay folder name: a DNS label, so it is a plain file name everywhere. */
function checkEnvironmentName(name: string): void {
  if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)) {
    throw new Error(
      `environment name ${JSON.stringify(String(name)).slice(0, 80)} is not a DNS label (lower-case letters, digits and "-", starting and ending alphanumeric, at most 63 characters): it names the folder overlays/<name>`,
    );
  }
}

/** The layout's files by relative path, every name from the app encoded as a file-name segment. */
export function kustomizeFiles(props: Pick<KustomizeLayoutProps, 'build' | 'environments' | 'clusters'>): Map<string, string> {
  for (const env of props.environments ?? []) checkEnvironmentName(env.name);
  const envNames = (props.environments ?? []).map((e) => e.name);
  const dup = envNames.find((n, i) => envNames.indexOf(n) !== i);
  if (dup !== undefined) throw new Error(`environment "${dup}" is given twice`);
  const all = synthObjects(props.build);
  const files = new Map<string, string>();
  const envs = (props.environments ?? []).map((env) => ({ env, objects: synthObjects(env.build) }));
  const clusters = [...new Set(['', ...all.map((o) => o.cluster), ...(props.clusters ?? [])])].sort();
  for (const cluster of clusters) {
    const root = cluster === '' ? '' : `clusters/${fileNameSegment(cluster)}/`;
    const mine = (o: SynthObject) => o.cluster === cluster;
    if (cluster === '' && !all.some(mine) && clusters.length > 1) continue;
    layoutFiles(
      all.filter(mine),
      envs.map(({ env, objects }) => ({ env, objects: objects.filter(mine) })),
      (rel, text) => files.set(root + rel, text),
    );
  }
  for (const rel of files.keys()) checkRelativePath(rel);
  return files;
}

/** One cluster's base and overlays. */
function layoutFiles(
  base: readonly SynthObject[],
  environments: ReadonlyArray<{ env: KustomizeEnvironment; objects: readonly SynthObject[] }>,
  put: (rel: string, text: string) => void,
): void {
  const files = { set: put };
  const charts = [...new Set(base.map((o) => o.chart))].sort();
  const chartDirs = new Map(charts.map((c) => [c, fileNameSegment(c)]));
  const dirs = [...chartDirs.values()];
  const clash = dirs.find((d, i) => dirs.indexOf(d) !== i);
  if (clash !== undefined) throw new Error(`two charts would share the folder base/${clash}: give the charts distinct ids`);
  for (const chart of charts) {
    const objects = base.filter((o) => o.chart === chart);
    const names = objects.map((o) => fileName(o.json));
    objects.forEach((o, i) => files.set(`base/${chartDirs.get(chart)}/${names[i]}`, Yaml.stringify(o.json)));
    files.set(`base/${chartDirs.get(chart)}/kustomization.yaml`, kustomization({ resources: [...names].sort() }));
  }

  for (const { env, objects: envObjects } of environments) {
    const byKey = new Map(envObjects.map((o) => [o.key, o]));
    const missing = base.filter((o) => !byKey.has(o.key)).map((o) => o.key);
    const extra = envObjects.filter((o) => !base.some((b) => b.key === o.key)).map((o) => o.key);
    if (missing.length > 0 || extra.length > 0) {
      throw new Error(
        `environment "${env.name}" must synthesize the same objects as the base (overlays only patch values): ` +
          `${missing.length ? `missing ${missing.join(', ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `extra ${extra.join(', ')}` : ''}`,
      );
    }
    const patches: Array<{ path: string; target: Record<string, string> }> = [];
    for (const o of base) {
      const ops = jsonPatch(o.json, byKey.get(o.key)!.json);
      if (ops.length === 0) continue;
      const file = `patches/${fileName(o.json)}`;
      files.set(`overlays/${env.name}/${file}`, Yaml.stringify(ops));
      patches.push({ path: file, target: target(o.json) });
    }
    patches.sort((a, b) => (a.path < b.path ? -1 : 1));
    files.set(`overlays/${env.name}/kustomization.yaml`, kustomization({ resources: charts.map((c) => `../../base/${chartDirs.get(c)}`), patches }));
  }
}

/** Synthesizes an app in memory, after validation (an invalid app throws, nothing is written). */
function synthObjects(build: (app: App) => void): SynthObject[] {
  const app = new App({ outdir: join(require('node:os').tmpdir(), 'cdk8s-flink-kustomize-unused') });
  build(app);
  const errors = app.node.findAll().flatMap((c: IConstruct) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
  const objects = app.charts.flatMap((chart) => chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart));
  const rendered = errors.length > 0 ? [] : objects.map((o) => ({ path: o.node.path, json: o.toJson() as Record<string, unknown> }));
  errors.push(...rendered.flatMap((r) => metadataProblems(r.json).map((p) => `[${r.path}] ${p}`)), ...duplicateObjectProblems(rendered));
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  const out: SynthObject[] = [];
  for (const chart of app.charts) {
    for (const obj of chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart)) {
      const json = obj.toJson();
      out.push({ chart: chart.node.id, cluster: json.metadata?.annotations?.[CLUSTER_ANNOTATION] ?? '', key: objectKey(json), json });
    }
  }
  return out;
}

function objectKey(o: Record<string, any>): string {
  return `${o.apiVersion}/${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
}

/**
 * Stable, collision-free file name: kind, namespace and name (cdk8s' own names omit the
 * namespace), each encoded as a file-name segment so no name can leave the folder.
 */
function fileName(o: Record<string, any>): string {
  const ns = o.metadata?.namespace ? `${fileNameSegment(String(o.metadata.namespace))}.` : '';
  return `${fileNameSegment(String(o.kind).toLowerCase())}.${ns}${fileNameSegment(String(o.metadata?.name))}.yaml`;
}

function target(o: Record<string, any>): Record<string, string> {
  const [group, version] = String(o.apiVersion).includes('/') ? String(o.apiVersion).split('/') : ['', String(o.apiVersion)];
  const t: Record<string, string> = { group, version, kind: o.kind, name: o.metadata.name };
  if (o.metadata.namespace) t.namespace = o.metadata.namespace;
  return t;
}

function kustomization(content: { resources: string[]; patches?: Array<{ path: string; target: Record<string, string> }> }): string {
  const doc: Record<string, unknown> = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: content.resources };
  if (content.patches && content.patches.length > 0) doc.patches = content.patches;
  return Yaml.stringify(doc);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * JSON Patch from `from` to `to`: objects are diffed key by key (sorted, so patches are stable),
 * anything else that differs — arrays included — is replaced whole, which keeps patches readable
 * and immune to list reordering.
 */
export function jsonPatch(from: unknown, to: unknown, path = ''): PatchOp[] {
  if (JSON.stringify(from) === JSON.stringify(to)) return [];
  if (!isPlainObject(from) || !isPlainObject(to)) return [{ op: 'replace', path, value: to }];
  const ops: PatchOp[] = [];
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  for (const k of keys) {
    const p = `${path}${jsonPointer(k)}`;
    if (!(k in to)) ops.push({ op: 'remove', path: p });
    else if (!(k in from)) ops.push({ op: 'add', path: p, value: to[k] });
    else ops.push(...jsonPatch(from[k], to[k], p));
  }
  return ops;
}
