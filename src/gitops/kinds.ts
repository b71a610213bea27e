/**
 * The Flink resource kinds our GitOps health checks cover. One list so the Argo CD Lua
 * customizations, the Flux CEL expressions and their tests cannot drift apart.
 */
export const FLINK_GROUP = 'flink.apache.org';
export const FLINK_API_VERSION = `${FLINK_GROUP}/v1beta1`;

export type HealthCheckedKind = 'FlinkBlueGreenDeployment' | 'FlinkDeployment';

export interface HealthCheckedKindInfo {
  readonly kind: HealthCheckedKind;
  /** File name under src/gitops/health/ holding the Argo CD Lua script. */
  readonly luaFile: string;
}

export const HEALTH_CHECKED_KINDS: readonly HealthCheckedKindInfo[] = [
  { kind: 'FlinkBlueGreenDeployment', luaFile: 'flinkbluegreendeployment.lua' },
  { kind: 'FlinkDeployment', luaFile: 'flinkdeployment.lua' },
];
