import { Chart } from 'cdk8s';
import type { PropProblem } from './prop-problem';

// Kept apart (no cdk8s import) so that `validate` does not load cdk8s; exported here as before.
export { CLUSTER_ANNOTATION } from './cluster-annotation';
export { isLocalStorage } from './local-storage';


export interface ClusterTargetProps {
  /**
   * Name of the Kubernetes cluster this colour runs in, as your GitOps tool knows it (e.g. the
   * Argo CD cluster name or the Flux cluster folder): lower-case alphanumerics, `-` and `.`.
   * @default - the cluster the rest of the app goes to (no annotation)
   */
  readonly cluster?: string;
  /**
   * Namespace of this colour's FlinkDeployment, gate ConfigMap, Role and RoleBinding.
   * @default - the chart's namespace when `chart` is given, else the job's namespace
   */
  readonly namespace?: string;
  /**
   * Chart the colour's objects are created in. One chart per cluster gives one output file per
   * cluster from `cdk8s synth`, so each file can be applied to its cluster as it is.
   * @default - the job's own chart
   */
  readonly chart?: Chart;
}

/**
 * Where one colour of a manifest-wired BlueGreenFlinkJob runs: its own cluster and/or namespace.
 *
 * The gate works across clusters because the scheduled cutover declares every ConfigMap key in
 * Git, the cutover time included: each target gets its own gate ConfigMap with the same data, the
 * old job emits records before T, the new one records at or after T, and neither reads the other's
 * ConfigMap (domain.md Part III; `WatermarkGateProcessFunction` reads only its own namespace's
 * ConfigMap, named by `bluegreen.configmap.name`).
 */
export class ClusterTarget {
  /** A target; every field is optional (`ClusterTarget.of({ namespace: 'b' })` moves only the namespace). */
  public static of(props: ClusterTargetProps = {}): ClusterTarget {
    return new ClusterTarget(props.cluster, props.namespace, props.chart);
  }

  private constructor(
    public readonly cluster: string | undefined,
    public readonly namespace: string | undefined,
    public readonly chart: Chart | undefined,
  ) {}

  /** Problems with the target's values, with `path` the prop that holds it (e.g. `targets.green`). */
  public problems(path: string): PropProblem[] {
    const out: PropProblem[] = [];
    if (this.cluster !== undefined && (typeof this.cluster !== 'string' || !/^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/.test(this.cluster))) {
      out.push({ path: `${path}.cluster`, message: `cluster ${JSON.stringify(this.cluster)} must be lower-case alphanumerics, "-" or "." (at most 63, it names an output folder), e.g. "eu-west-1"` });
    }
    if (this.namespace !== undefined && (typeof this.namespace !== 'string' || !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(this.namespace))) {
      out.push({ path: `${path}.namespace`, message: `namespace ${JSON.stringify(this.namespace)} is not a Kubernetes namespace name (lower-case alphanumerics and "-", at most 63)` });
    }
    if (this.chart !== undefined && !(this.chart instanceof Chart)) {
      out.push({ path: `${path}.chart`, message: 'chart must be a cdk8s Chart of the same app' });
    }
    return out;
  }
}

/** Where each colour runs. Colours not given run with the job (its chart and namespace). */
export interface ColourTargets {
  /** @default - the job's chart, namespace and cluster */
  readonly blue?: ClusterTarget;
  /** @default - the job's chart, namespace and cluster */
  readonly green?: ClusterTarget;
}

