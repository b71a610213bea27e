import type { OperatorVersion } from '../operator-version';
import { flattenConfig, isRecord, type FlatConfig } from './flink-config';
import { pointer } from './finding';

/**
 * A FlinkDeployment spec under check: either a FlinkDeployment's `spec` or the
 * `spec.template.spec` of a FlinkBlueGreenDeployment, with where it sits in the document.
 */
export interface SpecContext {
  readonly spec: Record<string, unknown>;
  /** Pointer segments of the spec within the document. */
  readonly base: readonly string[];
  /** The name the operator validates/deploys under (`<bg>-green` for a blue/green child). */
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly conf: FlatConfig;
  readonly version: OperatorVersion;
  /** True for the template of a FlinkBlueGreenDeployment. */
  readonly inBlueGreen: boolean;
}

export function specContext(
  spec: Record<string, unknown>,
  base: readonly string[],
  name: string | undefined,
  namespace: string | undefined,
  version: OperatorVersion,
  inBlueGreen: boolean,
  operatorDefaults?: ReadonlyMap<string, string>,
): SpecContext {
  const own = flattenConfig(spec.flinkConfiguration);
  // The operator validates its defaults merged under the job's configuration (DefaultValidator /
  // FlinkConfigManager); keys from the defaults have no source in the manifest.
  const conf: FlatConfig = operatorDefaults && operatorDefaults.size > 0 ? { values: new Map([...operatorDefaults, ...own.values]), sources: own.sources } : own;
  return { spec, base, name, namespace, conf, version, inBlueGreen };
}

/** Pointer to a field of the spec. */
export function at(ctx: SpecContext, ...segments: Array<string | number>): string {
  return pointer(...ctx.base, ...segments);
}

/** Pointer to a flinkConfiguration key as the user wrote it (flat key = one segment; nested = one per level). */
export function confAt(ctx: SpecContext, key: string): string {
  return pointer(...ctx.base, 'flinkConfiguration', ...(ctx.conf.sources.get(key) ?? [key]));
}

/** The first of the keys that is set, for pointing at it. */
export function firstSetKey(ctx: SpecContext, keys: readonly string[]): string | undefined {
  return keys.find((k) => ctx.conf.values.has(k));
}

export function obj(v: unknown): Record<string, unknown> | undefined {
  return isRecord(v) ? v : undefined;
}

/** Dotted, human form of a spec field: `spec.template.spec.job.parallelism`. */
export function field(ctx: SpecContext, ...segments: string[]): string {
  return [...ctx.base, ...segments].join('.');
}

/** Human form of a flinkConfiguration key. */
export function confField(ctx: SpecContext, key: string): string {
  return `${[...ctx.base, 'flinkConfiguration'].join('.')}["${key}"]`;
}
