/**
 * A Kubernetes Pod (template) in its YAML shape, as the operator takes it in
 * `podTemplate`, `jobManager.podTemplate` and `taskManager.podTemplate`. Kept loose on purpose:
 * it is the escape hatch for everything we do not type, and the CRD schema checks it on output.
 */
export interface PodTemplate {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: {
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly [key: string]: unknown;
  };
  readonly spec?: PodSpec;
}

export interface PodSpec {
  readonly containers?: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly volumes?: readonly Volume[];
  readonly [key: string]: unknown;
}

export interface Container {
  readonly name: string;
  readonly volumeMounts?: readonly VolumeMount[];
  readonly [key: string]: unknown;
}

export interface Volume {
  readonly name: string;
  readonly [key: string]: unknown;
}

export interface VolumeMount {
  readonly name: string;
  readonly mountPath: string;
  readonly subPath?: string;
  readonly [key: string]: unknown;
}

/** The container the operator runs Flink in; user templates must use this name to reach it. */
export const MAIN_CONTAINER = 'flink-main-container';

/** Deep copy of plain JSON data; our inputs are YAML-shaped, so this is exact. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * Adds volumes, init containers and main-container mounts to a pod template, merging by name
 * the way users expect (a container named in the template is extended, not duplicated).
 * Returns a new template; the input is not modified.
 */
export function extendPodTemplate(
  base: PodTemplate | undefined,
  additions: {
    readonly volumes?: readonly Volume[];
    readonly initContainers?: readonly Container[];
    readonly mainContainerMounts?: readonly VolumeMount[];
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  },
): PodTemplate {
  const t = (cloneJson(base) ?? {}) as { apiVersion?: string; kind?: string; metadata?: Record<string, unknown>; spec?: Record<string, unknown> };
  if (additions.labels && Object.keys(additions.labels).length > 0) {
    t.metadata = t.metadata ?? {};
    t.metadata.labels = { ...((t.metadata.labels as Record<string, string>) ?? {}), ...additions.labels };
  }
  if (additions.annotations && Object.keys(additions.annotations).length > 0) {
    t.metadata = t.metadata ?? {};
    t.metadata.annotations = { ...((t.metadata.annotations as Record<string, string>) ?? {}), ...additions.annotations };
  }
  const needsSpec = (additions.volumes?.length ?? 0) + (additions.initContainers?.length ?? 0) + (additions.mainContainerMounts?.length ?? 0) > 0;
  if (!needsSpec) return t as PodTemplate;
  const spec = (t.spec = t.spec ?? {});
  if (additions.volumes?.length) {
    spec.volumes = [...((spec.volumes as Volume[]) ?? []), ...cloneJson(additions.volumes)];
  }
  if (additions.initContainers?.length) {
    spec.initContainers = [...((spec.initContainers as Container[]) ?? []), ...cloneJson(additions.initContainers)];
  }
  if (additions.mainContainerMounts?.length) {
    const containers = ((spec.containers as Container[]) ?? []).map((c) => ({ ...c }));
    let main = containers.find((c) => c.name === MAIN_CONTAINER) as { volumeMounts?: VolumeMount[] } | undefined;
    if (!main) {
      main = { name: MAIN_CONTAINER } as Container & { volumeMounts?: VolumeMount[] };
      containers.push(main as Container);
    }
    main.volumeMounts = [...(main.volumeMounts ?? []), ...cloneJson(additions.mainContainerMounts)];
    spec.containers = containers;
  }
  return t as PodTemplate;
}
