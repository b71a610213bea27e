/**
 * The vocabulary of `plan`: the operator's own names for what it does with a changed object,
 * so a reviewer can look the words up in the operator's documentation and source.
 */

/** `BlueGreenDiffType` of the blue/green controller (`FlinkBlueGreenDeploymentSpecDiff.compare`). */
export const BLUE_GREEN_IMPACTS = ['IGNORE', 'PATCH_CHILD', 'SUSPEND', 'RESUME', 'TRANSITION', 'SAVEPOINT_REDEPLOY'] as const;
export type BlueGreenImpact = (typeof BLUE_GREEN_IMPACTS)[number];

/**
 * `DiffType` of the FlinkDeployment reconciler. The order matters: the operator aggregates the
 * per-field types by taking the highest ordinal (`DiffType.from`), and so do we.
 */
export const DIFF_TYPES = ['IGNORE', 'SCALE', 'UPGRADE', 'SAVEPOINT_REDEPLOY'] as const;
export type DiffType = (typeof DIFF_TYPES)[number];

/** Objects that appear or vanish between the two versions. */
export const LIFECYCLE_IMPACTS = ['CREATE', 'DELETE'] as const;
export type LifecycleImpact = (typeof LIFECYCLE_IMPACTS)[number];

export type Impact = BlueGreenImpact | DiffType | LifecycleImpact;

/** Every impact name, for validating `--fail-on`. */
export const ALL_IMPACTS: readonly Impact[] = [
  ...new Set<Impact>([...DIFF_TYPES, ...BLUE_GREEN_IMPACTS, ...LIFECYCLE_IMPACTS]),
];

export function isImpact(s: string): s is Impact {
  return (ALL_IMPACTS as readonly string[]).includes(s);
}

/** The type that "minimally subsumes" all of them, like the operator's `DiffType.from`. */
export function maxDiffType(types: readonly DiffType[]): DiffType {
  let best = 0;
  for (const t of types) best = Math.max(best, DIFF_TYPES.indexOf(t));
  return DIFF_TYPES[best];
}

/** A JSON value as read from YAML, or `undefined` for an absent field. */
export type Value = unknown;

/** One changed field. */
export interface Reason {
  /** JSON Pointer into the object; a flinkConfiguration key (after flattening) is one segment. */
  readonly path: string;
  readonly from: Value;
  readonly to: Value;
  /**
   * How the operator classifies this one field (its `@SpecDiff` type, or `IGNORE` for fields it
   * never compares). Absent for reasons that are context, not part of a spec diff.
   */
  readonly type?: DiffType;
  /** Why the field is classified this way, when that is not obvious from the type alone. */
  readonly note?: string;
}

export type Severity = 'error' | 'warning';

/** A change the operator will reject, or one that loses state or surprises. */
export interface Danger {
  readonly severity: Severity;
  /** Stable identifier, e.g. `transition-mode-immutable`. */
  readonly code: string;
  readonly message: string;
  /** The field the danger is about, when there is one. */
  readonly path?: string;
}

export type FlinkKind = 'FlinkDeployment' | 'FlinkBlueGreenDeployment';
export const FLINK_KINDS: readonly FlinkKind[] = ['FlinkDeployment', 'FlinkBlueGreenDeployment'];

/** The operator's reaction to one object. */
export interface ObjectChange {
  readonly kind: FlinkKind;
  /** As written; `undefined` when the manifest has no namespace (matched literally, not as "default"). */
  readonly namespace: string | undefined;
  readonly name: string;
  readonly impact: Impact;
  /** Path of the reason that decided the impact (absent for IGNORE without changes, CREATE, DELETE). */
  readonly decidedBy?: string;
  /** Every changed field, including those the operator ignores. Empty when nothing changed. */
  readonly reasons: readonly Reason[];
  readonly dangers: readonly Danger[];
  /** Operator behaviour worth knowing about this change that is neither a reason nor a danger. */
  readonly notes: readonly string[];
}

/** The result of comparing one object, before identity and dangers are attached. */
export interface Classification<I extends Impact = Impact> {
  readonly impact: I;
  readonly decidedBy?: string;
  readonly reasons: readonly Reason[];
  readonly notes: readonly string[];
}
