/** The plan for a terminal: one block per changed object, unchanged objects in one line. */
import type { Plan } from '../plan';
import { DURING_TRANSITION_NOTE, isUnchanged } from '../plan';
import { displayName } from '../manifest';
import { impactCounts, objectTitle, showValue } from './values';

export function formatText(plan: Plan): string {
  const lines: string[] = [];
  const changed = plan.changes.filter((c) => !isUnchanged(c));
  const unchanged = plan.changes.filter(isUnchanged);
  if (plan.changes.length === 0 && !plan.gateConfigMaps?.length) return 'No FlinkDeployment or FlinkBlueGreenDeployment objects found.\n';
  lines.push(`Plan: ${plan.changes.length} Flink object(s): ${impactCounts(plan.changes)}.`);

  for (const c of changed) {
    lines.push('', `${objectTitle(c)}: ${c.impact}`);
    if (c.decidedBy) lines.push(`  decided by ${c.decidedBy}`);
    for (const r of c.reasons) {
      const mark = r.path === c.decidedBy ? '*' : '~';
      const cls = r.type ? ` [${r.type}${r.note ? `: ${r.note}` : ''}]` : r.note ? ` [${r.note}]` : '';
      lines.push(`  ${mark} ${r.path}: ${showValue(r.from)} -> ${showValue(r.to)}${cls}`);
    }
    for (const d of c.dangers) lines.push(`  ${d.severity}: ${d.message}`);
    for (const n of c.notes) lines.push(`  note: ${n}`);
  }
  if (unchanged.length > 0) {
    lines.push('', `Unchanged (IGNORE): ${unchanged.map((c) => `${c.kind} ${displayName(c)}`).join(', ')}`);
  }
  for (const g of plan.gateConfigMaps ?? []) {
    lines.push('', `Gate ConfigMap ${displayName(g)}: ${g.impact}`);
    for (const k of g.keys) lines.push(`  ~ ${k.key}: ${showValue(k.from)} -> ${showValue(k.to)} [${k.meaning}]`);
    for (const n of g.notes) lines.push(`  note: ${n}`);
  }
  if (plan.changes.some((c) => c.kind === 'FlinkBlueGreenDeployment' && c.impact !== 'IGNORE' && c.impact !== 'CREATE' && c.impact !== 'DELETE')) {
    lines.push('', `Note: ${DURING_TRANSITION_NOTE}`);
  }
  const errors = plan.changes.reduce((n, c) => n + c.dangers.filter((d) => d.severity === 'error').length, 0);
  const warnings = plan.changes.reduce((n, c) => n + c.dangers.filter((d) => d.severity === 'warning').length, 0);
  if (errors + warnings > 0) lines.push('', `${errors} error(s), ${warnings} warning(s).`);
  return lines.join('\n') + '\n';
}
