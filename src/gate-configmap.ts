import type { CutoverState } from './cutover';
import type { Duration } from './duration';

/** Label on every gate ConfigMap we emit, so GitOps ignore rules can select them. */
export const GATE_CONFIGMAP_LABEL = 'flink.bluegreen/gate-configmap';

/** The verbs the gate uses: GET, an informer (list + watch on one name) and a whole-object UPDATE. */
export const GATE_CONFIGMAP_VERBS = ['get', 'list', 'watch', 'update'] as const;

/** The gate ConfigMap's name: the same `<name>-configmap` the operator uses. */
export function gateConfigMapName(jobName: string): string {
  return `${jobName}-configmap`;
}

/**
 * The ConfigMap data for a cutover state. Every key the gate parses is declared, including the
 * custom keys of the watermark gate, so that applying it resets whatever a previous cutover left
 * (a stale `watermark-toggle-value` would make the old job stop emitting at once).
 */
export function gateConfigMapData(state: CutoverState, deletionDelay?: Duration): Record<string, string> {
  const delay = String(deletionDelay?.toMilliseconds() ?? 0);
  if (state.phase === 'stable' && state.cutoverAt !== undefined) {
    // After a cutover the toggle stays: the new job may still be catching up behind T (or restart
    // from a checkpoint taken before T), and with is-first-deployment=true it would pass the
    // records before T the old job already emitted. With the toggle it keeps passing only records
    // at or after T until its own watermark passes T, then everything (isFullyOpen); it is ACTIVE,
    // so it writes nothing. Found by the gate model (test/gate-model).
    return {
      'active-deployment-type': state.active.colour.value,
      'deployment-deletion-delay-ms': delay,
      'is-first-deployment': 'false',
      stage: 'RUNNING',
      'watermark-stage': 'WATERMARK_SET',
      'watermark-toggle-value': String(state.cutoverAt.getTime()),
    };
  }
  if (state.phase === 'stable') {
    // is-first-deployment=true makes the active job emit everything (toggle 0): no cutover pending.
    return {
      'active-deployment-type': state.active.colour.value,
      'deployment-deletion-delay-ms': delay,
      'is-first-deployment': 'true',
      stage: 'RUNNING',
      'watermark-stage': 'WATERMARK_NOT_SET',
    };
  }
  // Scheduled event-time cutover: the toggle is fixed in Git, the old job emits < T and hands
  // over by writing stage=CLEAR_TO_TEARDOWN once its watermark passes T.
  return {
    'active-deployment-type': state.to.colour.value,
    'deployment-deletion-delay-ms': delay,
    'is-first-deployment': 'false',
    stage: 'TRANSITIONING',
    'watermark-stage': 'WATERMARK_SET',
    'watermark-toggle-value': String(state.at.getTime()),
  };
}
