/**
 * The Flink Kubernetes Operator build a job is written for. The CRD schema and the
 * operator's own rules differ between builds (e.g. `resources` exists only from `main`,
 * `transitionMode` only in FLIP-504 builds), so everything we emit or check is tied to one.
 */
export type OperatorVersionId = '1.14' | '1.15' | 'main' | 'flip-504';

export const OPERATOR_VERSION_IDS: readonly OperatorVersionId[] = ['1.14', '1.15', 'main', 'flip-504'];

export class OperatorVersion {
  /** Release 1.14.0: the first release with FlinkBlueGreenDeployment (BASIC only). */
  public static readonly V1_14 = new OperatorVersion('1.14', 'release-1.14.0', false, false);
  /** Release 1.15.0: the newest release (default). */
  public static readonly V1_15 = new OperatorVersion('1.15', 'release-1.15.0', false, false);
  /** Operator `main` (1.16-SNAPSHOT): adds `jobManager/taskManager.resources`. */
  public static readonly MAIN = new OperatorVersion('main', 'main 6e9caeb4', true, false);
  /** A build of FLIP-504 (PR #1043): adds `spec.transitionMode` and the ADVANCED gate. */
  public static readonly FLIP_504 = new OperatorVersion('flip-504', 'PR #1043 93a4d1e8', true, true);

  /** The version used when none is given. */
  public static readonly DEFAULT = OperatorVersion.V1_15;

  /** All versions, oldest first. */
  public static all(): readonly OperatorVersion[] {
    return [OperatorVersion.V1_14, OperatorVersion.V1_15, OperatorVersion.MAIN, OperatorVersion.FLIP_504];
  }

  /** Looks a version up by its id (`1.14`, `1.15`, `main`, `flip-504`). */
  public static of(id: string): OperatorVersion {
    const found = OperatorVersion.all().find((v) => v.id === id);
    if (!found) {
      throw new Error(
        `Unknown operator version "${id}": expected one of ${OPERATOR_VERSION_IDS.map((v) => `"${v}"`).join(', ')}`,
      );
    }
    return found;
  }

  private constructor(
    /** Stable id, as used in props and on the command line. */
    public readonly id: OperatorVersionId,
    /** The upstream build the vendored CRDs come from. */
    public readonly source: string,
    /** Whether `jobManager/taskManager.resources` (Kubernetes ResourceRequirements) exists. */
    public readonly hasResourceRequirements: boolean,
    /** Whether `spec.transitionMode` (BASIC | ADVANCED) exists on FlinkBlueGreenDeployment. */
    public readonly hasTransitionMode: boolean,
  ) {}

  /** Folder of the vendored CRDs for this version, relative to the package root. */
  public get crdDir(): string {
    return `crds/${this.id}`;
  }

  public toString(): string {
    return this.id;
  }
}
