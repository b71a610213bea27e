import type { FlinkSpecProps } from './props';
import type { PropProblem } from '../prop-problem';

/**
 * A flinkConfiguration entry set by a typed prop. `aliases` are other keys Flink reads for the
 * same setting (old and new names), so a user setting any of them in the escape hatch is caught.
 */
export interface TypedConfigEntry {
  /** The typed prop that sets it, e.g. `checkpointsDir`: what error messages name. */
  readonly prop: string;
  /** The Flink configuration key written, e.g. `state.checkpoints.dir`. */
  readonly key: string;
  /** Other keys Flink reads for the same option (deprecated or newer names); `flinkConfiguration` must not set them either. */
  readonly aliases?: readonly string[];
  /** The value written, as Flink reads it (a string). */
  readonly value: string;
}

/** Keys that the gate or the operator own: the escape hatch must not set them (use the typed props). */
const CONSTRUCT_OWNED_PREFIXES = ['bluegreen.'];

/** The entries the typed props of a spec produce. */
export function typedConfigEntries(props: FlinkSpecProps): TypedConfigEntry[] {
  const out: TypedConfigEntry[] = [];
  if (props.taskSlots !== undefined) {
    out.push({ prop: 'taskSlots', key: 'taskmanager.numberOfTaskSlots', value: String(props.taskSlots) });
  }
  if (props.checkpointsDir !== undefined) {
    out.push({ prop: 'checkpointsDir', key: 'state.checkpoints.dir', aliases: ['execution.checkpointing.dir'], value: props.checkpointsDir });
  }
  if (props.savepointsDir !== undefined) {
    out.push({ prop: 'savepointsDir', key: 'state.savepoints.dir', aliases: ['execution.checkpointing.savepoint-dir'], value: props.savepointsDir });
  }
  if (props.checkpointInterval !== undefined) {
    out.push({ prop: 'checkpointInterval', key: 'execution.checkpointing.interval', value: props.checkpointInterval.toFlinkString() });
  }
  if (props.highAvailability !== undefined) {
    out.push({ prop: 'highAvailability', key: 'high-availability.type', aliases: ['high-availability'], value: props.highAvailability.type });
    out.push({ prop: 'highAvailability', key: 'high-availability.storageDir', value: props.highAvailability.storageDir });
  }
  if (props.jobManagerJvmOptions !== undefined) {
    out.push({ prop: 'jobManagerJvmOptions', key: 'env.java.opts.jobmanager', value: props.jobManagerJvmOptions });
  }
  return out;
}

/**
 * Merges typed entries with the user's escape hatch. The same key with the same value is fine;
 * a different value, or an alias of a typed setting, is a conflict reported with both sides.
 * Extra entries (e.g. the gate keys) are construct-owned and must not be set by the user at all.
 */
export function buildFlinkConfiguration(
  props: FlinkSpecProps,
  constructEntries: readonly TypedConfigEntry[] = [],
): { readonly configuration: Record<string, string>; readonly problems: PropProblem[] } {
  const problems: PropProblem[] = [];
  const user = props.flinkConfiguration ?? {};
  const configuration: Record<string, string> = {};

  for (const [key, value] of Object.entries(user)) {
    if (CONSTRUCT_OWNED_PREFIXES.some((p) => key.startsWith(p))) {
      problems.push({
        path: `flinkConfiguration.${key}`,
        message: `"${key}" is set by this construct (blue/green gate wiring); remove it from flinkConfiguration and use the gate and injection props`,
      });
      continue;
    }
    configuration[key] = value;
  }

  for (const entry of [...typedConfigEntries(props), ...constructEntries]) {
    for (const key of [entry.key, ...(entry.aliases ?? [])]) {
      const userValue = user[key];
      if (userValue === undefined) continue;
      if (key === entry.key && userValue === entry.value) continue;
      problems.push({
        path: `flinkConfiguration.${key}`,
        message:
          key === entry.key
            ? `flinkConfiguration["${key}"] = "${userValue}" conflicts with ${entry.prop} = "${entry.value}": set it in one place (prefer the ${entry.prop} prop)`
            : `flinkConfiguration["${key}"] = "${userValue}" sets the same thing as ${entry.prop} (rendered as "${entry.key}"): remove it from flinkConfiguration`,
      });
      delete configuration[key];
    }
    configuration[entry.key] = entry.value;
  }
  return { configuration: sortKeys(configuration), problems };
}

function sortKeys(map: Record<string, string>): Record<string, string> {
  // The default sort compares UTF-16 code units, as `<` does on strings. fromEntries, not
  // assignment: a key named "__proto__" stays a key.
  return Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k]]));
}
