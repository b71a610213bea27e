/**
 * apiVersion and kind of the Flink custom resources we emit.
 *
 * The classes `npm run import` generates from the CRDs carry the same GVK, but loading them means
 * loading 4 MB of generated code for two strings (~150 ms on every synth), so they are imported
 * for their types only and test/gvk.test.ts checks these constants against them.
 */
export const FLINK_DEPLOYMENT_GVK = { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment' } as const;
export const FLINK_BLUE_GREEN_DEPLOYMENT_GVK = { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkBlueGreenDeployment' } as const;
export const FLINK_SESSION_JOB_GVK = { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkSessionJob' } as const;
export const FLINK_STATE_SNAPSHOT_GVK = { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkStateSnapshot' } as const;
