import { pointer, type Finding } from './finding';
import { isRecord } from './flink-config';
import { finding, findRule } from './rule';

/**
 * Inline suppression, kube-linter style: an annotation on the object
 * `flink.bluegreen/ignore-<RULE-ID>: "<why>"` silences that rule's warnings on that object.
 * The reason is mandatory so a review can see why. Errors cannot be suppressed: they describe
 * what the API server or the operator will reject, which no annotation changes.
 */
export const SUPPRESSION_PREFIX = 'flink.bluegreen/ignore-';

export function applySuppressions(doc: unknown, findings: readonly Finding[]): Finding[] {
  const annotations = isRecord(doc) && isRecord(doc.metadata) && isRecord(doc.metadata.annotations) ? doc.metadata.annotations : {};
  const suppressed = new Map<string, string>();
  const out: Finding[] = [];
  for (const [key, reason] of Object.entries(annotations)) {
    if (!key.startsWith(SUPPRESSION_PREFIX)) continue;
    const rule = key.slice(SUPPRESSION_PREFIX.length).toUpperCase();
    const at = () => pointer('metadata', 'annotations', key);
    const info = findRule(rule);
    if (!info) {
      out.push(finding('SUPPRESSION-UNKNOWN-RULE', { path: at(), value: rule, message: `"${key}" names no rule: "${rule}" is not a rule id`, fix: 'use a rule id from a finding, e.g. flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY' }));
      continue;
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      out.push(finding('SUPPRESSION-REASON', { path: at(), value: reason, message: `"${key}" has no reason: a suppression must say why the rule does not apply here`, fix: `set the annotation's value to the reason, e.g. "${key}": "the job jar is built with the client library (see build.gradle)"` }));
      continue;
    }
    if (info.severity === 'error') {
      out.push(finding('SUPPRESSION-NOT-ALLOWED', { path: at(), value: rule, message: `${rule} is an error (the API server or the operator would reject the object) and cannot be suppressed`, fix: `fix the manifest and remove "${key}"` }));
      continue;
    }
    suppressed.set(rule, reason);
  }
  return [...findings.filter((f) => !(f.severity === 'warning' && suppressed.has(f.rule))), ...out];
}
