/**
 * The Flink version of the job's image (`spec.flinkVersion`). Only versions the operator still
 * deploys are offered; `v1_13`/`v1_14` are rejected by its validator.
 */
export class FlinkVersion {
  public static readonly V1_15 = new FlinkVersion('v1_15');
  public static readonly V1_16 = new FlinkVersion('v1_16');
  public static readonly V1_17 = new FlinkVersion('v1_17');
  public static readonly V1_18 = new FlinkVersion('v1_18');
  public static readonly V1_19 = new FlinkVersion('v1_19');
  public static readonly V1_20 = new FlinkVersion('v1_20');
  public static readonly V2_0 = new FlinkVersion('v2_0');
  public static readonly V2_1 = new FlinkVersion('v2_1');
  public static readonly V2_2 = new FlinkVersion('v2_2');
  /** Only in the `main` and `flip-504` CRDs (the 1.14/1.15 CRDs stop at `v2_2`). */
  public static readonly V2_3 = new FlinkVersion('v2_3');
  /** Only in the `main` and `flip-504` CRDs (the 1.14/1.15 CRDs stop at `v2_2`). */
  public static readonly V2_4 = new FlinkVersion('v2_4');

  /** Escape hatch for a value this library does not list yet; the CRD schema still checks it. */
  public static of(value: string): FlinkVersion {
    return new FlinkVersion(value);
  }

  private constructor(public readonly value: string) {}

  public toString(): string {
    return this.value;
  }
}
