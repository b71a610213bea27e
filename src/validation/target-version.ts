/**
 * Which operator build a document is checked against: `--operator-version` (or the caller's
 * `operatorVersion`) when given, else the `flink.bluegreen/operator-version` annotation our
 * constructs stamp on every Flink object, else `OperatorVersion.DEFAULT`.
 */
import { OPERATOR_VERSION_IDS, OperatorVersion } from '../operator-version';
import { OPERATOR_VERSION_ANNOTATION } from '../operator-version-annotation';
import { obj } from './context';
import { pointer, type Finding } from './finding';
import { finding, show } from './rule';

export function targetVersion(doc: Record<string, unknown>, given: OperatorVersion | undefined): { version: OperatorVersion; findings: Finding[] } {
  if (given) return { version: given, findings: [] };
  const stamped = obj(obj(doc.metadata)?.annotations)?.[OPERATOR_VERSION_ANNOTATION];
  if (stamped === undefined) return { version: OperatorVersion.DEFAULT, findings: [] };
  const found = OperatorVersion.all().find((v) => v.id === stamped);
  if (found) return { version: found, findings: [] };
  return {
    version: OperatorVersion.DEFAULT,
    findings: [
      finding('TARGET-OPERATOR-VERSION', {
        path: pointer('metadata', 'annotations', OPERATOR_VERSION_ANNOTATION),
        value: stamped,
        message: `the annotation names operator version ${show(stamped)}, which is not one this validator knows; checked against ${OperatorVersion.DEFAULT.id} instead`,
        fix: `set it to one of ${OPERATOR_VERSION_IDS.join(', ')} (or pass --operator-version to check every object against one build)`,
      }),
    ],
  };
}
