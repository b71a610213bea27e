/**
 * The gate ConfigMap of a manifest-wired cutover in `plan`: its changes are the point of a cutover
 * commit, so each changed key is shown with what the FLIP-504 gate does with it
 * (`GateContext.create`, `WatermarkGateProcessFunction`), and removing the old colour before the old
 * job handed over is flagged.
 */
import { GATE_CONFIGMAP_LABEL } from '../gate-configmap';
import type { LoadedDocument } from '../io/load-documents';
import { isPlainObject } from './diff-fields';
import { flattenFlinkConfiguration } from './flink-config';
import type { Danger, ObjectChange } from './impact';
import { displayName, type ManifestObject } from './manifest';

/** One changed key of a gate ConfigMap. */
export interface GateKeyChange {
  readonly key: string;
  readonly from: string | undefined;
  readonly to: string | undefined;
  /** What the gate does with the new value. */
  readonly meaning: string;
}

/** A gate ConfigMap that appears, vanishes or changes between the two versions. */
export interface GateConfigMapChange {
  readonly namespace: string | undefined;
  readonly name: string;
  readonly impact: 'CREATE' | 'UPDATE' | 'DELETE';
  readonly keys: readonly GateKeyChange[];
  readonly notes: readonly string[];
}

type Data = Readonly<Record<string, string>>;

function key(namespace: string | undefined, name: string): string {
  return JSON.stringify([namespace ?? null, name]);
}

function isGateConfigMap(o: Record<string, unknown>): boolean {
  if (o.kind !== 'ConfigMap') return false;
  const md = isPlainObject(o.metadata) ? o.metadata : {};
  const labels = isPlainObject(md.labels) ? md.labels : {};
  const data = isPlainObject(o.data) ? o.data : {};
  return labels[GATE_CONFIGMAP_LABEL] === 'true' || ('active-deployment-type' in data && 'stage' in data);
}

/** Gate ConfigMaps by namespace/name, with their data as text. */
export function gateConfigMapsIn(docs: readonly LoadedDocument[]): Map<string, { namespace: string | undefined; name: string; data: Data }> {
  const out = new Map<string, { namespace: string | undefined; name: string; data: Data }>();
  for (const d of docs) {
    const items = isPlainObject(d.content) && d.content.kind === 'List' && Array.isArray(d.content.items) ? d.content.items : [d.content];
    for (const o of items) {
      if (!isPlainObject(o) || !isGateConfigMap(o)) continue;
      const md = isPlainObject(o.metadata) ? o.metadata : {};
      if (typeof md.name !== 'string') continue;
      const namespace = typeof md.namespace === 'string' ? md.namespace : undefined;
      const raw = isPlainObject(o.data) ? o.data : {};
      const data = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
      out.set(key(namespace, md.name), { namespace, name: md.name, data });
    }
  }
  return out;
}

function meaning(k: string, to: string | undefined, data: Data): string {
  if (to === undefined) {
    return k === 'watermark-toggle-value'
      ? 'removed from Git: a value the gate wrote stays in the live ConfigMap unless it is replaced wholesale (a stale toggle makes the old job stop emitting at once at the next cutover)'
      : 'removed from Git; server-side apply leaves a value the gate wrote in place';
  }
  switch (k) {
    case 'active-deployment-type':
      return `${to}'s job becomes ACTIVE (emits records at or after the toggle); the other colour's job becomes STANDBY (emits only before it, then writes stage CLEAR_TO_TEARDOWN)`;
    case 'stage':
      return to === 'TRANSITIONING'
        ? 'a cutover starts: the jobs hand over at the watermark toggle'
        : to === 'RUNNING'
          ? 'no cutover pending (the commit that completes a cutover); overwrites the CLEAR_TO_TEARDOWN the old job wrote'
          : to === 'CLEAR_TO_TEARDOWN'
            ? 'written by the old job once its watermark passed the toggle; setting it from Git tells nobody anything'
            : `stage ${to}`;
    case 'watermark-toggle-value': {
      const n = Number(to);
      // Dates end at ±8.64e15 ms: a toggle outside that range is shown as the number alone.
      const when = Number.isFinite(n) && Math.abs(n) <= 8.64e15 ? ` (${new Date(n).toISOString()})` : '';
      return `records with event time ≥ ${to}${when} go to the ${data['active-deployment-type'] ?? 'new'} job; the old job emits only earlier records`;
    }
    case 'watermark-stage':
      return to === 'WATERMARK_SET' ? 'the toggle is fixed in Git (scheduled event-time cutover)' : `watermark stage ${to}`;
    case 'is-first-deployment':
      return to === 'true' ? 'the active job emits everything (toggle 0): no cutover' : 'a cutover is possible: the toggle applies';
    case 'deployment-deletion-delay-ms':
      return `the toggle chosen by the old job is its watermark + ${to} ms`;
    default:
      return 'a key the gate does not read';
  }
}

/** Changes of gate ConfigMaps between the two versions of the documents. */
export function gateConfigMapChanges(before: readonly LoadedDocument[], after: readonly LoadedDocument[]): GateConfigMapChange[] {
  const a = gateConfigMapsIn(before);
  const b = gateConfigMapsIn(after);
  const out: GateConfigMapChange[] = [];
  for (const k of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(k);
    const y = b.get(k);
    const id = (x ?? y)!;
    const from: Data = x?.data ?? {};
    const to: Data = y?.data ?? {};
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])]
      .sort()
      .filter((q) => from[q] !== to[q])
      .map((q) => ({ key: q, from: from[q], to: to[q], meaning: meaning(q, to[q], to) }));
    if (x && y && keys.length === 0) continue;
    const notes: string[] = [];
    if (to.stage === 'TRANSITIONING' && from.stage !== 'TRANSITIONING') {
      notes.push('Cutover commit: apply it together with the new colour (restored from a savepoint of the old one taken before the toggle). The gate rewrites only stage; ignore that key in the GitOps diff or selfHeal fights the gate.');
    }
    if (from.stage === 'TRANSITIONING' && to.stage !== undefined && to.stage !== 'TRANSITIONING') {
      notes.push(`Completion commit: merge it only after the live ConfigMap's stage is CLEAR_TO_TEARDOWN (kubectl get configmap ${id.name}${id.namespace ? ` -n ${id.namespace}` : ''} -o jsonpath='{.data.stage}'), i.e. once the old job has handed over.`);
    }
    if (!y) notes.push('The gate ConfigMap is deleted: a gated job that still runs fails when it next reads it.');
    out.push({ namespace: id.namespace, name: id.name, impact: !x ? 'CREATE' : !y ? 'DELETE' : 'UPDATE', keys, notes });
  }
  return out;
}

/**
 * A colour FlinkDeployment deleted while its gate ConfigMap was TRANSITIONING in the previous
 * version: the `.complete()` commit. Merged before the old job wrote CLEAR_TO_TEARDOWN, it stops
 * the old job before it emitted everything before the toggle.
 */
export function gateDangers(change: ObjectChange, from: readonly ManifestObject[], beforeGates: ReadonlyMap<string, { data: Data }>): Danger[] {
  if (change.kind !== 'FlinkDeployment' || change.impact !== 'DELETE') return [];
  const old = from.find((o) => o.kind === change.kind && o.name === change.name && o.namespace === change.namespace);
  const spec = isPlainObject(old?.body.spec) ? old!.body.spec : {};
  const cm = flattenFlinkConfiguration(spec.flinkConfiguration).get('bluegreen.configmap.name');
  if (cm === undefined) return [];
  const gate = beforeGates.get(key(change.namespace, cm));
  if (gate?.data.stage !== 'TRANSITIONING') return [];
  return [{
    severity: 'warning',
    code: 'gate-teardown-before-handover',
    message:
      `This removes ${displayName(change)} while the gate ConfigMap ${cm} was TRANSITIONING: merge it only after the live ConfigMap's ` +
      `stage is CLEAR_TO_TEARDOWN (written by this job once its watermark passed the toggle); removed earlier, the records before the toggle that it has not emitted yet are lost.`,
  }];
}
