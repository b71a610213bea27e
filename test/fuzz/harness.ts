/**
 * Synthesizes one generated job definition and checks the invariants the fuzz suites promise.
 * Shared by constructs.fuzz.test.ts and regressions.test.ts.
 */
import { ApiObject, Chart, Testing, Yaml } from 'cdk8s';
import { AGENT_INIT_CONTAINER, AGENT_JVM_FLAG, AGENT_MOUNT_PATH, AGENT_VOLUME, BlueGreenFlinkJob, type BlueGreenFlinkJobProps, Colour, Cutover, DEPLOYMENT_TYPE_LABEL, FlinkJob, FlinkValidationError, OperatorVersion, UpgradeMode } from '../../src';
import type { ColourDeployment } from '../../src/cutover';
import { validateDocument } from '../../src/validation';
import type { JobDefinition } from './arbitraries';
import { memoryApp } from '../helpers/memory-app';

process.env.CDK8S_FLINK_WARNINGS = 'off';

export type Outcome = { readonly accepted: true; readonly objects: any[]; readonly yaml: string } | { readonly accepted: false; readonly message: string };

/** Our own refusals: cdk8s' "Validation failed…" (from node.validate()) or FlinkValidationError. */
export function isOwnValidationError(e: unknown): boolean {
  return e instanceof FlinkValidationError || (e instanceof Error && e.message.startsWith('Validation failed with the following errors:'));
}

/** Builds the job in a fresh app and synthesizes it; anything thrown that is not our validation error propagates. */
export function synthDefinition(def: JobDefinition): Outcome {
  const app = memoryApp();
  const chart = new Chart(app, 'fuzz', def.chartNamespace !== undefined ? { namespace: def.chartNamespace } : {});
  try {
    if (def.construct === 'FlinkJob') new FlinkJob(chart, 'Job', def.props);
    else new BlueGreenFlinkJob(chart, 'Job', def.props);
    const objects = Testing.synth(chart);
    sameAsCdk8s(chart);
    return { accepted: true, objects, yaml: Yaml.stringify(...objects) };
  } catch (e) {
    if (isOwnValidationError(e)) return { accepted: false, message: (e as Error).message };
    throw e;
  }
}

/**
 * Our objects render without cdk8s's token resolution (src/plain-api-object.ts): each must give,
 * key order included, what cdk8s's own ApiObject.toJson() gives.
 */
function sameAsCdk8s(chart: Chart): void {
  for (const o of chart.node.findAll()) {
    if (!(o instanceof ApiObject)) continue;
    const ours = JSON.stringify(o.toJson());
    const cdk8s = JSON.stringify(ApiObject.prototype.toJson.call(o));
    if (ours !== cdk8s) throw new Error(`${o.node.path} renders differently from cdk8s's ApiObject.toJson():\n${ours}\n---\n${cdk8s}`);
  }
}

/** Every pod template of a FlinkDeployment spec (the operator merges spec.podTemplate into both components). */
function podTemplates(spec: any): any[] {
  return [spec?.podTemplate, spec?.jobManager?.podTemplate, spec?.taskManager?.podTemplate].filter((t) => t !== undefined);
}

function named(items: any[] | undefined, name: string): number {
  return (items ?? []).filter((i) => i?.name === name).length;
}

/** The agent wiring in the JobManager's pod templates (spec.podTemplate and jobManager.podTemplate, which the operator merges). */
function jobManagerWiring(spec: any): { volumes: number; inits: number; mounts: number; containersNamedLikeInit: number } {
  const templates = [spec?.podTemplate, spec?.jobManager?.podTemplate].filter((t) => t !== undefined);
  const sum = (f: (t: any) => number) => templates.reduce((n, t) => n + f(t), 0);
  return {
    volumes: sum((t) => named(t.spec?.volumes, AGENT_VOLUME)),
    inits: sum((t) => named(t.spec?.initContainers, AGENT_INIT_CONTAINER)),
    mounts: sum((t) => (t.spec?.containers ?? []).filter((c: any) => c?.name === 'flink-main-container').reduce((m: number, c: any) => m + (c.volumeMounts ?? []).filter((v: any) => v.mountPath === AGENT_MOUNT_PATH).length, 0)),
    containersNamedLikeInit: sum((t) => named(t.spec?.containers, AGENT_INIT_CONTAINER)),
  };
}

/**
 * The invariants of an accepted job; returns the violated ones (empty when all hold).
 *  - every Flink object passes validateDocument for the job's operator version (no errors)
 *  - manifest-wired FlinkDeployments carry each wiring element exactly once; operator-managed output none
 *  - FlinkDeployment names ≤ 45 characters, FlinkBlueGreenDeployment names ≤ 39
 */
export function invariantViolations(def: JobDefinition, objects: any[]): string[] {
  const violations: string[] = [];
  const operatorVersion = def.props.operatorVersion ?? OperatorVersion.DEFAULT;
  for (const o of objects) {
    if (o.kind !== 'FlinkDeployment' && o.kind !== 'FlinkBlueGreenDeployment') continue;
    const errors = validateDocument(o, { operatorVersion }).filter((f) => f.severity === 'error');
    for (const f of errors) violations.push(`validator error on accepted output ${o.kind}/${o.metadata?.name}: [${f.rule}] ${f.path} ${f.message}`);
    const name: string = o.metadata?.name ?? '';
    if (o.kind === 'FlinkDeployment' && name.length > 45) violations.push(`FlinkDeployment name "${name}" has ${name.length} > 45 characters`);
    if (o.kind === 'FlinkBlueGreenDeployment' && name.length > 39) violations.push(`FlinkBlueGreenDeployment name "${name}" has ${name.length} > 39 characters`);
  }
  if (def.construct !== 'BlueGreenFlinkJob') return violations;

  // The gate RBAC must bind the account the Flink pods run as, or the gate cannot read its ConfigMap.
  // With targets, each cluster and namespace has its own RoleBinding for the colour(s) there.
  const place = (o: any) => `${o.metadata?.annotations?.['flink.bluegreen/cluster'] ?? ''}/${o.metadata?.namespace ?? ''}`;
  for (const rb of objects.filter((o) => o.kind === 'RoleBinding')) {
    const accounts = new Set<string>(
      objects
        .filter((o) => place(o) === place(rb))
        .flatMap((o) => (o.kind === 'FlinkDeployment' ? [o.spec?.serviceAccount] : o.kind === 'FlinkBlueGreenDeployment' ? [o.spec?.template?.spec?.serviceAccount] : [])),
    );
    const bound = new Set<string>((rb.subjects ?? []).filter((s: any) => s.kind === 'ServiceAccount').map((s: any) => s.name));
    for (const sa of accounts) if (!bound.has(sa)) violations.push(`RoleBinding/${rb.metadata.name} binds ${[...bound].join(', ')} but a Flink deployment runs as "${sa}"`);
  }
  // One job's gate ConfigMaps (one per target) say the same thing, and each sits beside a colour.
  const gateMaps = objects.filter((o) => o.kind === 'ConfigMap' && o.metadata?.labels?.['flink.bluegreen/gate-configmap'] === 'true');
  for (const cm of gateMaps.slice(1)) {
    if (JSON.stringify(cm.data) !== JSON.stringify(gateMaps[0].data)) violations.push(`ConfigMap ${place(cm)}/${cm.metadata.name} data differs from ${place(gateMaps[0])}'s`);
  }
  for (const cm of gateMaps) {
    if (!objects.some((o) => o.kind === 'FlinkDeployment' && place(o) === place(cm))) violations.push(`ConfigMap ${place(cm)}/${cm.metadata.name} has no FlinkDeployment beside it`);
  }
  for (const o of objects) {
    const sa = o.kind === 'FlinkDeployment' ? o.spec?.serviceAccount : o.spec?.template?.spec?.serviceAccount;
    if (typeof sa === 'string' && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(sa)) violations.push(`${o.kind}/${o.metadata.name}: serviceAccount "${sa}" is not a valid Kubernetes name`);
  }

  const manifestWired = def.props.injection?.mode === 'manifest';
  if (manifestWired) {
    for (const fd of objects.filter((o) => o.kind === 'FlinkDeployment')) {
      const where = `FlinkDeployment/${fd.metadata.name}`;
      const w = jobManagerWiring(fd.spec);
      const opts: string = fd.spec.flinkConfiguration?.['env.java.opts.jobmanager'] ?? '';
      const flags = opts.split(/\s+/).filter((t) => t === AGENT_JVM_FLAG).length;
      if (w.volumes !== 1) violations.push(`${where}: volume ${AGENT_VOLUME} appears ${w.volumes} times in its JobManager pod templates`);
      if (w.inits !== 1) violations.push(`${where}: init container ${AGENT_INIT_CONTAINER} appears ${w.inits} times in its JobManager pod templates`);
      if (w.mounts !== 1) violations.push(`${where}: mount ${AGENT_MOUNT_PATH} appears ${w.mounts} times in flink-main-container`);
      if (w.containersNamedLikeInit > 0) violations.push(`${where}: a container is named ${AGENT_INIT_CONTAINER} beside the agent's init container (duplicate container name in the pod)`);
      if (flags !== 1) violations.push(`${where}: ${AGENT_JVM_FLAG} appears ${flags} times in env.java.opts.jobmanager ("${opts}")`);
    }
  } else {
    // The operator injects the wiring only when it runs a gate (ADVANCED with bluegreen.gate.strategy,
    // domain.md 4.2); it appends volume, init container and mount without de-duplicating, and adds
    // the -javaagent flag only when absent. So a gated output must hold none of the three.
    for (const bg of objects.filter((o) => o.kind === 'FlinkBlueGreenDeployment')) {
      const tpl = bg.spec?.template?.spec;
      if (tpl?.flinkConfiguration?.['bluegreen.gate.strategy'] === undefined) continue;
      const w = jobManagerWiring(tpl);
      const where = `FlinkBlueGreenDeployment/${bg.metadata.name}`;
      if (w.volumes + w.inits + w.mounts + w.containersNamedLikeInit > 0) {
        violations.push(`${where}: the operator injects the agent wiring, but the JobManager pod templates already hold ${JSON.stringify(w)}`);
      }
    }
  }
  if (manifestWired) violations.push(...overrideViolations(def.props as BlueGreenFlinkJobProps, objects));
  // Kubernetes requires unique names across a pod's containers and init containers.
  for (const o of objects) {
    const spec = o.kind === 'FlinkDeployment' ? o.spec : o.kind === 'FlinkBlueGreenDeployment' ? o.spec?.template?.spec : undefined;
    for (const t of podTemplates(spec)) {
      const names = [...(t.spec?.containers ?? []), ...(t.spec?.initContainers ?? [])].map((c: any) => c?.name);
      const dup = names.filter((n: unknown, i: number) => names.indexOf(n) !== i);
      if (dup.length > 0) violations.push(`${o.kind}/${o.metadata?.name}: pod template holds two containers named ${dup.join(', ')}`);
    }
  }
  return violations;
}

/**
 * Each colour runs the job's props with its own overrides merged in: a top-level override
 * replaces the prop, an override of a nested group (job, jobManager, taskManager,
 * flinkConfiguration) replaces only the fields it names and keeps the others (cutover.ts).
 */
function overrideViolations(props: BlueGreenFlinkJobProps, objects: any[]): string[] {
  const cutover = props.cutover ?? Cutover.startOn(Colour.BLUE);
  const stateful = props.job.upgradeMode !== undefined && props.job.upgradeMode !== UpgradeMode.STATELESS;
  const { state } = cutover.resolve(stateful);
  const deployments: ColourDeployment[] = !state ? [] : state.phase === 'stable' ? [state.active] : [state.from, state.to];
  const out: string[] = [];
  for (const d of deployments) {
    const fd = objects.find((o) => o.kind === 'FlinkDeployment' && o.metadata?.labels?.[DEPLOYMENT_TYPE_LABEL] === d.colour.value);
    if (!fd) {
      out.push(`no FlinkDeployment for colour ${d.colour.value}`);
      continue;
    }
    const o = d.overrides ?? {};
    const expect = (what: string, actual: unknown, expected: unknown) => {
      if (expected !== undefined && JSON.stringify(actual) !== JSON.stringify(expected)) out.push(`${fd.metadata.name}: ${what} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)} (props merged with the colour's overrides)`);
    };
    expect('image', fd.spec.image, o.image ?? props.image);
    expect('job.parallelism', fd.spec.job?.parallelism, o.job?.parallelism ?? props.job.parallelism);
    expect('job.jarURI', fd.spec.job?.jarURI, o.job?.jarURI ?? props.job.jarURI);
    expect('job.entryClass', fd.spec.job?.entryClass, o.job?.entryClass ?? props.job.entryClass);
    expect('taskManager.replicas', fd.spec.taskManager?.replicas, o.taskManager?.replicas ?? props.taskManager!.replicas);
    expect('taskManager.resource.cpu', fd.spec.taskManager?.resource?.cpu, o.taskManager?.cpu ?? props.taskManager!.cpu);
    expect('taskManager.resource.memory', fd.spec.taskManager?.resource?.memory, o.taskManager?.memory ?? props.taskManager!.memory);
    expect('jobManager.resource.memory', fd.spec.jobManager?.resource?.memory, o.jobManager?.memory ?? props.jobManager!.memory);
    expect('jobManager.resource.cpu', fd.spec.jobManager?.resource?.cpu, o.jobManager?.cpu ?? props.jobManager!.cpu);
    const config = { ...(props.flinkConfiguration ?? {}), ...(o.flinkConfiguration ?? {}) };
    for (const [k, v] of Object.entries(config)) if (k.startsWith('custom.')) expect(`flinkConfiguration["${k}"]`, fd.spec.flinkConfiguration?.[k], v);
  }
  return out;
}

/** What the fuzz suites record per run, for the summary line. */
export interface FuzzStats {
  runs: number;
  accepted: number;
  refused: number;
  byKind: Record<string, number>;
}

export function newStats(): FuzzStats {
  return { runs: 0, accepted: 0, refused: 0, byKind: {} };
}

/** One run of the property: synth twice, check determinism and the invariants. Throws on a violation. */
export function checkDefinition(def: JobDefinition, stats?: FuzzStats): void {
  const propsBefore = JSON.stringify(def.props);
  const first = synthDefinition(def);
  const second = synthDefinition(def);
  if (stats) {
    stats.runs++;
    const mode = def.construct === 'FlinkJob' ? 'FlinkJob' : `BlueGreenFlinkJob/${def.props.injection?.mode ?? 'operator'}`;
    const key = `${mode}/${first.accepted ? 'accepted' : 'refused'}`;
    stats.byKind[key] = (stats.byKind[key] ?? 0) + 1;
    if (first.accepted) stats.accepted++;
    else stats.refused++;
  }
  if (first.accepted !== second.accepted) throw new Error('two synths of the same definition disagree on acceptance');
  if (JSON.stringify(def.props) !== propsBefore) throw new Error('synthesis modified the props object');
  if (!first.accepted || !second.accepted) return;
  if (first.yaml !== second.yaml) throw new Error(`output differs between two synths:\n${first.yaml}\n---\n${second.yaml}`);
  const violations = invariantViolations(def, first.objects);
  if (violations.length > 0) throw new Error(`invariants violated:\n  ${violations.join('\n  ')}\noutput:\n${first.yaml}`);
}
