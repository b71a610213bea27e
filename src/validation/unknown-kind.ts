import type { OperatorVersion } from '../operator-version';
import { FLINK_API_VERSION, FLINK_KINDS } from './crd';
import { pointer, type Finding } from './finding';
import { finding, show } from './rule';

const KNOWN = Object.keys(FLINK_KINDS);

/** A known kind the user probably meant: same letters in another case, or without the `Flink` prefix. */
function meant(kind: string): string | undefined {
  const k = kind.toLowerCase().replace(/[^a-z]/g, '');
  return KNOWN.find((x) => x.toLowerCase() === k || x.toLowerCase() === `flink${k}` || `${x.toLowerCase()}s` === k);
}

/**
 * An object of group flink.apache.org whose kind the operator has no CRD for is refused by the API
 * server ("no matches for kind"); saying nothing about it would be a false all-clear.
 */
export function unknownFlinkKind(doc: Record<string, unknown>, version: OperatorVersion): Finding[] {
  const apiVersion = doc.apiVersion;
  if (typeof apiVersion !== 'string' || !apiVersion.startsWith('flink.apache.org/')) return [];
  const kind = doc.kind;
  const guess = typeof kind === 'string' ? meant(kind) : undefined;
  return [
    finding('FLINK-UNKNOWN-KIND', {
      path: pointer('kind'),
      value: kind,
      message: `kind ${show(kind)} of ${apiVersion} is not a kind of the Flink Kubernetes Operator ${version.id} (it serves ${KNOWN.join(', ')}): the API server refuses the object and nothing here checked it`,
      fix: guess ? `write kind: ${guess}` : `use one of ${KNOWN.join(', ')} with apiVersion ${FLINK_API_VERSION}, or move the object to its own API group`,
    }),
  ];
}
