/** JobManager high availability. Needed for JobManager replicas > 1 and for safe `last-state` upgrades. */
export class HighAvailability {
  /**
   * Kubernetes HA services: leader election through ConfigMaps, metadata in `storageDir`.
   * @param storageDir durable storage for HA metadata, e.g. `s3://bucket/flink/ha`
   */
  public static kubernetes(options: { readonly storageDir: string }): HighAvailability {
    return new HighAvailability('kubernetes', options.storageDir);
  }

  private constructor(
    public readonly type: 'kubernetes',
    public readonly storageDir: string,
  ) {}
}
