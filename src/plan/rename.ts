/**
 * Spotting renames: the operator has no notion of one. A new name is a new resource — the old
 * job is deleted (its state with it) and the new one starts from scratch — so a DELETE and a
 * CREATE of the same kind with a similar spec deserve a warning.
 */
import { isPlainObject } from './diff-fields';
import { templateSpecOf } from './blue-green-diff';
import type { ManifestObject } from './manifest';

/** Minimum share of equal leaves for two specs to count as "the same job". */
export const RENAME_SIMILARITY = 0.6;

function flinkSpecOf(o: ManifestObject): unknown {
  return o.kind === 'FlinkDeployment' ? o.body.spec : templateSpecOf(o.body);
}

/** Leaf path → JSON text, the unit of comparison. */
function leaves(v: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) leaves(x, `${path}/${k}`, out);
  else if (Array.isArray(v)) v.forEach((x, i) => leaves(x, `${path}/${i}`, out));
  else if (v !== undefined && v !== null) out.set(path, JSON.stringify(v));
  return out;
}

function jobIdentity(spec: unknown): string | undefined {
  const job = isPlainObject(spec) && isPlainObject(spec.job) ? spec.job : undefined;
  if (!job || typeof job.jarURI !== 'string') return undefined;
  return `${job.jarURI}\u0000${typeof job.entryClass === 'string' ? job.entryClass : ''}`;
}

/**
 * Similarity of two objects in [0, 1]: the share of equal leaves of their Flink specs; the same
 * job jar and entry class count as a match on their own (a rename usually keeps the code).
 */
export function similarity(a: ManifestObject, b: ManifestObject): number {
  if (a.kind !== b.kind) return 0;
  const sa = flinkSpecOf(a);
  const sb = flinkSpecOf(b);
  const ja = jobIdentity(sa);
  if (ja !== undefined && ja === jobIdentity(sb)) return 1;
  const la = leaves(sa);
  const lb = leaves(sb);
  const keys = new Set([...la.keys(), ...lb.keys()]);
  if (keys.size === 0) return 0;
  let equal = 0;
  for (const k of keys) if (la.get(k) === lb.get(k)) equal++;
  return equal / keys.size;
}

export interface RenamePair {
  readonly deleted: ManifestObject;
  readonly created: ManifestObject;
  readonly score: number;
}

/** Pairs deleted with created objects, most similar first, each object in at most one pair. */
export function detectRenames(deleted: readonly ManifestObject[], created: readonly ManifestObject[]): RenamePair[] {
  const candidates: RenamePair[] = [];
  for (const d of deleted) {
    for (const c of created) {
      const score = similarity(d, c);
      if (score >= RENAME_SIMILARITY) candidates.push({ deleted: d, created: c, score });
    }
  }
  candidates.sort((x, y) => y.score - x.score);
  const usedD = new Set<ManifestObject>();
  const usedC = new Set<ManifestObject>();
  const out: RenamePair[] = [];
  for (const p of candidates) {
    if (usedD.has(p.deleted) || usedC.has(p.created)) continue;
    usedD.add(p.deleted);
    usedC.add(p.created);
    out.push(p);
  }
  return out;
}
