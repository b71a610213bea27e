import type { CutoverSavepoint } from './cutover';
import { snapshotPathCommand } from './flink-state-snapshot';
import { FLINK_STATE_SNAPSHOT_GVK } from './gvk';
import { Snapshot } from './snapshot';

/** The FlinkStateSnapshot name of a cutover's savepoint step: `<job>-<colour>-savepoint-<n>`. */
export function cutoverSavepointName(jobName: string, savepoint: CutoverSavepoint): string {
  return `${jobName}-${savepoint.colour.suffix}-savepoint-${savepoint.sequence}`;
}

/**
 * The FlinkStateSnapshot a `savepoint()` step emits: a savepoint of the colour's FlinkDeployment
 * into its savepoint directory, kept on disk when the object is removed (the next colour restores
 * from it, and GitOps prunes the object after `complete()`).
 */
export function cutoverSavepointObject(
  jobName: string,
  savepoint: CutoverSavepoint,
  metadata: { readonly namespace?: string; readonly labels?: Readonly<Record<string, string>>; readonly annotations?: Readonly<Record<string, string>> },
): { apiVersion: string; kind: string; metadata: { name: string; [k: string]: unknown }; spec: Record<string, unknown> } {
  const md: { name: string; [k: string]: unknown } = { name: cutoverSavepointName(jobName, savepoint) };
  if (metadata.namespace) md.namespace = metadata.namespace;
  if (metadata.labels && Object.keys(metadata.labels).length > 0) md.labels = { ...metadata.labels };
  if (metadata.annotations) md.annotations = { ...metadata.annotations };
  return {
    ...FLINK_STATE_SNAPSHOT_GVK,
    metadata: md,
    spec: { ...Snapshot.savepoint().toSpec(), jobReference: { kind: 'FlinkDeployment', name: `${jobName}-${savepoint.colour.suffix}` } },
  };
}

/** The command that waits for the step's savepoint and prints its path (for `cutoverTo({ savepointPath })`). */
export function cutoverSavepointCommand(jobName: string, savepoint: CutoverSavepoint, namespace: string | undefined): string {
  return snapshotPathCommand(cutoverSavepointName(jobName, savepoint), namespace);
}
