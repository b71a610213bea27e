/**
 * Where the objects of each colour of a manifest-wired job go, and what cannot work once the
 * colours are apart. Kept out of blue-green-flink-job.ts so the construct only asks for it.
 */
import { Chart } from 'cdk8s';
import type { Construct, IConstruct } from 'constructs';
import { ClusterTarget, isLocalStorage, type ColourTargets } from './cluster-target';
import { Colour } from './colour';
import type { Cutover } from './cutover';
import type { FlinkSpecProps } from './spec/props';
import type { PropProblem } from './prop-problem';

/** One cluster + namespace that receives a FlinkDeployment, its gate ConfigMap and its RBAC. */
export interface Placement {
  /** `<cluster or "">/<namespace or "">`: equal keys share one ConfigMap. */
  readonly key: string;
  readonly cluster?: string;
  readonly namespace?: string;
  /** Scope to create the objects in: the target's chart, or undefined for the job itself. */
  readonly chart?: Chart;
}

/** Where a colour's objects go. */
export function placementOf(targets: ColourTargets | undefined, colour: Colour, jobNamespace: string | undefined): Placement {
  const t = colour === Colour.BLUE ? targets?.blue : targets?.green;
  if (!(t instanceof ClusterTarget)) return { key: `/${jobNamespace ?? ''}`, namespace: jobNamespace };
  const namespace = t.namespace ?? (t.chart instanceof Chart ? t.chart.namespace : undefined) ?? jobNamespace;
  return { key: `${t.cluster ?? ''}/${namespace ?? ''}`, cluster: t.cluster, namespace, chart: t.chart instanceof Chart ? t.chart : undefined };
}

/** Whether the two colours run apart (other cluster or other namespace). */
export function coloursApart(targets: ColourTargets | undefined, jobNamespace: string | undefined): 'cluster' | 'namespace' | undefined {
  const b = placementOf(targets, Colour.BLUE, jobNamespace);
  const g = placementOf(targets, Colour.GREEN, jobNamespace);
  if ((b.cluster ?? '') !== (g.cluster ?? '')) return 'cluster';
  if ((b.namespace ?? '') !== (g.namespace ?? '')) return 'namespace';
  return undefined;
}

/** An id for a placement's sub-construct, unique within its scope. */
export function placementId(owner: Construct, p: Placement): string {
  const slug = `${p.cluster ?? 'home'}-${p.namespace ?? 'default'}`;
  return p.chart ? `${owner.node.id}-${slug}` : `Target-${slug}`;
}

/**
 * Problems of `targets` on a job: the targets themselves, and savepoints a job in the other
 * cluster or namespace could not read (the new colour restores from `savepointPath`, and the next
 * cutover back restores from a savepoint the new colour writes into `savepointsDir`).
 */
export function targetProblems(
  targets: ColourTargets,
  props: Pick<FlinkSpecProps, 'savepointsDir'>,
  cutover: Cutover | undefined,
  jobNamespace: string | undefined,
  root?: IConstruct,
): PropProblem[] {
  const out: PropProblem[] = [];
  if (targets === null || typeof targets !== 'object') return [{ path: 'targets', message: 'targets must be { blue?: ClusterTarget, green?: ClusterTarget }' }];
  for (const colour of ['blue', 'green'] as const) {
    const t = targets[colour];
    if (t === undefined) continue;
    if (!(t instanceof ClusterTarget)) {
      out.push({ path: `targets.${colour}`, message: 'expected ClusterTarget.of({ cluster?, namespace?, chart? })' });
      continue;
    }
    out.push(...t.problems(`targets.${colour}`));
    if (root && t.chart instanceof Chart && t.chart.node.root !== root) {
      out.push({ path: `targets.${colour}.chart`, message: `chart "${t.chart.node.path}" belongs to another App: create the target's chart in the same App as the job` });
    }
  }
  const unknown = Object.keys(targets).filter((k) => k !== 'blue' && k !== 'green');
  if (unknown.length) out.push({ path: 'targets', message: `unknown key(s) ${unknown.join(', ')}: use blue and green` });
  if (out.length) return out;
  const apart = coloursApart(targets, jobNamespace);
  if (!apart) return out;
  const where = apart === 'cluster' ? 'in the other cluster' : 'in the other namespace (volumes are claimed per namespace)';
  const dirs: Array<[string, string | undefined]> = [['savepointsDir', props.savepointsDir]];
  cutover?.steps.forEach((s, i) => {
    if (s.type === 'cutover') dirs.push([`cutover.steps[${i}].savepointPath`, s.savepointPath]);
    if ((s.type === 'start' || s.type === 'cutover') && s.overrides?.savepointsDir !== undefined) dirs.push([`cutover.steps[${i}].overrides.savepointsDir`, s.overrides.savepointsDir]);
  });
  for (const [path, value] of dirs) {
    if (typeof value === 'string' && isLocalStorage(value)) {
      out.push({
        path,
        message: `${JSON.stringify(value)} is local storage: the colours run apart, and the job ${where} restores from this savepoint but cannot read it; use storage both can read (s3://, gs://, abfss://, hdfs://, …)`,
      });
    }
  }
  return out;
}
