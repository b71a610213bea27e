/**
 * The machine-readable plan. The contract is `{"changes":[{"kind","namespace","name","impact",
 * "reasons":[{"path","from","to"}],"warnings":[...]}]}`; the extra fields (`decidedBy`,
 * `errors`, `notes`, `dangers`, per-reason `type`/`note`) only add to it. JSON has no
 * "absent", so a missing namespace or a field that did not exist on one side is `null`.
 */
import type { ObjectChange, Reason } from '../impact';
import type { Plan } from '../plan';

const orNull = (v: unknown): unknown => (v === undefined ? null : v);

function reasonJson(r: Reason): Record<string, unknown> {
  return { path: r.path, from: orNull(r.from), to: orNull(r.to), ...(r.type ? { type: r.type } : {}), ...(r.note ? { note: r.note } : {}) };
}

function changeJson(c: ObjectChange): Record<string, unknown> {
  return {
    kind: c.kind,
    namespace: orNull(c.namespace),
    name: c.name,
    impact: c.impact,
    decidedBy: orNull(c.decidedBy),
    reasons: c.reasons.map(reasonJson),
    warnings: c.dangers.filter((d) => d.severity === 'warning').map((d) => d.message),
    errors: c.dangers.filter((d) => d.severity === 'error').map((d) => d.message),
    dangers: c.dangers.map((d) => ({ severity: d.severity, code: d.code, message: d.message, ...(d.path ? { path: d.path } : {}) })),
    notes: c.notes,
  };
}

export function formatJson(plan: Plan): string {
  const gates = (plan.gateConfigMaps ?? []).map((g) => ({
    namespace: orNull(g.namespace),
    name: g.name,
    impact: g.impact,
    keys: g.keys.map((k) => ({ key: k.key, from: orNull(k.from), to: orNull(k.to), meaning: k.meaning })),
    notes: g.notes,
  }));
  return JSON.stringify({ changes: plan.changes.map(changeJson), ...(gates.length > 0 ? { gateConfigMaps: gates } : {}) }, null, 2) + '\n';
}
