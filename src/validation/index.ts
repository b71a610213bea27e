// Placeholder until the rule set lands: the constructs call validateDocument on their output.
import type { OperatorVersion } from '../operator-version';
import type { Finding } from './finding';
export * from './finding';
export interface ValidateOptions {
  readonly operatorVersion?: OperatorVersion;
}
export function validateDocument(_doc: unknown, _options?: ValidateOptions): Finding[] {
  return [];
}
