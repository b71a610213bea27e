import { pathToFileURL } from 'node:url';
import { RULES } from '../rule';
import type { Report } from './report';

/** SARIF 2.1.0, one run, the whole rule catalogue as the driver's rules. */
export function formatSarif(report: Report, toolVersion: string): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cdk8s-flink-bluegreen',
            version: toolVersion,
            informationUri: 'https://github.com/apache/flink-kubernetes-operator',
            rules: RULES.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              defaultConfiguration: { level: r.severity },
              properties: { operatorVersions: r.versions },
            })),
          },
        },
        results: report.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIndex.get(f.rule),
          level: f.severity,
          message: { text: `${f.kind ?? '?'}/${f.name ?? '?'} ${f.path || '/'}: ${f.message} Fix: ${f.fix}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUri(f.file) },
                ...(f.line !== undefined ? { region: { startLine: f.line, ...(f.column !== undefined ? { startColumn: f.column } : {}) } } : {}),
              },
              logicalLocations: [{ fullyQualifiedName: `${f.kind ?? '?'}/${f.name ?? '?'}${f.path}`, kind: 'object' }],
            },
          ],
          properties: { document: f.document, path: f.path, ...(f.operatorMessage ? { operatorMessage: f.operatorMessage } : {}) },
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

/** Relative paths stay relative (code-scanning UIs resolve them against the repo root). */
function toUri(file: string): string {
  if (file.startsWith('/')) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
