/** Kubernetes image pull policy for the Flink image (`spec.imagePullPolicy`). */
export class ImagePullPolicy {
  public static readonly ALWAYS = new ImagePullPolicy('Always');
  public static readonly IF_NOT_PRESENT = new ImagePullPolicy('IfNotPresent');
  public static readonly NEVER = new ImagePullPolicy('Never');

  private constructor(public readonly value: 'Always' | 'IfNotPresent' | 'Never') {}

  public toString(): string {
    return this.value;
  }
}
