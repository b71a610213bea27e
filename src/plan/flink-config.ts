/**
 * flinkConfiguration as the operator compares it. The CRD accepts flat dotted keys and nested YAML
 * (`ConfigObjectNode`); the spec diff first flattens both sides (`ConfigObjectNode.asFlatMap`), so
 * `a: {b: 1}` and `a.b: "1"` are the same configuration to the diff, and every flattened key is
 * classified on its own by prefix (`@SpecDiff.Config` on `AbstractFlinkSpec.flinkConfiguration`).
 */
import type { DiffType } from './impact';
import { isPlainObject } from './diff-fields';

export type DeploymentMode = 'NATIVE' | 'STANDALONE';

/** Jackson's `JsonNode.asText()` for a scalar: numbers and booleans by their text, containers as "". */
function asText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return '';
  return String(v);
}

/**
 * Flattens like `ConfigObjectNode.asFlatMap`: nested keys joined with `.`, an array becomes its
 * elements' text joined with `;` (an empty array yields no key), scalars become their text.
 */
export function flattenFlinkConfiguration(conf: unknown): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  if (!isPlainObject(conf)) return out;
  const visit = (node: unknown, key: string): void => {
    if (isPlainObject(node)) {
      for (const [k, v] of Object.entries(node)) visit(v, key === '' ? k : `${key}.${k}`);
    } else if (Array.isArray(node)) {
      if (node.length > 0) out.set(key, node.map(asText).join(';'));
    } else {
      out.set(key, asText(node));
    }
  };
  visit(conf, '');
  return out;
}

/**
 * The `@SpecDiff.Entry` list on `AbstractFlinkSpec.flinkConfiguration`, in declaration order; the
 * first entry whose prefix matches (plain `startsWith`, no dot boundary) and whose mode applies wins.
 */
const CONFIG_ENTRIES: readonly { readonly prefix: string; readonly type: DiffType; readonly mode?: DeploymentMode }[] = [
  { prefix: 'job.autoscaler', type: 'IGNORE' },
  { prefix: 'parallelism.default', type: 'IGNORE' },
  { prefix: 'kubernetes.operator', type: 'IGNORE' },
  { prefix: 'pipeline.jobvertex-parallelism-overrides', type: 'SCALE', mode: 'NATIVE' },
];

/** How the operator classifies a change of one flattened flinkConfiguration key. */
export function configKeyDiffType(key: string, mode: DeploymentMode): DiffType {
  for (const e of CONFIG_ENTRIES) {
    if (e.mode !== undefined && e.mode !== mode) continue;
    if (key.startsWith(e.prefix)) return e.type;
  }
  return 'UPGRADE';
}

/** Explains a flinkConfiguration classification in one phrase, for the reasons. */
export function configKeyNote(key: string, mode: DeploymentMode): string | undefined {
  for (const e of CONFIG_ENTRIES) {
    if (e.mode !== undefined && e.mode !== mode) continue;
    if (key.startsWith(e.prefix)) {
      return e.type === 'IGNORE'
        ? `keys starting with "${e.prefix}" are ignored by the spec diff`
        : `keys starting with "${e.prefix}" are a rescale in ${e.mode ?? 'any'} mode`;
    }
  }
  return undefined;
}
