import { isRecord } from './flink-config';

/**
 * How many objects of each kind of group flink.apache.org the input holds: the `validate`
 * summary shows it, so "0 errors" can be read against what was actually looked at.
 */
export function countFlinkKinds(docs: readonly unknown[]): Record<string, number> {
  const out: Record<string, number> = {};
  // The items of a `kind: List` are objects of their own (kubectl's view; validate checks them).
  const objects = docs.flatMap((d) => (isRecord(d) && d.kind === 'List' && Array.isArray(d.items) ? d.items : [d]));
  for (const d of objects) {
    if (!isRecord(d) || typeof d.apiVersion !== 'string' || !d.apiVersion.startsWith('flink.apache.org/')) continue;
    const kind = typeof d.kind === 'string' && d.kind !== '' ? d.kind : '(no kind)';
    out[kind] = (out[kind] ?? 0) + 1;
  }
  return out;
}
