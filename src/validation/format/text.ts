import { show } from '../rule';
import { counts, kindsSummary, type Report } from './report';

/** For people: grouped by file, one block per finding, a summary line. */
export function formatText(report: Report): string {
  const lines: string[] = [];
  const byFile = new Map<string, Report['findings'][number][]>();
  for (const f of report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, fs] of byFile) {
    lines.push(file);
    for (const f of fs) {
      const loc = f.line !== undefined ? `:${f.line}${f.column !== undefined ? `:${f.column}` : ''}` : '';
      lines.push(`  ${f.severity}[${f.rule}] ${f.kind ?? '?'}/${f.name ?? '?'} (document ${f.document}${loc ? `, line ${loc.slice(1)}` : ''})`);
      lines.push(`    path    ${f.path || '/'}`);
      if (f.value !== undefined) lines.push(`    value   ${show(f.value)}`);
      lines.push(`    problem ${f.message}`);
      if (f.operatorMessage) lines.push(`    operator says "${f.operatorMessage}"`);
      lines.push(`    fix     ${f.fix}`);
    }
    lines.push('');
  }
  const c = counts(report.findings);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const kinds = report.kindsChecked ? `: ${kindsSummary(report.kindsChecked) || 'no Flink objects'}` : '';
  // "in N files" counts the files with findings; with none it would read "in 0 files" beside the files checked.
  const where = c.files > 0 ? ` in ${plural(c.files, 'file')}` : '';
  lines.push(`${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}${where} (${plural(report.filesChecked, 'file')} checked${kinds})`);
  return lines.join('\n');
}
