/** Desired state of the job (`spec.job.state`). */
export class JobState {
  public static readonly RUNNING = new JobState('running');
  public static readonly SUSPENDED = new JobState('suspended');

  private constructor(public readonly value: 'running' | 'suspended') {}

  public toString(): string {
    return this.value;
  }
}
