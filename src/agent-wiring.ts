import type { ManifestInjectionOptions } from './agent-injection';
import type { FlinkDeploymentSpec } from './spec/flink-deployment-spec';
import { extendPodTemplate, type PodTemplate } from './spec/pod-template';
import type { PropProblem } from './prop-problem';
import { imageReferenceProblem } from './validation/image-ref';

/** Names and paths of the agent wiring; the operator uses the same ones, hence the collision rules. */
export const AGENT_VOLUME = 'bluegreen-agent';
export const AGENT_INIT_CONTAINER = 'bluegreen-agent-init';
export const AGENT_MOUNT_PATH = '/opt/flink/lib/bluegreen-agent.jar';
export const AGENT_SUB_PATH = 'bluegreen-agent.jar';
export const AGENT_JVM_FLAG = `-javaagent:${AGENT_MOUNT_PATH}`;
export const DEFAULT_AGENT_JAR_PATH = '/opt/flink/artifacts/bluegreen-agent.jar';
const INIT_MOUNT_PATH = '/bluegreen-agent';

/**
 * Appends the agent flag to the user's JobManager JVM options, keeping theirs first and in order,
 * and never adding it twice (the operator de-duplicates the same way: exact substring).
 */
export function mergeJvmOptions(existing: string | undefined, flag: string = AGENT_JVM_FLAG): string {
  const current = (existing ?? '').trim();
  if (current.split(/\s+/).includes(flag)) return current;
  return current === '' ? flag : `${current} ${flag}`;
}

/**
 * Problems with the agent image and jar path: the image must follow the reference grammar and be
 * pinned (the agent must match the job's client library); the jar path must be an absolute path
 * of plain characters (it is an argument of `cp`, never a shell word, but a path with spaces or
 * `$(...)` is a mistake either way).
 */
export function agentImageProblems(image: string, jarPath?: string): PropProblem[] {
  const reference = typeof image === 'string' ? imageReferenceProblem(image) : 'is not a string';
  if (reference) {
    return [{ path: 'injection.agentImage', message: `agent image ${JSON.stringify(image)} ${reference}: write it as registry/name:tag or registry/name@sha256:<digest>` }];
  }
  const jar: PropProblem[] =
    jarPath !== undefined && (!/^\/[A-Za-z0-9._+\-/]+$/.test(jarPath) || jarPath.split('/').includes('..'))
      ? [{ path: 'injection.agentJarPath', message: `agent jar path ${JSON.stringify(jarPath)} must be an absolute path of letters, digits, ".", "_", "+", "-" and "/" (no "..")` }]
      : [];
  return [...jar, ...agentImagePinning(image)];
}

function agentImagePinning(image: string): PropProblem[] {
  const digest = /@sha256:[0-9a-f]{64}$/.test(image);
  const lastSegment = image.split('/').pop() ?? image;
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
  if (digest) return [];
  if (tag === undefined || tag === '') {
    return [{ path: 'injection.agentImage', message: `agent image "${image}" has no tag: pin it by tag or digest (e.g. "${image}:1.16.0" or "${image}@sha256:…")` }];
  }
  if (tag === 'latest') {
    return [{ path: 'injection.agentImage', message: `agent image "${image}" uses "latest": pin it to a release tag or a digest so every JobManager loads the same agent` }];
  }
  return [];
}

/**
 * Returns the spec with the agent wired into the JobManager: the emptyDir volume, the init
 * container copying the jar into it, the mount on the main container, and the JVM flag.
 */
export function withAgentWiring(spec: FlinkDeploymentSpec, options: ManifestInjectionOptions): FlinkDeploymentSpec {
  const jar = options.agentJarPath ?? DEFAULT_AGENT_JAR_PATH;
  const jmTemplate = extendPodTemplate(spec.jobManager.podTemplate as PodTemplate | undefined, {
    volumes: [{ name: AGENT_VOLUME, emptyDir: {} }],
    initContainers: [
      {
        name: AGENT_INIT_CONTAINER,
        image: options.agentImage,
        // An argument vector, no shell: nothing in the path or image is ever interpreted. A
        // missing jar fails the pod loudly (cp exits non-zero, "No such file or directory"),
        // rather than start a JobManager whose -javaagent flag points at nothing.
        command: ['cp', '--', jar, `${INIT_MOUNT_PATH}/${AGENT_SUB_PATH}`],
        volumeMounts: [{ name: AGENT_VOLUME, mountPath: INIT_MOUNT_PATH }],
      },
    ],
    mainContainerMounts: [{ name: AGENT_VOLUME, mountPath: AGENT_MOUNT_PATH, subPath: AGENT_SUB_PATH }],
  });
  const flinkConfiguration = {
    ...spec.flinkConfiguration,
    'env.java.opts.jobmanager': mergeJvmOptions(spec.flinkConfiguration['env.java.opts.jobmanager']),
  };
  return {
    ...spec,
    flinkConfiguration: Object.fromEntries(Object.entries(flinkConfiguration).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    jobManager: { ...spec.jobManager, podTemplate: jmTemplate },
  };
}
