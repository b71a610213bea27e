/**
 * A generic, schema-free deep diff of two JSON values into leaf changes addressed by JSON Pointer
 * (RFC 6901). The operator-specific classification is layered on top of it.
 */

import { escapeJsonPointerToken } from '../json-pointer';

/** One leaf that differs; `undefined` stands for an absent field or array element. */
export interface FieldChange {
  readonly path: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** Escapes one reference token: `~` → `~0`, `/` → `~1` (RFC 6901 §3). */
export function escapeToken(token: string): string {
  return escapeJsonPointerToken(token);
}

/** Appends reference tokens to a pointer. */
export function pointer(base: string, ...tokens: readonly (string | number)[]): string {
  return base + tokens.map((t) => '/' + escapeToken(String(t))).join('');
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural equality of JSON values; key order of objects does not matter, array order does. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  // NaN never appears in YAML-parsed manifests except from `.nan`; treat it as equal to itself.
  return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
}

/**
 * The leaves that differ between `a` and `b`, in a stable order (keys sorted). Objects and arrays
 * are descended into, so a reviewer sees `/spec/image` rather than "spec changed"; a value whose
 * type changes (object → string, array → absent) is reported whole at its own path.
 */
export function diffFields(a: unknown, b: unknown, base = ''): FieldChange[] {
  if (deepEqual(a, b)) return [];
  // An object or array that appears or vanishes is reported leaf by leaf too (when it has any).
  const container = (v: unknown): boolean => (isPlainObject(v) && Object.keys(v).length > 0) || (Array.isArray(v) && v.length > 0);
  if (a === undefined && container(b)) return diffFields(Array.isArray(b) ? [] : {}, b, base).map((c) => ({ ...c, from: undefined }));
  if (b === undefined && container(a)) return diffFields(a, Array.isArray(a) ? [] : {}, base).map((c) => ({ ...c, to: undefined }));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffFields(a[k], b[k], pointer(base, k)));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    const out: FieldChange[] = [];
    for (let i = 0; i < n; i++) out.push(...diffFields(a[i], b[i], pointer(base, i)));
    return out;
  }
  return [{ path: base, from: a, to: b }];
}
