/**
 * Checks on the JobManager and TaskManager pods as the operator builds them: the job-wide
 * `podTemplate` merged with the component's template (`FlinkUtils.mergePodTemplates`, by position
 * unless `kubernetes.operator.pod-template.merge-arrays-by-name` is true in the effective
 * configuration), after a FLIP-504 operator in ADVANCED mode has appended its agent wiring to the
 * child's JobManager template (`BlueGreenTransitionUtils.injectAgentInitContainer`, PR #1043).
 * Kubernetes then validates the pod (`ValidatePodSpec`: unique container and volume names,
 * every mount names a volume) and Flink keeps one `flink-main-container`
 * (`KubernetesUtils.getPodWithoutMainContainer`-style split: the main container is the one with that
 * name, every other container becomes a sidecar).
 */
import { MERGE_ARRAYS_BY_NAME_KEY, operatorMergePodTemplates, type PodMergeEvent } from '../../spec/pod-template-merge';
import { at, obj, type SpecContext } from '../context';
import type { Finding } from '../finding';
import { configBool } from '../flink-config';
import { finding } from '../rule';
import { AGENT_INIT_CONTAINER, AGENT_JAR_PATH, AGENT_VOLUME, findAgentWiring, MAIN_CONTAINER } from './agent-wiring';

/**
 * Volumes Flink's own decorators add to its pods (`FlinkConfMountDecorator`, `HadoopConfMountDecorator`,
 * `KerberosMountDecorator`, `PodTemplateMountDecorator`): a template may mount them without declaring them.
 */
const FLINK_VOLUMES = new Set(['flink-config-volume', 'hadoop-config-volume', 'kerberos-keytab-volume', 'kerberos-krb5conf-volume', 'pod-template-volume']);

type Component = 'jobManager' | 'taskManager';
const LABEL: Record<Component, string> = { jobManager: 'JobManager', taskManager: 'TaskManager' };

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function nameOf(v: unknown): string | undefined {
  const n = obj(v)?.name;
  return typeof n === 'string' ? n : undefined;
}

/** Options of the pod checks that depend on who adds what. */
export interface PodCheckOptions {
  /** A FLIP-504 operator will append the gate agent wiring to the JobManager template (ADVANCED mode with a gate strategy). */
  readonly operatorInjectsAgent?: boolean;
  /** The manifest carries the agent wiring itself (a manifest-wired gate job with injection enabled). */
  readonly manifestWiredAgent?: boolean;
}

/** The JobManager template the FLIP-504 operator ends up with: the user's, plus the agent volume, init container and mount appended. */
export function withOperatorAgent(jmTemplate: unknown): unknown {
  // Copies of the template, its spec and the three lists only: nothing below them is changed.
  const t: Record<string, unknown> = { ...(obj(jmTemplate) ?? {}) };
  const spec: Record<string, unknown> = (t.spec = { ...(obj(t.spec) ?? {}) });
  spec.volumes = [...list(spec.volumes), { name: AGENT_VOLUME, emptyDir: {} }];
  spec.initContainers = [...list(spec.initContainers), { name: AGENT_INIT_CONTAINER, volumeMounts: [{ name: AGENT_VOLUME, mountPath: '/bluegreen-agent' }] }];
  const mount = { name: AGENT_VOLUME, mountPath: AGENT_JAR_PATH, subPath: 'bluegreen-agent.jar' };
  const containers = list(spec.containers).map((c) => ({ ...(obj(c) ?? {}) }));
  const main = containers.find((c) => c.name === MAIN_CONTAINER);
  if (main) main.volumeMounts = [...list(main.volumeMounts), mount];
  else containers.push({ name: MAIN_CONTAINER, volumeMounts: [mount] });
  spec.containers = containers;
  return t;
}

/** The pod a component gets from the operator, with what the merge did. */
export function mergedComponentPod(ctx: SpecContext, c: Component, options: PodCheckOptions = {}): { pod: unknown; events: readonly PodMergeEvent[]; byName: boolean } {
  const byName = configBool(ctx.conf, MERGE_ARRAYS_BY_NAME_KEY, false);
  let own = obj(ctx.spec[c])?.podTemplate;
  if (c === 'jobManager' && options.operatorInjectsAgent) own = withOperatorAgent(own);
  const { pod, events } = operatorMergePodTemplates(ctx.spec.podTemplate, own, byName);
  return { pod, events, byName };
}

export function podTemplateFindings(ctx: SpecContext, options: PodCheckOptions = {}): Finding[] {
  const out: Finding[] = [];
  for (const c of ['jobManager', 'taskManager'] as const) {
    const hasOwn = obj(obj(ctx.spec[c])?.podTemplate) !== undefined || (c === 'jobManager' && options.operatorInjectsAgent === true);
    if (obj(ctx.spec.podTemplate) === undefined && !hasOwn) continue;
    const { pod, events, byName } = mergedComponentPod(ctx, c, options);
    const where = hasOwn && obj(obj(ctx.spec[c])?.podTemplate) !== undefined ? [c, 'podTemplate'] : ['podTemplate'];
    out.push(...mergeEventFindings(ctx, c, events, byName, options));
    out.push(...mergedPodFindings(ctx, c, pod, where, options));
    if (c === 'jobManager' && (options.manifestWiredAgent || options.operatorInjectsAgent)) out.push(...agentAfterMerge(ctx, pod, where, options));
  }
  return dedupe(out);
}

/** The same problem of the job-wide template shows in both pods: report it once, naming both. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.rule}\n${f.path}\n${f.message.replace(/^(JobManager|TaskManager)/, '')}`;
    const prev = seen.get(key);
    if (prev) seen.set(key, { ...prev, message: prev.message.replace(/^(JobManager|TaskManager)/, 'JobManager and TaskManager') });
    else seen.set(key, f);
  }
  return [...seen.values()];
}

function describe(path: readonly (string | number)[]): string {
  return path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '');
}

function mergeEventFindings(ctx: SpecContext, c: Component, events: readonly PodMergeEvent[], byName: boolean, options: PodCheckOptions): Finding[] {
  const injected = c === 'jobManager' && options.operatorInjectsAgent ? ' (with the agent wiring the FLIP-504 operator appends in ADVANCED mode)' : '';
  return events.map((e) => {
    const el = describe(e.path);
    const message =
      e.kind === 'renamed'
        ? `${LABEL[c]} pod: the operator merges podTemplate and ${c}.podTemplate${injected} by list position, so podTemplate.${el} "${e.base}" and ${c}.podTemplate.${el} "${e.component}" become one element named "${e.component}": "${e.base}" is lost`
        : e.kind === 'ignored'
          ? `${LABEL[c]} pod: the operator merges lists by position and keeps podTemplate.${el} (${e.base}); ${c}.podTemplate.${el} (${e.component}) is ignored`
          : `${LABEL[c]} pod: merging by name keeps only the last of several elements named "${e.base}" in podTemplate: podTemplate.${el} is replaced by the later one`;
    return finding('POD-MERGE-OVERWRITE', {
      path: at(ctx, 'podTemplate', ...e.path),
      value: e.base,
      message,
      fix: byName
        ? 'give every element of the list a distinct name'
        : `set flinkConfiguration["${MERGE_ARRAYS_BY_NAME_KEY}"]: "true" so lists merge by name, or put the element in one template only (the constructs do this for you)`,
    });
  });
}

function mergedPodFindings(ctx: SpecContext, c: Component, pod: unknown, where: readonly string[], options: PodCheckOptions): Finding[] {
  const out: Finding[] = [];
  // The agent's own names are judged by the gate rules (WIRED-AGENT-*, GATE-WIRING-COLLISION) with their own fixes.
  const agentRules = options.manifestWiredAgent === true || options.operatorInjectsAgent === true;
  const owned = (n: string) => agentRules && (n === AGENT_VOLUME || n === AGENT_INIT_CONTAINER);
  const spec = obj(obj(pod)?.spec);
  if (!spec) return out;
  const merged = obj(pod);
  const path = (...s: Array<string | number>) => sourcePointer(ctx, c, merged, ['spec', ...s], where);
  // Kubernetes: container names are unique across containers and init containers; volume names are unique.
  const seen = new Map<string, string>();
  for (const field of ['initContainers', 'containers'] as const) {
    list(spec[field]).forEach((x, i) => {
      const n = nameOf(x);
      if (n === undefined) return;
      if ((n === MAIN_CONTAINER && field === 'containers') || owned(n)) return; // main: counted below, Flink keeps one
      const prev = seen.get(n);
      if (prev) {
        out.push(finding('POD-DUPLICATE-NAME', {
          path: path(field, i, 'name'), value: n,
          message: `${LABEL[c]} pod as merged by the operator: ${field}[${i}] is named "${n}" like ${prev}: Kubernetes rejects the pod (Duplicate value)`,
          fix: 'give every container and init container a distinct name, in the job-wide and the component templates together',
        }));
      } else seen.set(n, `${field}[${i}]`);
    });
  }
  const volumes = new Set<string>();
  list(spec.volumes).forEach((v, i) => {
    const n = nameOf(v);
    if (n === undefined) return;
    if (volumes.has(n) && !owned(n)) {
      out.push(finding('POD-DUPLICATE-NAME', {
        path: path('volumes', i, 'name'), value: n,
        message: `${LABEL[c]} pod as merged by the operator: volume "${n}" is declared twice: Kubernetes rejects the pod (Duplicate value)`,
        fix: 'declare each volume once, in the job-wide or the component template',
      }));
    }
    volumes.add(n);
    const sources = Object.keys(obj(v) ?? {}).filter((k) => k !== 'name');
    if (sources.length > 1) {
      out.push(finding('POD-VOLUME-SOURCE', {
        path: path('volumes', i), value: sources,
        message: `${LABEL[c]} pod as merged by the operator: volume "${n}" has ${sources.length} sources (${sources.join(', ')}): merging by position combined two different volumes, and Kubernetes rejects it (may not specify more than 1 volume type)`,
        fix: `list the volume in one template only, or set flinkConfiguration["${MERGE_ARRAYS_BY_NAME_KEY}"]: "true"`,
      }));
    }
  });
  const mains = list(spec.containers).map((x, i) => [x, i] as const).filter(([x]) => nameOf(x) === MAIN_CONTAINER);
  if (mains.length > 1) {
    out.push(finding('POD-MAIN-CONTAINER', {
      path: path('containers', mains[0][1]), value: mains.length,
      message: `${LABEL[c]} pod as merged by the operator has ${mains.length} containers named "${MAIN_CONTAINER}": Flink runs in the last one and drops the others with their mounts and settings`,
      fix: `keep one "${MAIN_CONTAINER}"; with positional merging, list it at the same index in podTemplate and ${c}.podTemplate, or enable merge-by-name`,
    }));
  }
  // Only the main container Flink keeps, sidecars and init containers reach the API server.
  const kept = [
    ...list(spec.initContainers).map((x, i) => ['initContainers', i, x] as const),
    ...list(spec.containers).map((x, i) => ['containers', i, x] as const).filter(([, i, x]) => nameOf(x) !== MAIN_CONTAINER || i === mains[mains.length - 1]?.[1]),
  ];
  for (const [field, i, x] of kept) {
    list(obj(x)?.volumeMounts).forEach((m, j) => {
      const n = nameOf(m);
      if (n === undefined || volumes.has(n) || FLINK_VOLUMES.has(n) || owned(n)) return;
      const sub = obj(m)?.subPath;
      out.push(finding('POD-VOLUME-NOT-FOUND', {
        path: path(field, i, 'volumeMounts', j, 'name'), value: n,
        message: `${LABEL[c]} pod as merged by the operator: ${field}[${i}] "${nameOf(x) ?? '?'}" mounts volume "${n}"${typeof sub === 'string' && sub ? ` (subPath "${sub}")` : ''} at ${String(obj(m)?.mountPath)}, but the merged pod has no such volume: Kubernetes rejects it (volumeMounts[${j}].name: Not found: "${n}")`,
        fix: `declare volume "${n}" in the same template as the mount, or check that the merge did not replace it (positional merge overwrites volumes at the same index)`,
      }));
    });
  }
  return out;
}

function nodeAt(root: unknown, segs: readonly (string | number)[]): unknown {
  let node = root;
  for (const seg of segs) node = Array.isArray(node) ? node[seg as number] : obj(node)?.[seg];
  return node;
}

/**
 * Where in the manifest an element of the merged pod comes from: the template (component first, it
 * wins the merge; then the job-wide one) that holds the same value at the same place; else the
 * deepest place of the component or job-wide template that exists, so the pointer is never dangling.
 */
function sourcePointer(ctx: SpecContext, c: Component, merged: unknown, segs: readonly (string | number)[], fallback: readonly string[]): string {
  const want = JSON.stringify(nodeAt(merged, segs));
  const templates: Array<[readonly string[], unknown]> = [
    [[c, 'podTemplate'], obj(ctx.spec[c])?.podTemplate],
    [['podTemplate'], ctx.spec.podTemplate],
  ];
  for (const [base, t] of templates) {
    if (t !== undefined && JSON.stringify(nodeAt(t, segs)) === want) return at(ctx, ...base, ...segs);
  }
  for (let n = segs.length; n > 0; n--) {
    for (const [base, t] of templates) {
      if (t !== undefined && nodeAt(t, segs.slice(0, n)) !== undefined) return at(ctx, ...base, ...segs.slice(0, n));
    }
  }
  return at(ctx, ...fallback);
}

function agentAfterMerge(ctx: SpecContext, pod: unknown, where: readonly string[], options: PodCheckOptions): Finding[] {
  const spec = obj(obj(pod)?.spec) ?? {};
  const problems: string[] = [];
  const volume = list(spec.volumes).find((v) => nameOf(v) === AGENT_VOLUME);
  if (!volume) problems.push(`volume "${AGENT_VOLUME}" is gone`);
  if (!list(spec.initContainers).some((x) => nameOf(x) === AGENT_INIT_CONTAINER)) problems.push(`init container "${AGENT_INIT_CONTAINER}" is gone`);
  const mains = list(spec.containers).filter((x) => nameOf(x) === MAIN_CONTAINER);
  const main = mains[mains.length - 1];
  const mount = list(obj(main)?.volumeMounts).find((m) => obj(m)?.mountPath === AGENT_JAR_PATH);
  if (!mount) problems.push(`the container Flink runs in ("${MAIN_CONTAINER}", the last of that name) has no mount at ${AGENT_JAR_PATH}, so -javaagent points at nothing`);
  else if (nameOf(mount) !== AGENT_VOLUME) problems.push(`the mount at ${AGENT_JAR_PATH} now names volume "${nameOf(mount) ?? '?'}"`);
  // Agent wiring missing from the templates as written is reported by WIRED-AGENT-*; here only what the merge broke.
  if (problems.length === 0) return [];
  if (options.manifestWiredAgent && !options.operatorInjectsAgent) {
    const w = findAgentWiring(ctx.spec);
    if (w.volumes.length !== 1 || w.initContainers.length !== 1 || w.mounts.length !== 1) return [];
  }
  return [finding('POD-AGENT-WIRING-LOST', {
    path: at(ctx, ...where),
    message: `the gate agent wiring does not survive the operator's pod-template merge${options.operatorInjectsAgent ? ' (the FLIP-504 operator appends it to jobManager.podTemplate, which is then merged by position with podTemplate)' : ''}: ${problems.join('; ')}`,
    fix: options.operatorInjectsAgent
      ? `set flinkConfiguration["${MERGE_ARRAYS_BY_NAME_KEY}"]: "true", or move the job-wide podTemplate's containers, init containers and volumes into jobManager.podTemplate and taskManager.podTemplate`
      : `set flinkConfiguration["${MERGE_ARRAYS_BY_NAME_KEY}"]: "true", or keep the agent wiring and the job-wide template's lists in one template (BlueGreenFlinkJob does this for you)`,
  })];
}
