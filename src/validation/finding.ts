import { escapeJsonPointerToken } from '../json-pointer';

/** How bad a finding is: an error fails synth and `validate`; a warning is reported only. */
export type Severity = 'error' | 'warning';

/**
 * One problem in one document, in the shape of Kubernetes' field.Error: what rule, where
 * (a JSON Pointer into the document), the bad value, what was expected and how to fix it.
 */
export interface Finding {
  /** Stable rule id, e.g. `FLINK-NAME`. Part of the public contract: never renamed. */
  readonly rule: string;
  readonly severity: Severity;
  /**
   * JSON Pointer into the document (RFC 6901). A flinkConfiguration key is one segment:
   * `/spec/flinkConfiguration/bluegreen.gate.strategy`. For a missing required field, the
   * pointer of the missing field (or of its parent).
   */
  readonly path: string;
  /** What is wrong: names the bad value and what is expected. */
  readonly message: string;
  /** How to fix it, concretely. */
  readonly fix: string;
  /** The offending value, when there is one. */
  readonly value?: unknown;
  /** The operator's own message for the same problem, when it has one (users meet it at reconcile time). */
  readonly operatorMessage?: string;
}

/** Escapes one JSON Pointer segment (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function pointerSegment(segment: string | number): string {
  return escapeJsonPointerToken(segment);
}

/** Builds a JSON Pointer from segments. */
export function pointer(...segments: Array<string | number>): string {
  return segments.map((s) => '/' + pointerSegment(s)).join('');
}
