import type { BlueGreenFlinkJob } from './blue-green-flink-job';
import type { Colour } from './colour';
import type { FlinkJob } from './flink-job';
import type { FlinkSessionJob } from './flink-session-job';
import type { PropProblem } from './prop-problem';
import type { RenderedObject } from './synth-validation';

/**
 * The job a FlinkStateSnapshot snapshots (`spec.jobReference`): a FlinkDeployment or a
 * FlinkSessionJob in the snapshot's namespace. From a construct, the name and namespace are
 * taken from it and the snapshot is checked against the job's configuration at synth (e.g. a
 * savepoint needs a path or the job's savepoint directory).
 */
export class JobReference {
  /** An application job. */
  public static flinkJob(job: FlinkJob): JobReference {
    return new JobReference('FlinkDeployment', job.name, () => job.resource.metadata.namespace, () => [job.render().object]);
  }

  /** A job on a session cluster. */
  public static sessionJob(job: FlinkSessionJob): JobReference {
    return new JobReference('FlinkSessionJob', job.name, () => job.namespace, () => [...(job.cluster ? [job.cluster.render().object] : []), job.render().object]);
  }

  /**
   * One colour of a blue/green job: the FlinkDeployment `<name>-blue` or `<name>-green` (ours in
   * manifest-wired mode, the operator's children otherwise). In manifest-wired mode the colour must
   * be deployed in this commit.
   */
  public static blueGreenColour(job: BlueGreenFlinkJob, colour: Colour): JobReference {
    const name = `${job.name}-${colour.suffix}`;
    const manifest = job.injection.mode === 'manifest';
    return new JobReference(
      'FlinkDeployment',
      name,
      () => (manifest ? job.deployments.get(colour) : job.resource)?.metadata.namespace,
      () => job.render(),
      () =>
        manifest && job.deployments.size > 0 && !job.deployments.has(colour)
          ? [{ path: 'jobReference', message: `${colour} of "${job.name}" is not deployed in this commit (only ${[...job.deployments.keys()].join(', ')}): reference the active colour` }]
          : [],
    );
  }

  /** A FlinkDeployment managed elsewhere, by name. */
  public static flinkDeploymentNamed(name: string): JobReference {
    return new JobReference('FlinkDeployment', name, () => undefined, () => []);
  }

  /** A FlinkSessionJob managed elsewhere, by name. */
  public static sessionJobNamed(name: string): JobReference {
    return new JobReference('FlinkSessionJob', name, () => undefined, () => []);
  }

  private constructor(
    /** `jobReference.kind`. */
    public readonly kind: 'FlinkDeployment' | 'FlinkSessionJob',
    /** `jobReference.name`. */
    public readonly name: string,
    private readonly namespaceOf: () => string | undefined,
    objectsOf: () => RenderedObject[],
    problemsOf: () => PropProblem[] = () => [],
  ) {
    INTERNALS.set(this, { objectsOf, problemsOf });
  }

  /** The namespace of the referenced job, when it is a construct with one. */
  public get namespace(): string | undefined {
    return this.namespaceOf();
  }
}

// What FlinkStateSnapshot needs from a reference, kept off the public surface.
const INTERNALS = new WeakMap<JobReference, { objectsOf: () => RenderedObject[]; problemsOf: () => PropProblem[] }>();

/** The referenced objects as rendered (for the cross-kind rules); none when they cannot render. */
export function referenceTargets(ref: JobReference): RenderedObject[] {
  try {
    return INTERNALS.get(ref)?.objectsOf() ?? [];
  } catch {
    return []; // the job's own validation reports why it cannot render
  }
}

/** Problems with the reference itself (e.g. a colour not deployed in this commit). */
export function referenceProblems(ref: JobReference): PropProblem[] {
  return INTERNALS.get(ref)?.problemsOf() ?? [];
}
