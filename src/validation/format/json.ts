import type { Report } from './report';

/** `{"findings":[{file, document, kind, name, path, rule, severity, message, fix, ...}]}` */
export function formatJson(report: Report): string {
  const findings = report.findings.map((f) => {
    const o: Record<string, unknown> = {
      file: f.file, document: f.document, kind: f.kind, name: f.name, path: f.path,
      rule: f.rule, severity: f.severity, message: f.message, fix: f.fix,
    };
    if (f.value !== undefined) o.value = f.value;
    if (f.operatorMessage !== undefined) o.operatorMessage = f.operatorMessage;
    if (f.line !== undefined) o.line = f.line;
    if (f.column !== undefined) o.column = f.column;
    return o;
  });
  return JSON.stringify(report.kindsChecked ? { findings, checked: { files: report.filesChecked, kinds: report.kindsChecked } } : { findings }, null, 2);
}
