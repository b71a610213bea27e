/**
 * The plan: both versions of a set of manifests matched object by object (kind, namespace as
 * written, name) and each pair classified as the operator would.
 */
import { classifyBlueGreen } from './blue-green-diff';
import { createNotes, deleteDangers, updateDangers } from './dangers';
import { classifyFlinkDeployment } from './flink-deployment-diff';
import type { Classification, Danger, FlinkKind, Impact, ObjectChange } from './impact';
import { displayName, objectKey, type ManifestObject } from './manifest';
import { detectRenames } from './rename';
import { OperatorVersion } from '../operator-version';
import { gateConfigMapChanges, gateConfigMapsIn, gateDangers, type GateConfigMapChange } from './gate-configmap';
import { pruneForOperator } from './prune';
import type { LoadedDocument } from '../io/load-documents';

/** The note every blue/green plan carries: the YAML cannot tell whether a transition is running. */
export const DURING_TRANSITION_NOTE =
  'If a blue/green transition is already in progress when this is applied, the change goes to the incoming child ' +
  '(patched in place, no further transition) and a SUSPEND waits until the transition has finished; ' +
  'the manifests alone cannot show whether one is running (status.blueGreenState TRANSITIONING_* or SAVEPOINTING_*).';

export type { GateConfigMapChange } from './gate-configmap';

export interface Plan {
  readonly changes: readonly ObjectChange[];
  /** Gate ConfigMaps (manifest-wired cutovers) that changed, with what each change means. */
  readonly gateConfigMaps?: readonly GateConfigMapChange[];
}

/** Options of a plan. */
export interface PlanOptions {
  /**
   * The operator build the manifests are applied to: fields its CRD does not define are pruned by
   * the API server, so they are dropped from both versions before the comparison.
   * @default OperatorVersion.DEFAULT
   */
  readonly operatorVersion?: OperatorVersion;
  /** Per-document override (e.g. an annotation on the object); falls back to `operatorVersion`. */
  readonly operatorVersionOf?: (body: unknown) => OperatorVersion | undefined;
}

/**
 * What the operator does with one object; `undefined` on one side means it appears (CREATE) or
 * vanishes (DELETE). Pure: no I/O, the inputs are not modified.
 */
export function compareObject(kind: FlinkKind, oldObj: unknown, newObj: unknown, identity: { readonly namespace: string | undefined; readonly name: string }, options: PlanOptions = {}): ObjectChange {
  if (options.operatorVersion === undefined && options.operatorVersionOf === undefined) return compareStored(kind, oldObj, newObj, identity);
  const versionOf = (body: unknown) => options.operatorVersionOf?.(body) ?? options.operatorVersion ?? OperatorVersion.DEFAULT;
  const version = versionOf(newObj ?? oldObj);
  const a = oldObj === undefined ? undefined : pruneForOperator(kind, oldObj, version);
  const b = newObj === undefined ? undefined : pruneForOperator(kind, newObj, version);
  const change = compareStored(kind, a?.body, b?.body, identity);
  const dropped = [...new Set([...(a?.pruned ?? []), ...(b?.pruned ?? [])])];
  if (dropped.length === 0) return change;
  const note = `Operator ${version.id} prunes ${dropped.join(', ')} (not in its CRD): the API server drops ${dropped.length > 1 ? 'them' : 'it'} and the operator never sees ${dropped.length > 1 ? 'them' : 'it'}; left out of this comparison.`;
  return { ...change, notes: [...change.notes, note] };
}

/** compareObject on the objects as the API server stores them. */
function compareStored(kind: FlinkKind, oldObj: unknown, newObj: unknown, identity: { readonly namespace: string | undefined; readonly name: string }): ObjectChange {
  const base = { kind, namespace: identity.namespace, name: identity.name };
  if (oldObj === undefined && newObj === undefined) throw new Error('compareObject: both versions missing');
  if (oldObj === undefined) {
    return { ...base, impact: 'CREATE', reasons: [], dangers: [], notes: createNotes(kind, newObj) };
  }
  if (newObj === undefined) {
    return { ...base, impact: 'DELETE', reasons: [], dangers: deleteDangers(kind, oldObj), notes: [] };
  }
  const c: Classification = kind === 'FlinkDeployment' ? classifyFlinkDeployment(oldObj, newObj) : classifyBlueGreen(oldObj, newObj);
  return {
    ...base,
    impact: c.impact,
    ...(c.decidedBy !== undefined ? { decidedBy: c.decidedBy } : {}),
    reasons: c.reasons,
    dangers: updateDangers(kind, oldObj, newObj, c.impact),
    notes: c.notes,
  };
}

function order(a: ObjectChange, b: ObjectChange): number {
  const ka = [a.kind, a.namespace ?? '', a.name];
  const kb = [b.kind, b.namespace ?? '', b.name];
  for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

/**
 * Compares two sets of Flink objects. With `gates` (the documents of both versions), gate
 * ConfigMaps are compared too and a colour removed before the old job handed over is flagged.
 */
export function planChanges(from: readonly ManifestObject[], to: readonly ManifestObject[], options: PlanOptions = {}, gates?: { readonly before: readonly LoadedDocument[]; readonly after: readonly LoadedDocument[] }): Plan {
  const oldByKey = new Map(from.map((o) => [objectKey(o), o]));
  const newByKey = new Map(to.map((o) => [objectKey(o), o]));
  const changes = new Map<ManifestObject, ObjectChange>();

  for (const o of from) {
    const n = newByKey.get(objectKey(o));
    changes.set(o, compareObject(o.kind, o.body, n?.body, o, options));
  }
  for (const n of to) {
    if (!oldByKey.has(objectKey(n))) changes.set(n, compareObject(n.kind, undefined, n.body, n, options));
  }

  const deleted = from.filter((o) => !newByKey.has(objectKey(o)));
  const created = to.filter((n) => !oldByKey.has(objectKey(n)));
  for (const pair of detectRenames(deleted, created)) {
    const what = `${pair.deleted.kind} ${displayName(pair.deleted)} → ${displayName(pair.created)}`;
    const danger: Danger = {
      severity: 'warning',
      code: 'rename',
      message:
        `Looks like a rename (${what}, ${Math.round(pair.score * 100)}% similar): the operator deletes the old job and starts ` +
        'the new one from scratch, state is not carried over. Take a savepoint of the old job and set job.initialSavepointPath on the new one.',
    };
    for (const o of [pair.deleted, pair.created]) {
      const c = changes.get(o)!;
      changes.set(o, { ...c, dangers: [...c.dangers, danger] });
    }
  }
  const sorted = [...changes.values()].sort(order);
  if (!gates) return { changes: sorted };
  const gateConfigMaps = gateConfigMapChanges(gates.before, gates.after);
  const beforeGates = gateConfigMapsIn(gates.before);
  const withGates = sorted.map((c) => {
    const extra = gateDangers(c, from, beforeGates);
    return extra.length > 0 ? { ...c, dangers: [...c.dangers, ...extra] } : c;
  });
  return { changes: withGates, ...(gateConfigMaps.length > 0 ? { gateConfigMaps } : {}) };
}

/** The impacts present in a plan, for `--fail-on`. */
export function impactsOf(plan: Plan): ReadonlySet<Impact> {
  return new Set(plan.changes.map((c) => c.impact));
}

/** Whether an object changed at all (unchanged objects are IGNORE without reasons). */
export function isUnchanged(c: ObjectChange): boolean {
  return c.impact === 'IGNORE' && c.reasons.length === 0 && c.dangers.length === 0;
}
