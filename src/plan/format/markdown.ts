/**
 * The plan as a pull-request comment: a summary table (one row per object, the impact in bold),
 * then the details of every changed object, collapsed so long plans stay readable.
 */
import type { ObjectChange } from '../impact';
import type { Plan } from '../plan';
import { DURING_TRANSITION_NOTE, isUnchanged } from '../plan';
import { displayName } from '../manifest';
import { impactCounts, objectTitle, showValue } from './values';

/** Text inside a table cell: pipes and line breaks would end the cell. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Inline code that survives any content (a backtick inside gets a longer fence). */
function code(s: string): string {
  const fence = s.includes('`') ? '``' : '`';
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

function dangerSummary(c: ObjectChange): string {
  const e = c.dangers.filter((d) => d.severity === 'error').length;
  const w = c.dangers.filter((d) => d.severity === 'warning').length;
  return [e ? `${e} error${e > 1 ? 's' : ''}` : '', w ? `${w} warning${w > 1 ? 's' : ''}` : ''].filter(Boolean).join(', ');
}

function details(c: ObjectChange): string[] {
  const out = [`<details><summary>${escapeHtml(objectTitle(c))}: <b>${c.impact}</b></summary>`, ''];
  for (const d of c.dangers) out.push(`- **${d.severity === 'error' ? 'Error' : 'Warning'}:** ${d.message}`);
  if (c.dangers.length > 0) out.push('');
  if (c.reasons.length > 0) {
    out.push('| Field | From | To | Class |', '|---|---|---|---|');
    for (const r of c.reasons) {
      const decisive = r.path === c.decidedBy ? ' (decides)' : '';
      const cls = `${r.type ?? ''}${decisive}${r.note ? `: ${r.note}` : ''}`;
      out.push(`| ${cell(code(r.path))} | ${cell(code(showValue(r.from, 60)))} | ${cell(code(showValue(r.to, 60)))} | ${cell(cls)} |`);
    }
    out.push('');
  }
  for (const n of c.notes) out.push(`> ${n}`, '');
  out.push('</details>');
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function formatMarkdown(plan: Plan): string {
  const lines = ['### Flink operator plan', ''];
  if (plan.changes.length === 0 && !plan.gateConfigMaps?.length) return lines.concat('No FlinkDeployment or FlinkBlueGreenDeployment objects found.', '').join('\n');
  lines.push(`${plan.changes.length} Flink object(s): ${impactCounts(plan.changes)}.`, '');
  lines.push('| Object | Kind | Impact | Decided by | Dangers |', '|---|---|---|---|---|');
  for (const c of plan.changes) {
    lines.push(`| ${cell(code(displayName(c)))} | ${c.kind} | **${c.impact}** | ${c.decidedBy ? cell(code(c.decidedBy)) : ''} | ${dangerSummary(c)} |`);
  }
  const changed = plan.changes.filter((c) => !isUnchanged(c));
  for (const c of changed) lines.push('', ...details(c));
  for (const g of plan.gateConfigMaps ?? []) {
    lines.push('', `**Gate ConfigMap ${code(displayName(g))}: ${g.impact}**`, '');
    if (g.keys.length > 0) {
      lines.push('| Key | From | To | What the gate does |', '|---|---|---|---|');
      for (const k of g.keys) lines.push(`| ${cell(code(k.key))} | ${cell(code(showValue(k.from, 60)))} | ${cell(code(showValue(k.to, 60)))} | ${cell(k.meaning)} |`);
      lines.push('');
    }
    for (const n of g.notes) lines.push(`> ${n}`, '');
  }
  if (plan.changes.some((c) => c.kind === 'FlinkBlueGreenDeployment' && !['IGNORE', 'CREATE', 'DELETE'].includes(c.impact))) {
    lines.push('', `> **Note:** ${DURING_TRANSITION_NOTE}`);
  }
  return lines.join('\n') + '\n';
}
