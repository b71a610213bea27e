/** Shared rendering of values and counts for the human-readable formats. */
import type { ObjectChange } from '../impact';
import { displayName } from '../manifest';

/** A value in one line: JSON, shortened; an absent field is shown as such, not as `null`. */
export function showValue(v: unknown, max = 80): string {
  if (v === undefined) return '(absent)';
  const s = JSON.stringify(v) ?? String(v);
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

export function objectTitle(c: ObjectChange): string {
  return `${c.kind} ${displayName(c)}`;
}

/** "2 TRANSITION, 1 IGNORE" in a fixed order of first appearance. */
export function impactCounts(changes: readonly ObjectChange[]): string {
  const counts = new Map<string, number>();
  for (const c of changes) counts.set(c.impact, (counts.get(c.impact) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}
