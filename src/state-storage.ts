/** The directories of one job's state. */
export interface StateDirectories {
  /** `state.checkpoints.dir` */
  readonly checkpointsDir: string;
  /** `state.savepoints.dir` */
  readonly savepointsDir: string;
  /** `high-availability.storageDir` */
  readonly highAvailabilityDir: string;
}

/**
 * Where each job keeps its state, derived from the job name, so that a platform sets the layout
 * once and no two jobs share a directory (a shared HA directory mixes two clusters' metadata).
 */
export class StateStorage {
  /**
   * `<base>/<job>/checkpoints`, `<base>/<job>/savepoints`, `<base>/<job>/ha`.
   * @param base durable storage URI, e.g. `s3://flink-state` or `gs://bucket/flink`
   */
  public static under(base: string): StateStorage {
    const root = base.replace(/\/+$/, '');
    if (!/^[a-z][a-z0-9+.-]*:\/\/./i.test(root)) {
      throw new Error(`StateStorage.under("${base}"): expected a URI with a scheme, e.g. "s3://flink-state"`);
    }
    return new StateStorage((job) => ({ checkpointsDir: `${root}/${job}/checkpoints`, savepointsDir: `${root}/${job}/savepoints`, highAvailabilityDir: `${root}/${job}/ha` }));
  }

  /** A layout of your own: called with each job's name. */
  public static layout(fn: (jobName: string) => StateDirectories): StateStorage {
    return new StateStorage(fn);
  }

  private constructor(private readonly fn: (jobName: string) => StateDirectories) {}

  /** The directories of the job named `jobName`. */
  public resolve(jobName: string): StateDirectories {
    return this.fn(jobName);
  }
}
