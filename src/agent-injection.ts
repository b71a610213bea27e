/**
 * Who puts the FLIP-504 gate agent into the JobManager pod. The two choices must never be mixed:
 * an operator that manages blue/green appends its own init container, volume and mount without
 * de-duplicating, so a second copy in our manifests makes the pod invalid.
 */
export class AgentInjection {
  /**
   * The operator injects the agent and owns the gate ConfigMap (FLIP-504 builds, `transitionMode:
   * ADVANCED`). Output: one FlinkBlueGreenDeployment carrying only the gate configuration.
   */
  public static operator(): AgentInjection {
    return new AgentInjection('operator');
  }

  /**
   * The manifests carry the wiring: FlinkDeployments `<name>-blue` / `<name>-green` with the agent
   * init container, volume, mount and `-javaagent` flag, plus the gate ConfigMap and its RBAC.
   * Works on any operator version; the cutover is driven commit by commit.
   */
  public static manifest(options: ManifestInjectionOptions): AgentInjection {
    return new AgentInjection('manifest', { ...options });
  }

  private constructor(
    public readonly mode: 'operator' | 'manifest',
    public readonly manifestOptions?: ManifestInjectionOptions,
  ) {}
}

export interface ManifestInjectionOptions {
  /**
   * Image holding the agent jar (e.g. the FLIP-504 operator image), pinned by tag or digest;
   * `latest` or no tag is refused because the agent must match the job's client library.
   */
  readonly agentImage: string;
  /**
   * Path of the agent jar inside `agentImage`.
   * @default '/opt/flink/artifacts/bluegreen-agent.jar' (where the operator image keeps it)
   */
  readonly agentJarPath?: string;
}
