/**
 * Pod templates as the operator merges them, and as our constructs declare them.
 *
 * The operator builds each component's pod from two templates: the job-wide `spec.podTemplate`
 * and `spec.jobManager.podTemplate` / `spec.taskManager.podTemplate`
 * (`FlinkConfigBuilder.applyPodTemplate` → `FlinkUtils.mergePodTemplates`, operator 1.5 and later).
 * Lists are merged element by element **by position** unless the effective configuration sets
 * `kubernetes.operator.pod-template.merge-arrays-by-name: "true"` (FLINK-30786), and Flink then keeps
 * a single container named `flink-main-container` (the last one of that name). `validate` replays
 * that merge ({@link operatorMergePodTemplates}); the constructs never emit a pair of templates at
 * all: they fold the job-wide template into the component templates themselves
 * ({@link foldJobWidePodTemplate}), so what is in the YAML is what runs whatever the operator's
 * merge setting.
 */
import { isRecord } from '../validation/flink-config';

/** The operator option that switches list merging from by-position to by-name. */
export const MERGE_ARRAYS_BY_NAME_KEY = 'kubernetes.operator.pod-template.merge-arrays-by-name';

/** Something the operator's merge did that the templates as written do not show. */
export interface PodMergeEvent {
  /** Path of the list element inside the pod template, e.g. `['spec', 'containers', 0]`. */
  readonly path: readonly (string | number)[];
  /**
   * - `renamed`: two named elements at the same index were merged into one that carries the
   *   component's name (the job-wide element is gone);
   * - `ignored`: a scalar element of the component template at an index the job-wide list already
   *   has is dropped (positional merge keeps the job-wide one);
   * - `collapsed`: by-name merge kept only the last of several elements with the same name.
   */
  readonly kind: 'renamed' | 'ignored' | 'collapsed';
  /** The job-wide element's name (or value). */
  readonly base?: string;
  /** The component element's name (or value). */
  readonly component?: string;
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function nameOf(v: unknown): string | undefined {
  if (!isRecord(v) || !('name' in v)) return undefined;
  const n = v.name;
  return n === null ? 'null' : typeof n === 'object' ? JSON.stringify(n) : String(n);
}

/**
 * The operator's pod-template merge (`FlinkUtils.mergePodTemplates(toPod, fromPod, mergeArraysByName)`),
 * re-implemented from its documented behaviour and source: the component template (`component`)
 * is merged into a copy of the job-wide one (`base`).
 *
 * - Objects merge key by key; a scalar or a list on the component side replaces the job-wide
 *   value, except that lists on both sides are merged as below.
 * - Lists by position: the component's element *i* is merged into the job-wide element *i* (when
 *   both are objects; when either is a scalar the job-wide element stays); extra component
 *   elements are appended.
 * - Lists by name (`mergeByName` and every element of both lists has a `name`): elements with the
 *   same name are merged, new names are appended, and of several job-wide elements with one name
 *   only the last survives (at the first one's position).
 *
 * @returns the merged template and what the merge did that a reader of the two templates would
 *   not expect. The inputs are not changed. When only one template is given, it is returned as it
 *   is (no copy: the merge has nothing to do, and the checks only read the pod), so the caller must
 *   not change the result.
 */
export function operatorMergePodTemplates(base: unknown, component: unknown, mergeByName: boolean): { readonly pod: unknown; readonly events: readonly PodMergeEvent[] } {
  if (component === undefined || component === null) return { pod: base, events: [] };
  if (base === undefined || base === null) return { pod: component, events: [] };
  const events: PodMergeEvent[] = [];
  const to = clone(base);
  mergeObject(to, component, mergeByName, [], events);
  return { pod: to, events };
}

function mergeObject(to: unknown, from: unknown, byName: boolean, path: (string | number)[], events: PodMergeEvent[]): void {
  // Jackson: only an object `from` has fields; only an object `to` can take replacements.
  if (!isRecord(from) || !isRecord(to)) return;
  for (const [key, fromChild] of Object.entries(from)) {
    const toChild = to[key];
    if (Array.isArray(toChild) && Array.isArray(fromChild)) {
      mergeList(toChild, fromChild, byName, [...path, key], events);
    } else if (isRecord(toChild)) {
      mergeObject(toChild, fromChild, byName, [...path, key], events);
    } else {
      to[key] = clone(fromChild);
    }
  }
}

function mergeList(to: unknown[], from: unknown[], byName: boolean, path: (string | number)[], events: PodMergeEvent[]): void {
  const named = (xs: unknown[]) => xs.every((x) => isRecord(x) && 'name' in x);
  if (byName && named(to) && named(from)) {
    const grouped = new Map<string, unknown>();
    const firstAt = new Map<string, number>();
    to.forEach((el, i) => {
      const n = nameOf(el)!;
      // A LinkedHashMap keeps the first position and the last value: the earlier element is lost.
      if (grouped.has(n)) events.push({ path: [...path, firstAt.get(n)!], kind: 'collapsed', base: n });
      else firstAt.set(n, i);
      grouped.set(n, el);
    });
    const fromGrouped = new Map<string, unknown>();
    for (const el of from) fromGrouped.set(nameOf(el)!, el);
    for (const [n, el] of fromGrouped) {
      const existing = grouped.get(n);
      if (existing === undefined) grouped.set(n, clone(el));
      else mergeObject(existing, el, byName, [...path, [...grouped.keys()].indexOf(n)], events);
    }
    to.splice(0, to.length, ...grouped.values());
    return;
  }
  from.forEach((el, i) => {
    if (i >= to.length) {
      to.push(clone(el));
      return;
    }
    const here = to[i];
    if (isRecord(here) && isRecord(el)) {
      const a = nameOf(here);
      const b = nameOf(el);
      if (a !== undefined && b !== undefined && a !== b) events.push({ path: [...path, i], kind: 'renamed', base: a, component: b });
      mergeObject(here, el, byName, [...path, i], events);
    } else if (JSON.stringify(here) !== JSON.stringify(el)) {
      events.push({ path: [...path, i], kind: 'ignored', base: JSON.stringify(here), component: JSON.stringify(el) });
    }
  });
}

/**
 * Kubernetes' merge keys (the `patchMergeKey`s of the core/v1 types): the identity of a list
 * element when a component template extends the job-wide one.
 */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  imagePullSecrets: 'name',
  resourceClaims: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  hostAliases: 'ip',
};

/**
 * How our constructs combine the job-wide `podTemplate` with a component's `podTemplate`: the
 * component extends the job-wide template the way a Kubernetes strategic merge patch would.
 * Containers, init containers, volumes, env and image pull secrets are matched by `name`, volume
 * mounts by `mountPath`, ports by `containerPort`; matched elements merge recursively (a matched
 * volume is replaced whole, as Kubernetes' `retainKeys` does), new ones are appended after the job-wide ones; other lists (command, args, tolerations) are replaced by
 * the component's; objects merge key by key and the component's scalars win. When a list has an
 * element without its key, or the same key twice on one side, nothing is matched: the job-wide
 * elements are followed by the component's, so nothing declared is lost (and the pod checks
 * report the duplicate).
 */
export function declaredMergePodTemplates(base: unknown, component: unknown): unknown {
  if (component === undefined || component === null) return clone(base);
  if (base === undefined || base === null) return clone(component);
  return declaredMerge(base, component, undefined);
}

function declaredMerge(base: unknown, comp: unknown, listKey: string | undefined): unknown {
  if (Array.isArray(base) && Array.isArray(comp)) {
    const key = listKey === undefined ? undefined : MERGE_KEYS[listKey];
    if (key === undefined) return clone(comp);
    const keyOf = (x: unknown) => (isRecord(x) && x[key] !== undefined && x[key] !== null ? JSON.stringify(x[key]) : undefined);
    const unique = (xs: unknown[]) => {
      const ks = xs.map(keyOf);
      return ks.every((k) => k !== undefined) && new Set(ks).size === ks.length;
    };
    if (!unique(base) || !unique(comp)) return [...clone(base), ...clone(comp)];
    const out = base.map((b) => {
      const match = comp.find((c) => keyOf(c) === keyOf(b));
      if (match === undefined) return clone(b);
      // Volumes carry `retainKeys` in Kubernetes: the component's volume replaces the source, not merges into it.
      return listKey === 'volumes' ? clone(match) : declaredMerge(b, match, undefined);
    });
    for (const c of comp) if (!base.some((b) => keyOf(b) === keyOf(c))) out.push(clone(c));
    return out;
  }
  if (isRecord(base) && isRecord(comp)) {
    const out: Record<string, unknown> = clone(base);
    for (const [k, v] of Object.entries(comp)) out[k] = k in base ? declaredMerge(base[k], v, k) : clone(v);
    return out;
  }
  return clone(comp);
}

/**
 * Folds the job-wide `podTemplate` of a rendered FlinkDeployment spec into the JobManager and
 * TaskManager templates ({@link declaredMergePodTemplates}) and removes it, when the operator
 * would otherwise merge two templates: a component template exists, or `operatorAddsJobManagerTemplate`
 * (a FLIP-504 operator in ADVANCED mode appends the gate agent to the child's
 * `jobManager.podTemplate`, `BlueGreenTransitionUtils.injectAgentInitContainer`) and the job-wide
 * template has containers, init containers or volumes for it to collide with. The spec is not
 * changed; a new one is returned.
 */
export function foldJobWidePodTemplate<T extends Record<string, unknown>>(spec: T, operatorAddsJobManagerTemplate = false): T {
  const base = spec.podTemplate;
  if (base === undefined || base === null) return spec;
  const jm = isRecord(spec.jobManager) ? spec.jobManager : undefined;
  const tm = isRecord(spec.taskManager) ? spec.taskManager : undefined;
  const hasComponent = jm?.podTemplate !== undefined || tm?.podTemplate !== undefined;
  // The operator's addition holds only volumes, init containers and a flink-main-container mount: a
  // job-wide template without those lists (labels, annotations, scalars) merges with it unchanged.
  const baseSpec = isRecord(base) && isRecord(base.spec) ? base.spec : {};
  const collides = ['volumes', 'initContainers', 'containers'].some((k) => Array.isArray(baseSpec[k]) && (baseSpec[k] as unknown[]).length > 0);
  if (!hasComponent && !(operatorAddsJobManagerTemplate && collides)) return spec;
  const out: Record<string, unknown> = { ...spec };
  delete out.podTemplate;
  out.jobManager = { ...(jm ?? {}), podTemplate: declaredMergePodTemplates(base, jm?.podTemplate) };
  out.taskManager = { ...(tm ?? {}), podTemplate: declaredMergePodTemplates(base, tm?.podTemplate) };
  return out as T;
}
