/**
 * What the API server keeps of a manifest for a given operator build: fields the target CRD does
 * not define are pruned when the object is stored, so the operator never sees them and a change to
 * them is no change at all (adding `jobManager.resources` on 1.15, or `spec.transitionMode` on a build
 * without FLIP-504). The fields come from the same CRD schema `validate` reports SCHEMA-UNKNOWN-FIELD with.
 */
import type { OperatorVersion } from '../operator-version';
import { schemaFindings } from '../validation/schema';
import { isPlainObject } from './diff-fields';
import type { FlinkKind } from './impact';

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The object as stored by an API server with the target's CRD, and the pointers of what was pruned. */
export function pruneForOperator(kind: FlinkKind, body: unknown, version: OperatorVersion): { readonly body: unknown; readonly pruned: readonly string[] } {
  if (!isPlainObject(body)) return { body, pruned: [] };
  const pruned = schemaFindings(body, version, kind)
    .filter((f) => f.rule === 'SCHEMA-UNKNOWN-FIELD')
    .map((f) => f.path)
    .sort();
  if (pruned.length === 0) return { body, pruned };
  const copy = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  for (const p of pruned) {
    const segs = p.split('/').slice(1).map(unescape);
    let node: unknown = copy;
    for (const s of segs.slice(0, -1)) node = isPlainObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[s] : undefined;
    if (isPlainObject(node)) delete node[segs[segs.length - 1]];
  }
  return { body: copy, pruned };
}
