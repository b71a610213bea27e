import { obj } from '../context';
import { pointer } from '../finding';

/** Names and paths of the FLIP-504 gate agent wiring in the JobManager pod (what the operator injects). */
export const AGENT_VOLUME = 'bluegreen-agent';
export const AGENT_INIT_CONTAINER = 'bluegreen-agent-init';
export const AGENT_JAR_PATH = '/opt/flink/lib/bluegreen-agent.jar';
export const AGENT_FLAG = `-javaagent:${AGENT_JAR_PATH}`;
export const MAIN_CONTAINER = 'flink-main-container';

/** Where each piece of agent wiring occurs in a spec (pointer segments relative to the spec). */
export interface AgentWiring {
  readonly volumes: ReadonlyArray<readonly (string | number)[]>;
  readonly initContainers: ReadonlyArray<readonly (string | number)[]>;
  /**
   * Regular containers named like the agent's init container, in templates that hold no such init
   * container themselves (within one template, POD-DUPLICATE-NAME reports it): once the operator
   * merges the templates, the JobManager pod holds two containers of that name.
   */
  readonly containersNamedLikeInit: ReadonlyArray<readonly (string | number)[]>;
  /** Mounts at the jar path in flink-main-container, with whether they carry a subPath. */
  readonly mounts: ReadonlyArray<{ readonly at: readonly (string | number)[]; readonly subPath: boolean }>;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The JobManager pod templates: the common one and the JobManager's own (merged by the operator). */
export const JM_POD_TEMPLATES: ReadonlyArray<readonly string[]> = [['podTemplate'], ['jobManager', 'podTemplate']];

export function findAgentWiring(spec: Record<string, unknown>): AgentWiring {
  const volumes: Array<readonly (string | number)[]> = [];
  const initContainers: Array<readonly (string | number)[]> = [];
  const containersNamedLikeInit: Array<readonly (string | number)[]> = [];
  const mounts: Array<{ at: readonly (string | number)[]; subPath: boolean }> = [];
  for (const base of JM_POD_TEMPLATES) {
    let node: unknown = spec;
    for (const s of base) node = obj(node)?.[s];
    const podSpec = obj(obj(node)?.spec);
    if (!podSpec) continue;
    list(podSpec.volumes).forEach((v, i) => {
      if (obj(v)?.name === AGENT_VOLUME) volumes.push([...base, 'spec', 'volumes', i]);
    });
    list(podSpec.initContainers).forEach((c, i) => {
      if (obj(c)?.name === AGENT_INIT_CONTAINER) initContainers.push([...base, 'spec', 'initContainers', i]);
    });
    const hasInit = list(podSpec.initContainers).some((c) => obj(c)?.name === AGENT_INIT_CONTAINER);
    list(podSpec.containers).forEach((c, i) => {
      if (obj(c)?.name === AGENT_INIT_CONTAINER && !hasInit) containersNamedLikeInit.push([...base, 'spec', 'containers', i]);
      if (obj(c)?.name !== MAIN_CONTAINER) return;
      list(obj(c)?.volumeMounts).forEach((m, j) => {
        if (obj(m)?.mountPath === AGENT_JAR_PATH) {
          mounts.push({ at: [...base, 'spec', 'containers', i, 'volumeMounts', j], subPath: typeof obj(m)?.subPath === 'string' && obj(m)?.subPath !== '' });
        }
      });
    });
  }
  return { volumes, initContainers, containersNamedLikeInit, mounts };
}

export function countFlag(opts: string | undefined): number {
  if (!opts) return 0;
  return opts.split(AGENT_FLAG).length - 1;
}

export function jmPodTemplatePointer(base: readonly string[]): string {
  return pointer(...base, 'jobManager', 'podTemplate', 'spec');
}
