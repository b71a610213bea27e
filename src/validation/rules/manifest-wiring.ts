/**
 * A plain FlinkDeployment that carries the gate itself (manifest-wired / GitOps mode): nothing
 * injects anything, so the manifest must hold every piece, or the gate silently does not run.
 */
import { at, confAt, confField, field, obj, type SpecContext } from '../context';
import { pointer, type Finding } from '../finding';
import { finding, show } from '../rule';
import { AGENT_FLAG, AGENT_INIT_CONTAINER, AGENT_JAR_PATH, AGENT_VOLUME, countFlag, findAgentWiring, jmPodTemplatePointer, MAIN_CONTAINER } from './agent-wiring';
import { ACTIVE_TYPE, CONFIGMAP_NAME, gateKeys, gateValueFindings, INJECTION_ENABLED, injectionValue, JM_JAVA_OPTS } from './gate';

/** Whether a FlinkDeployment asks for a gate. */
export function isGateJob(ctx: SpecContext): boolean {
  return injectionValue(ctx) === 'true' || gateKeys(ctx).length > 0;
}

export function manifestWiringFindings(ctx: SpecContext): Finding[] {
  if (!isGateJob(ctx)) return [];
  const inj = injectionValue(ctx);
  const out: Finding[] = [...identity(ctx), ...gateValueFindings(ctx, inj !== 'false', true), ...stateful(ctx)];
  if (inj === undefined) {
    out.push(finding('WIRED-INJECTION-ENABLED', {
      path: confAt(ctx, INJECTION_ENABLED),
      message: `${gateKeys(ctx).join(', ')} ${gateKeys(ctx).length > 1 ? 'are' : 'is'} set but ${INJECTION_ENABLED} is not: on a plain FlinkDeployment nobody sets it, and the agent only acts when it is "true"`,
      fix: `set "${INJECTION_ENABLED}": "true" (or "false" if the job places the gate in its own code)`,
    }));
  }
  if (inj === 'true') out.push(...wiring(ctx));
  return out;
}

function identity(ctx: SpecContext): Finding[] {
  const out: Finding[] = [];
  const colour = ctx.conf.values.get(ACTIVE_TYPE);
  if (colour !== 'BLUE' && colour !== 'GREEN') {
    out.push(finding('WIRED-IDENTITY', {
      path: confAt(ctx, ACTIVE_TYPE), value: colour,
      message: colour === undefined
        ? `${confField(ctx, ACTIVE_TYPE)} is not set: the gate skips injection silently and the job runs without a gate`
        : `${confField(ctx, ACTIVE_TYPE)} is ${show(colour)}: expected "BLUE" or "GREEN" (this job's own colour)`,
      fix: `set "${ACTIVE_TYPE}" to this deployment's own colour, "BLUE" or "GREEN"`,
    }));
  }
  const cm = ctx.conf.values.get(CONFIGMAP_NAME);
  if (cm === undefined || cm.trim() === '') {
    out.push(finding('WIRED-IDENTITY', {
      path: confAt(ctx, CONFIGMAP_NAME), value: cm,
      message: `${confField(ctx, CONFIGMAP_NAME)} is not set: the gate skips injection silently and the job runs without a gate`,
      fix: `set "${CONFIGMAP_NAME}" to the coordination ConfigMap, e.g. "<app>-configmap"`,
    }));
  }
  return out;
}

function stateful(ctx: SpecContext): Finding[] {
  const job = obj(ctx.spec.job);
  if (!job) {
    return [finding('WIRED-STATEFUL', {
      path: at(ctx, 'job'),
      message: `${field(ctx, 'job')} is missing: the gate runs inside an application job`,
      fix: 'set spec.job with upgradeMode savepoint or last-state',
    })];
  }
  const mode = typeof job.upgradeMode === 'string' ? job.upgradeMode : 'stateless';
  if (mode !== 'stateless') return [];
  return [finding('WIRED-STATEFUL', {
    path: at(ctx, 'job', 'upgradeMode'), value: mode,
    message: `${field(ctx, 'job', 'upgradeMode')} is ${job.upgradeMode === undefined ? 'not set (stateless)' : '"stateless"'}: a gated cutover starts the new job from a savepoint of the old one`,
    fix: 'set job.upgradeMode: savepoint (or last-state)',
  })];
}

function wiring(ctx: SpecContext): Finding[] {
  const w = findAgentWiring(ctx.spec);
  const out: Finding[] = [];
  const jm = jmPodTemplatePointer(ctx.base);
  const piece = (rule: string, found: ReadonlyArray<readonly (string | number)[]>, what: string, missingAt: string, fix: string) => {
    if (found.length === 1) return;
    out.push(finding(rule, {
      path: found.length ? at(ctx, ...found[1]) : missingAt,
      value: found.length,
      message: found.length === 0 ? `${what} is missing from the JobManager pod template: the agent jar is not there and the JobManager fails to start` : `${what} appears ${found.length} times: Kubernetes rejects duplicates`,
      fix: found.length === 0 ? fix : `keep exactly one ${what}; if you added one yourself beside the construct's wiring, rename or remove yours`,
    }));
  };
  piece('WIRED-AGENT-VOLUME', w.volumes, `volume "${AGENT_VOLUME}"`, `${jm}/volumes`, `add volume {name: ${AGENT_VOLUME}, emptyDir: {}} to jobManager.podTemplate.spec.volumes`);
  piece('WIRED-AGENT-INIT-CONTAINER', w.initContainers, `init container "${AGENT_INIT_CONTAINER}"`, `${jm}/initContainers`, `add init container ${AGENT_INIT_CONTAINER} (operator image) copying bluegreen-agent.jar into the ${AGENT_VOLUME} volume`);
  for (const p of w.containersNamedLikeInit) {
    out.push(finding('WIRED-AGENT-INIT-CONTAINER', {
      path: at(ctx, ...p, 'name'), value: AGENT_INIT_CONTAINER,
      message: `a container is named "${AGENT_INIT_CONTAINER}" like the agent's init container: the operator merges the pod templates into one JobManager pod, which Kubernetes refuses with two containers of one name`,
      fix: 'rename your container',
    }));
  }
  piece('WIRED-AGENT-MOUNT', w.mounts.map((m) => m.at), `mount at ${AGENT_JAR_PATH} in ${MAIN_CONTAINER}`, `${jm}/containers`, `mount volume ${AGENT_VOLUME} at ${AGENT_JAR_PATH} with subPath bluegreen-agent.jar in ${MAIN_CONTAINER}`);
  for (const m of w.mounts) {
    if (!m.subPath) {
      out.push(finding('WIRED-AGENT-MOUNT', {
        path: at(ctx, ...m.at),
        message: `the mount at ${AGENT_JAR_PATH} has no subPath: the whole volume would be mounted as a directory named like the jar`,
        fix: 'add subPath: bluegreen-agent.jar',
      }));
    }
  }
  const opts = ctx.conf.values.get(JM_JAVA_OPTS);
  const n = countFlag(opts);
  if (n !== 1) {
    out.push(finding('WIRED-JAVAAGENT', {
      path: opts === undefined ? confAt(ctx, JM_JAVA_OPTS) : confAt(ctx, JM_JAVA_OPTS),
      value: opts,
      message: n === 0 ? `${confField(ctx, JM_JAVA_OPTS)} does not contain ${AGENT_FLAG}: the agent never loads and no gate is injected` : `${AGENT_FLAG} appears ${n} times in ${confField(ctx, JM_JAVA_OPTS)}: the agent would load twice`,
      fix: n === 0 ? `append " ${AGENT_FLAG}" to "${JM_JAVA_OPTS}"` : `keep ${AGENT_FLAG} once`,
    }));
  }
  void pointer;
  return out;
}
