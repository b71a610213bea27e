/**
 * One subtask of the FLIP-504 watermark gate, as a pure function of what it reads from its ConfigMap.
 *
 * Written from the bluegreen client of apache/flink-kubernetes-operator (flip-504 branch, files at
 * 0172b31f; PR #1043 head 93a4d1e behaves the same for a toggle set in Git):
 * - `GateContext.create` (api/bluegreen): the output mode is ACTIVE when the job's own colour
 *   (`bluegreen.active-deployment-type` of the job) equals the ConfigMap's `active-deployment-type`,
 *   STANDBY otherwise; `stage`, `active-deployment-type`, `deployment-deletion-delay-ms` are
 *   required, `is-first-deployment` defaults to false.
 * - `WatermarkGateContext.create`: `is-first-deployment: "true"` forces the toggle to 0, otherwise
 *   `watermark-toggle-value` is parsed when present; `watermark-stage` defaults to WATERMARK_NOT_SET.
 * - `WatermarkGateProcessFunction.processElementActive/processElementStandby/isFullyOpen`: the
 *   decisions below; `handleScheduledWrite` and `GateProcessFunction.maybePerformPendingWrite`: the
 *   writes, each a compare-and-set on the live ConfigMap (`GateKubernetesService.compareAndSet`).
 * - `GateInjectorExecutor.injectGateOperators`: without the job's own colour or the ConfigMap name
 *   in its configuration, no gate is injected at all and the job emits everything.
 *
 * Nothing here is the client's code; it is the behaviour, restated so a test can check it.
 */

export type ColourValue = 'BLUE' | 'GREEN';
export const TRANSITION_STAGES = ['INITIALIZING', 'TRANSITIONING', 'CLEAR_TO_TEARDOWN', 'RUNNING', 'FAILING'] as const;
export type TransitionStage = (typeof TRANSITION_STAGES)[number];
export const WATERMARK_STAGES = ['WATERMARK_NOT_SET', 'WAITING_FOR_WATERMARK', 'WATERMARK_SET'] as const;
export type WatermarkStage = (typeof WATERMARK_STAGES)[number];

/** What a gate subtask knows after reading its ConfigMap. */
export interface GateView {
  readonly mode: 'ACTIVE' | 'STANDBY';
  readonly active: ColourValue;
  readonly firstDeployment: boolean;
  readonly stage: TransitionStage;
  readonly deletionDelayMs: number;
  /** null: not decided yet (the active job waits, the standby passes everything). */
  readonly toggle: number | null;
  readonly watermarkStage: WatermarkStage;
}

/** The parse of `GateContext.create` + `WatermarkGateContext.create`; a string says why it throws. */
export function readGateView(data: Readonly<Record<string, string>> | undefined, ownColour: ColourValue): GateView | string {
  if (data === undefined) return 'ConfigMap not found (GateKubernetesService.parseConfigMap)';
  const active = data['active-deployment-type'];
  if (active !== 'BLUE' && active !== 'GREEN') return `active-deployment-type ${JSON.stringify(active)} is not BLUE or GREEN`;
  const stage = data.stage as TransitionStage;
  if (!TRANSITION_STAGES.includes(stage)) return `stage ${JSON.stringify(data.stage)} is not a TransitionStage`;
  const delay = data['deployment-deletion-delay-ms'];
  if (delay === undefined || !/^-?\d+$/.test(delay)) return `deployment-deletion-delay-ms ${JSON.stringify(delay)} is not an int`;
  const firstDeployment = (data['is-first-deployment'] ?? '').toLowerCase() === 'true';
  const wmStage = (data['watermark-stage'] ?? 'WATERMARK_NOT_SET') as WatermarkStage;
  if (!WATERMARK_STAGES.includes(wmStage)) return `watermark-stage ${JSON.stringify(data['watermark-stage'])} is not a WatermarkGateStage`;
  let toggle: number | null = null;
  if (firstDeployment) toggle = 0;
  else if (data['watermark-toggle-value'] !== undefined) {
    const t = data['watermark-toggle-value'];
    if (!/^-?\d+$/.test(t)) return `watermark-toggle-value ${JSON.stringify(t)} is not a long`;
    toggle = Number(t);
  }
  return {
    mode: ownColour === active ? 'ACTIVE' : 'STANDBY',
    active,
    firstDeployment,
    stage,
    deletionDelayMs: Number(delay),
    toggle,
    watermarkStage: wmStage,
  };
}

/** A write the gate asks for: compare-and-set of `key` from `expected` (null: absent) to the entries. */
export interface GateWrite {
  readonly key: string;
  readonly expected: string | null;
  readonly entries: Readonly<Record<string, string>>;
  /** The ConfigMap must still name this active colour (the CAS is scoped to one transition). */
  readonly active: ColourValue;
}

/** The gate's decision for one record. */
export interface GateDecision {
  readonly emit: boolean;
  /** A write to schedule (performed later, on a record after the write delay). */
  readonly write?: 'WAITING' | 'TOGGLE' | 'CLEAR_TO_TEARDOWN';
}

/** Flink's watermark before the first one arrives (`Long.MIN_VALUE`). */
export const NO_WATERMARK = Number.MIN_SAFE_INTEGER;

/**
 * processElementActive / processElementStandby for one record with event time `ts`, reaching a
 * subtask whose current watermark is `wm`.
 */
export function decide(view: GateView, wm: number, ts: number): GateDecision {
  const t = view.toggle;
  if (view.mode === 'ACTIVE') {
    if (t !== null) {
      // isFullyOpen: no standby shares the stream, or this subtask's watermark passed the toggle.
      if (view.firstDeployment || wm > t) return { emit: true };
      return { emit: ts >= t };
    }
    // Transitioning to active: hold everything until the standby sets the toggle.
    return view.stage === 'TRANSITIONING' ? { emit: false, write: 'WAITING' } : { emit: false };
  }
  if (t !== null) {
    if (wm <= t) return { emit: ts < t };
    // Past the toggle: hold everything and report the hand-over.
    return { emit: false, write: 'CLEAR_TO_TEARDOWN' };
  }
  // Standby without a toggle: still the only emitter; propose a toggle when the active waits.
  return { emit: true, write: 'TOGGLE' };
}

/**
 * The write a scheduled request turns into once the write delay has passed
 * (`WatermarkGateProcessFunction.handleScheduledWrite`, then `GateProcessFunction`'s teardown write).
 */
export function scheduledWrite(view: GateView, wm: number, pendingClearToTeardown: boolean): GateWrite | undefined {
  if (view.mode === 'STANDBY' && view.watermarkStage === 'WAITING_FOR_WATERMARK' && view.toggle === null) {
    // nextWatermarkToggleValue: the standby's own record-time watermark plus the deletion delay, never the clock.
    if (wm <= 0) return undefined;
    return {
      key: 'watermark-toggle-value',
      expected: null,
      entries: { 'watermark-toggle-value': String(wm + view.deletionDelayMs), 'watermark-stage': 'WATERMARK_SET' },
      active: view.active,
    };
  }
  if (view.mode === 'ACTIVE' && view.stage === 'TRANSITIONING' && view.toggle === null && view.watermarkStage !== 'WAITING_FOR_WATERMARK') {
    return { key: 'watermark-stage', expected: null, entries: { 'watermark-stage': 'WAITING_FOR_WATERMARK' }, active: view.active };
  }
  if (pendingClearToTeardown && view.stage !== 'CLEAR_TO_TEARDOWN') {
    return { key: 'stage', expected: 'TRANSITIONING', entries: { stage: 'CLEAR_TO_TEARDOWN' }, active: view.active };
  }
  return undefined;
}

/** GateKubernetesService.compareAndSet on live data; returns the new data, or undefined when the CAS fails. */
export function compareAndSet(data: Readonly<Record<string, string>> | undefined, w: GateWrite): Record<string, string> | undefined {
  if (data === undefined || data['active-deployment-type'] !== w.active) return undefined;
  const current = data[w.key] ?? null;
  if (current !== w.expected) return undefined;
  return { ...data, ...w.entries };
}
