import { OperatorVersion } from './operator-version';

/**
 * Annotation every Flink object our constructs emit carries: the operator build it was validated
 * for (`OperatorVersion.id`, e.g. `"1.15"`, `"flip-504"`). Jobs of one app may target different
 * builds, so `cdk8s-flink-bluegreen validate dist/` checks each object against the CRD and rules
 * of the build its annotation names; `--operator-version` overrides it for every object. The
 * operator ignores annotations it does not own, so the annotation changes nothing in the cluster.
 */
export const OPERATOR_VERSION_ANNOTATION = 'flink.bluegreen/operator-version';

/**
 * The annotations of an emitted Flink object: the user's, plus the operator-version stamp (ours
 * wins: the construct validated the object for that build, whatever the user wrote there).
 * `undefined` when the version is not an OperatorVersion (invalid props: the prop check reports it).
 */
export function stampedAnnotations(
  annotations: Readonly<Record<string, string>> | undefined,
  version: unknown,
): Record<string, string> | undefined {
  if (!(version instanceof OperatorVersion)) return annotations ? { ...annotations } : undefined;
  return { ...(annotations ?? {}), [OPERATOR_VERSION_ANNOTATION]: version.id };
}
