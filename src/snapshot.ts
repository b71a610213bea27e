/** The on-disk format of a savepoint (`spec.savepoint.formatType`). */
export class SavepointFormatType {
  /** Flink's portable format: restorable across state backends. The operator's default. */
  public static readonly CANONICAL = new SavepointFormatType('CANONICAL');
  /** The state backend's own format: faster to take and restore, tied to the backend. */
  public static readonly NATIVE = new SavepointFormatType('NATIVE');

  private constructor(public readonly value: 'CANONICAL' | 'NATIVE') {}

  public toString(): string {
    return this.value;
  }
}

/** Options of a savepoint taken by the operator. */
export interface SavepointOptions {
  /**
   * Directory the savepoint is written under (Flink adds `savepoint-<job>-<id>`).
   * @default - the job's savepoint directory (`state.savepoints.dir`); the operator fails the snapshot when neither is set
   */
  readonly path?: string;
  /** @default SavepointFormatType.CANONICAL */
  readonly formatType?: SavepointFormatType;
  /**
   * Delete the savepoint's files when the FlinkStateSnapshot object is deleted. The operator's own
   * default is true; ours is false, because a GitOps prune of the object would otherwise destroy a
   * savepoint a deployment may still restore from.
   * @default false
   */
  readonly disposeOnDelete?: boolean;
}

/**
 * What a FlinkStateSnapshot takes (`spec.savepoint` or `spec.checkpoint`, exactly one, as
 * `DefaultValidator.validateStateSnapshot` requires).
 */
export class Snapshot {
  /** Trigger a savepoint of the referenced job. */
  public static savepoint(options: SavepointOptions = {}): Snapshot {
    return new Snapshot('savepoint', options, false);
  }

  /** Trigger a full checkpoint of the referenced job (Flink 1.17+). */
  public static checkpoint(): Snapshot {
    return new Snapshot('checkpoint', {}, false);
  }

  /**
   * Register a savepoint that already exists (`alreadyExists: true`): the operator marks it
   * COMPLETED with `path` as its result without triggering anything; no job reference is needed.
   * @param path the savepoint itself, e.g. `s3://bucket/savepoints/savepoint-1a2b3c-0123456789ab`
   */
  public static existingSavepoint(path: string, options: Omit<SavepointOptions, 'path'> = {}): Snapshot {
    return new Snapshot('savepoint', { ...options, path }, true);
  }

  private constructor(
    public readonly type: 'savepoint' | 'checkpoint',
    public readonly options: SavepointOptions,
    public readonly alreadyExists: boolean,
  ) {}

  /** The `spec` fields for this snapshot type. */
  public toSpec(): Record<string, unknown> {
    if (this.type === 'checkpoint') return { checkpoint: {} };
    const savepoint: Record<string, unknown> = {};
    if (this.alreadyExists) savepoint.alreadyExists = true;
    savepoint.disposeOnDelete = this.options.disposeOnDelete ?? false;
    if (this.options.formatType) savepoint.formatType = this.options.formatType.value;
    if (this.options.path !== undefined) savepoint.path = this.options.path;
    return { savepoint };
  }
}
