/**
 * Names in a pod template that Kubernetes requires to be unique: a pod's containers and init
 * containers share one name space, and so do its volumes (ValidatePodSpec in
 * k8s.io/kubernetes pkg/apis/core/validation: "Duplicate value"). The CRD schema of the Flink kinds
 * does not check it, so the manifest is admitted and the JobManager or TaskManager pod is refused
 * later, when the operator creates it.
 */
import { at, obj, type SpecContext } from '../context';
import type { Finding } from '../finding';
import { finding, show } from '../rule';
import { AGENT_INIT_CONTAINER, AGENT_VOLUME, JM_POD_TEMPLATES } from './agent-wiring';
import { isGateJob } from './manifest-wiring';

/** Flink's main container (KubernetesUtils): POD-MAIN-CONTAINER judges how many there are. */
const MAIN_CONTAINER = 'flink-main-container';

/** The pod templates of a spec: the common one and each component's own. */
const TEMPLATES: ReadonlyArray<readonly string[]> = [['podTemplate'], ['jobManager', 'podTemplate'], ['taskManager', 'podTemplate']];

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * A second agent volume or agent init container in a JobManager template of a gate job is the
 * agent rules' finding (WIRED-AGENT-*, GATE-WIRING-COLLISION): reported there, not twice.
 */
function reportedByAgentRules(ctx: SpecContext, base: readonly string[], list: string, name: string): boolean {
  if (!JM_POD_TEMPLATES.some((t) => t.join('.') === base.join('.')) || !isGateJob(ctx)) return false;
  return (list === 'volumes' && name === AGENT_VOLUME) || (list === 'initContainers' && name === AGENT_INIT_CONTAINER);
}

export function podTemplateNameFindings(ctx: SpecContext): Finding[] {
  const out: Finding[] = [];
  for (const base of TEMPLATES) {
    let node: unknown = ctx.spec;
    for (const s of base) node = obj(node)?.[s];
    const podSpec = obj(obj(node)?.spec);
    if (!podSpec) continue;
    const groups: Array<{ what: string; lists: string[] }> = [
      { what: 'container', lists: ['initContainers', 'containers'] },
      { what: 'volume', lists: ['volumes'] },
    ];
    for (const { what, lists } of groups) {
      const first = new Map<string, string>();
      for (const l of lists) {
        list(podSpec[l]).forEach((item, i) => {
          const name = obj(item)?.name;
          if (typeof name !== 'string') return;
          const here = `${l}[${i}]`;
          const earlier = first.get(name);
          if (earlier === undefined) {
            first.set(name, here);
            return;
          }
          if (earlier.startsWith(`${l}[`) && reportedByAgentRules(ctx, base, l, name)) return;
          // Two main containers: POD-MAIN-CONTAINER says it, with what Flink does about it.
          if (l === 'containers' && earlier.startsWith('containers[') && name === MAIN_CONTAINER) return;
          out.push(finding('POD-DUPLICATE-NAME', {
            path: at(ctx, ...base, 'spec', l, i, 'name'),
            value: name,
            message: `${[...ctx.base, ...base].join('.')}.spec.${here} is named ${show(name)} like ${earlier}: Kubernetes requires unique ${what} names in a pod${what === 'container' ? ' (init containers included)' : ''} and refuses the pod`,
            fix: `rename one of the two ${what}s`,
          }));
        });
      }
    }
  }
  return out;
}
