import type { OperatorVersion } from '../operator-version';
import { buildFlinkConfiguration, type TypedConfigEntry } from './flink-configuration';
import { cloneJson, extendPodTemplate, type PodTemplate } from './pod-template';
import { foldJobWidePodTemplate } from './pod-template-merge';
import type { ComponentProps, FlinkSpecProps } from './props';
import type { PropProblem } from '../prop-problem';

/** The service account the operator's Helm chart creates for jobs. */
export const DEFAULT_SERVICE_ACCOUNT = 'flink';

/** A rendered FlinkDeployment spec: plain JSON, exactly what goes into the YAML. */
export type FlinkDeploymentSpec = Record<string, unknown> & {
  flinkConfiguration: Record<string, string>;
  job: Record<string, unknown>;
  jobManager: Record<string, unknown>;
  taskManager: Record<string, unknown>;
};

export interface RenderOptions {
  readonly operatorVersion: OperatorVersion;
  /** Config entries the construct adds (gate keys); the user may not set these. */
  readonly constructConfig?: readonly TypedConfigEntry[];
  /**
   * The operator will add a JobManager pod template of its own (FLIP-504 ADVANCED injection), so
   * the job-wide template must be folded into the component templates even when the user gave none.
   * @default false
   */
  readonly operatorAddsJobManagerTemplate?: boolean;
}

/**
 * Renders the FlinkDeployment spec for validated props. Pure: same props, same output.
 * Problems are conflicts between typed props and escape hatches; the emitted spec is then
 * checked against the CRD and operator rules by the validation rule set.
 */
export function renderFlinkDeploymentSpec(
  props: FlinkSpecProps,
  options: RenderOptions,
): { readonly spec: FlinkDeploymentSpec; readonly problems: PropProblem[] } {
  const problems: PropProblem[] = [];
  const { configuration, problems: configProblems } = buildFlinkConfiguration(props, options.constructConfig);
  problems.push(...configProblems);

  const spec: Record<string, unknown> = {
    image: props.image,
    flinkVersion: props.flinkVersion.value,
    serviceAccount: props.serviceAccount ?? DEFAULT_SERVICE_ACCOUNT,
    flinkConfiguration: configuration,
    job: renderJob(props),
    jobManager: renderComponent(props.jobManager, { replicas: props.jobManager.replicas ?? 1 }),
    taskManager: renderComponent(props.taskManager, props.taskManager.replicas !== undefined ? { replicas: props.taskManager.replicas } : {}),
  };
  if (props.imagePullPolicy) spec.imagePullPolicy = props.imagePullPolicy.value;
  if (props.logging) spec.logConfiguration = { [props.logging.key]: props.logging.content };
  if (props.ingress) spec.ingress = cloneJson(props.ingress);

  const podTemplate = renderPodTemplate(props, problems);
  if (podTemplate) spec.podTemplate = podTemplate;

  // Never leave the operator two templates to merge by position: see foldJobWidePodTemplate.
  return { spec: foldJobWidePodTemplate(spec as FlinkDeploymentSpec, options.operatorAddsJobManagerTemplate), problems };
}

export function renderJob(props: Pick<FlinkSpecProps, 'job'>): Record<string, unknown> {
  const j = props.job;
  const job: Record<string, unknown> = {
    parallelism: j.parallelism,
    upgradeMode: (j.upgradeMode?.value ?? 'stateless'),
    state: j.state?.value ?? 'running',
  };
  if (j.jarURI !== undefined) job.jarURI = j.jarURI;
  if (j.entryClass !== undefined) job.entryClass = j.entryClass;
  if (j.args !== undefined) job.args = [...j.args];
  if (j.allowNonRestoredState !== undefined) job.allowNonRestoredState = j.allowNonRestoredState;
  if (j.initialSavepointPath !== undefined) job.initialSavepointPath = j.initialSavepointPath;
  if (j.savepointRedeployNonce !== undefined) job.savepointRedeployNonce = j.savepointRedeployNonce;
  return job;
}

function renderComponent(c: ComponentProps, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...extra };
  // `resource` is what every operator version reads; `resources` (main+) is rendered only when
  // asked for, so the same props work on 1.15 unless the user opts into the newer field.
  const resource: Record<string, unknown> = {};
  if (c.memory !== undefined) resource.memory = c.memory;
  if (c.cpu !== undefined) resource.cpu = c.cpu;
  if (c.ephemeralStorage !== undefined) resource.ephemeralStorage = c.ephemeralStorage;
  if (Object.keys(resource).length > 0) out.resource = resource;
  if (c.resources !== undefined) out.resources = cloneJson(c.resources);
  if (c.podTemplate !== undefined) out.podTemplate = cloneJson(c.podTemplate);
  return out;
}

function renderPodTemplate(props: FlinkSpecProps, problems: PropProblem[]): PodTemplate | undefined {
  const base = props.podTemplate;
  for (const [which, typed] of [
    ['labels', props.podLabels],
    ['annotations', props.podAnnotations],
  ] as const) {
    const existing = base?.metadata?.[which] ?? {};
    for (const [k, v] of Object.entries(typed ?? {})) {
      if (existing[k] !== undefined && existing[k] !== v) {
        problems.push({
          path: `podTemplate.metadata.${which}.${k}`,
          message: `podTemplate.metadata.${which}["${k}"] = "${existing[k]}" conflicts with pod${which === 'labels' ? 'Labels' : 'Annotations'}["${k}"] = "${v}": set it in one place`,
        });
      }
    }
  }
  if (!base && !props.podLabels && !props.podAnnotations) return undefined;
  return extendPodTemplate(base, { labels: props.podLabels, annotations: props.podAnnotations });
}
