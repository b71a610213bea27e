/**
 * How GitOps tools must treat the gate ConfigMap (`<job>-configmap`) in manifest-wired mode,
 * where our output creates it and the gate inside the running jobs writes to it.
 * The reasoning is in docs/gitops.md ("The gate ConfigMap"); domain.md Part III, consequences 3-5.
 */

// The label the constructs put on every gate ConfigMap; the argocd-cm rule selects on it.
import { GATE_CONFIGMAP_LABEL } from '../gate-configmap';
import { jsonPointer } from '../json-pointer';
export { GATE_CONFIGMAP_LABEL };

/**
 * - `scheduled`: Git sets every key including `watermark-toggle-value` (domain.md Part III #4);
 *   the only runtime write is `stage` (the old job's CLEAR_TO_TEARDOWN).
 * - `dynamic`: the old job picks the toggle, so the gate also writes `watermark-toggle-value`
 *   and `watermark-stage`, and those keys must be wiped at the start of the next cutover (#5).
 */
export type CutoverMode = 'scheduled' | 'dynamic';

export type GitOpsTool = 'argocd' | 'flux';

/** Data keys a gate writes at run time, for the given cutover mode. */
export function gateRuntimeKeys(mode: CutoverMode): readonly string[] {
  // In scheduled mode the watermark keys are Git's: ignoring them would hide a rescheduled
  // toggle from the diff, so only `stage` is listed.
  return mode === 'scheduled' ? ['stage'] : ['stage', 'watermark-toggle-value', 'watermark-stage'];
}

/** RFC 6901 pointers to the runtime-written keys (`~` and `/` escaped as the RFC requires). */
export function gateRuntimeJsonPointers(mode: CutoverMode): readonly string[] {
  return gateRuntimeKeys(mode).map((k) => jsonPointer('data', k));
}

export interface GateAnnotationOptions {
  readonly tool: GitOpsTool;
  readonly cutover: CutoverMode;
}

/**
 * Annotations the constructs put on a gate ConfigMap they emit.
 *
 * Argo CD has no per-object annotation that ignores a data key (`compare-options:
 * IgnoreExtraneous` only concerns objects missing from Git); the key-level rule lives in the
 * Application / argocd-cm (see argocd.ts). In dynamic mode the object gets `Replace=true` so the
 * cutover commit replaces the whole ConfigMap and the previous toggle cannot survive.
 *
 * Flux gets nothing: `ssa: IfNotPresent` would freeze every key after creation (the next cutover
 * commit would never reach the cluster, the stale-toggle outage of consequence 3), and its
 * default server-side apply merely resets `stage` to Git's value each interval, which a scheduled
 * cutover tolerates. Flux cannot remove gate-written keys, so dynamic mode is refused.
 */
export function gateConfigMapAnnotations(opts: GateAnnotationOptions): Readonly<Record<string, string>> {
  if (opts.tool === 'flux') {
    if (opts.cutover === 'dynamic') {
      throw new Error(
        'dynamic cutover is not supported with Flux: server-side apply never removes the watermark keys the gate ' +
          'wrote in the previous cutover, so the next cutover would start with a stale toggle. Use a scheduled cutover ' +
          '(Git sets watermark-toggle-value), see docs/gitops.md.',
      );
    }
    return {};
  }
  return opts.cutover === 'dynamic' ? { 'argocd.argoproj.io/sync-options': 'Replace=true' } : {};
}
