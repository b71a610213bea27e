import { isRecord } from './flink-config';

/**
 * How many objects of each kind of group flink.apache.org the input holds: the `validate`
 * summary shows it, so "0 errors" can be read against what was actually looked at.
 */
export function countFlinkKinds(docs: readonly unknown[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of docs) {
    if (!isRecord(d) || typeof d.apiVersion !== 'string' || !d.apiVersion.startsWith('flink.apache.org/')) continue;
    const kind = typeof d.kind === 'string' && d.kind !== '' ? d.kind : '(no kind)';
    out[kind] = (out[kind] ?? 0) + 1;
  }
  return out;
}
