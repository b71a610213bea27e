/**
 * What Flink itself refuses (or silently misreads) when the operator hands it the effective
 * configuration: checks the operator's admission does not make, so a manifest passes
 * `kubectl apply` and the job fails at deploy or start-up. All read the merged view (operator
 * defaults under the job's flinkConfiguration) and point at the job's manifest.
 */
import { at, confAt, confField, field, obj, type SpecContext } from '../context';
import type { Finding } from '../finding';
import { getConfig, isBlank, isHaActivated } from '../flink-config';
import { finding, show } from '../rule';
import { parseFlinkDuration } from '../../duration';

/**
 * Keys `FlinkConfMountDecorator.getClusterSideConfData` removes before writing the cluster's
 * config file, so they are not part of the Flink 2 overlap check.
 */
const REMOVED_BEFORE_WRITE = new Set(['kubernetes.config.file', '$internal.deployment.config-dir', 'rest.bind-address', 'jobmanager.bind-host', 'taskmanager.bind-host', 'taskmanager.host']);

/**
 * 1.x configuration names Flink 2 replaced, with the name Flink 2 reads (Flink's ConfigOption
 * definitions: the old names are deprecated keys in 1.x, and Flink 2.0 removed many deprecated
 * options). Several old names are dotted prefixes of their new ones, so on Flink 2 they also
 * trip the overlap check when the new key (or any key below it) is set as well.
 * `state.checkpoints.dir` / `state.savepoints.dir` are not listed: Flink 2 still reads them
 * (the operator's own Flink 2.2 example uses them).
 */
export const FLINK2_RENAMED_KEYS: Readonly<Record<string, string>> = {
  'high-availability': 'high-availability.type',
  'env.java.opts': 'env.java.opts.all',
  'state.backend': 'state.backend.type',
  'restart-strategy': 'restart-strategy.type',
  'state.checkpoint-storage': 'execution.checkpointing.storage',
  'kubernetes.jobmanager.cpu': 'kubernetes.jobmanager.cpu.amount',
  'kubernetes.taskmanager.cpu': 'kubernetes.taskmanager.cpu.amount',
  // Flink's memory migration guide maps the legacy heap options to the total process size on containers.
  'jobmanager.heap.size': 'jobmanager.memory.process.size',
  'jobmanager.heap.mb': 'jobmanager.memory.process.size',
  'taskmanager.heap.size': 'taskmanager.memory.process.size',
  'taskmanager.heap.mb': 'taskmanager.memory.process.size',
  'cluster.evenly-spread-out-slots': 'taskmanager.load-balance.mode',
};

/**
 * Keys the operator itself writes into the effective configuration (`FlinkConfigBuilder`): they
 * take part in the overlap check although the manifest does not show them, e.g. the legacy
 * `high-availability` key beside the `high-availability.cluster-id` the operator sets with HA.
 */
function operatorSetKeys(ctx: SpecContext): string[] {
  const keys = ['kubernetes.cluster-id', 'kubernetes.namespace', 'parallelism.default', 'execution.target'];
  if (isHaActivated(ctx.conf)) keys.push('high-availability.cluster-id');
  for (const [c, prefix] of [['jobManager', 'jobmanager'], ['taskManager', 'taskmanager']] as const) {
    const comp = obj(ctx.spec[c]);
    const res = obj(comp?.resource);
    const rr = obj(comp?.resources);
    const cpu = res?.cpu ?? obj(rr?.requests)?.cpu ?? obj(rr?.limits)?.cpu;
    const mem = res?.memory ?? obj(rr?.requests)?.memory ?? obj(rr?.limits)?.memory;
    if (cpu !== undefined && cpu !== null) keys.push(`kubernetes.${prefix}.cpu.amount`);
    if (mem !== undefined && mem !== null) keys.push(`${prefix}.memory.process.size`);
  }
  return keys;
}

/** Flink major version of `spec.flinkVersion` (`v2_0` → 2), or undefined. */
function flinkMajor(ctx: SpecContext): number | undefined {
  const v = ctx.spec.flinkVersion;
  const m = typeof v === 'string' ? /^v(\d+)_\d+$/.exec(v) : null;
  return m ? Number(m[1]) : undefined;
}

export function flinkRuntimeFindings(ctx: SpecContext): Finding[] {
  return [...flink2Keys(ctx), ...haStorageDir(ctx), ...memorySizes(ctx), ...durations(ctx), ...taskSlots(ctx)];
}

/** Flink `Duration` options a job commonly sets; Flink's `TimeUtils.parseDuration` refuses anything else. */
const DURATION_KEYS = [
  'execution.checkpointing.interval',
  'execution.checkpointing.timeout',
  'execution.checkpointing.min-pause',
  'restart-strategy.fixed-delay.delay',
  'restart-strategy.exponential-delay.initial-backoff',
  'restart-strategy.exponential-delay.max-backoff',
  'restart-strategy.failure-rate.delay',
  'restart-strategy.failure-rate.failure-rate-interval',
  'pipeline.auto-watermark-interval',
];

/**
 * Durations: Flink's `TimeUtils.parseDuration` takes an integer and a unit (ms, s, min, h, d and their
 * long forms; a bare number is milliseconds). ISO-8601 ("PT10S") and decimals ("1.5 min") fail when
 * the job starts.
 */
function durations(ctx: SpecContext): Finding[] {
  return DURATION_KEYS.filter((k) => ctx.conf.values.has(k) && parseFlinkDuration(ctx.conf.values.get(k)!) === undefined).map((k) => {
    const value = ctx.conf.values.get(k)!;
    return finding('FLINK-DURATION-CONFIG', {
      path: confAt(ctx, k), value,
      message: `${confField(ctx, k)} ${show(value)} is not a Flink duration: expected an integer and a unit such as "500 ms", "10 s", "5 min"`,
      fix: /^P/i.test(value.trim()) ? 'write it without ISO-8601, e.g. "10 s" for PT10S' : 'write it as e.g. "90 s" instead of a decimal',
      operatorMessage: `Could not parse value '${value}' for key '${k}'.`,
    });
  });
}

/** `taskmanager.numberOfTaskSlots` must be an integer of at least 1, or the TaskManagers do not start. */
function taskSlots(ctx: SpecContext): Finding[] {
  const k = 'taskmanager.numberOfTaskSlots';
  const v = ctx.conf.values.get(k);
  if (v === undefined || (/^\s*\d+\s*$/.test(v) && Number(v) >= 1)) return [];
  return [finding('FLINK-TASK-SLOTS', {
    path: confAt(ctx, k), value: v,
    message: `${confField(ctx, k)} is ${show(v)}: Flink needs an integer of at least 1`,
    fix: 'set it to the number of slots per TaskManager, e.g. "2"',
  })];
}

/**
 * Flink 2 writes the configuration as standard YAML (config.yaml), and the operator's
 * `FlinkConfMountDecorator.validateConfigKeysForV2` (FLINK-37405) throws
 * "Overlapping key prefixes detected (k1 -> k2)" when one key followed by "." starts another. The
 * operator admits the manifest; the deployment fails afterwards (on an upgrade, the old job is
 * already stopped).
 */
function flink2Keys(ctx: SpecContext): Finding[] {
  const major = flinkMajor(ctx);
  if (major === undefined || major < 2) return [];
  const out: Finding[] = [];
  const keys = [...ctx.conf.values.keys()].filter((k) => !REMOVED_BEFORE_WRITE.has(k)).sort();
  const added = operatorSetKeys(ctx).filter((k) => !ctx.conf.values.has(k));
  const overlapping = new Set<string>();
  for (const k1 of keys) {
    const longer = [...keys, ...added].filter((k2) => k2.startsWith(`${k1}.`)).map((k2) => (added.includes(k2) ? `${k2} (set by the operator)` : k2));
    if (longer.length === 0) continue;
    overlapping.add(k1);
    const renamed = FLINK2_RENAMED_KEYS[k1];
    out.push(finding('FLINK2-OVERLAPPING-KEYS', {
      path: confAt(ctx, k1),
      value: k1,
      message: `${confField(ctx, k1)} is a prefix of ${longer.map((k) => `"${k}"`).join(', ')}: Flink ${String(ctx.spec.flinkVersion)} writes config.yaml and the deployment fails after admission`,
      fix: renamed
        ? `rename "${k1}" to "${renamed}" (its Flink 2 name)`
        : `remove "${k1}" or the longer key${longer.length > 1 ? 's' : ''}; Flink 2 cannot hold a value at "${k1}" and keys below it`,
      operatorMessage: `Overlapping key prefixes detected (${k1} -> ${longer[0].replace(/ \(set by the operator\)$/, '')}), please replace with Flink v2 compatible, non-deprecated keys.`,
    }));
  }
  for (const [old, now] of Object.entries(FLINK2_RENAMED_KEYS)) {
    // Only what the manifest sets: the operator's defaults are the platform team's to migrate.
    if (!ctx.conf.sources.has(old) || overlapping.has(old)) continue;
    out.push(finding('FLINK2-RENAMED-KEY', {
      path: confAt(ctx, old),
      value: ctx.conf.values.get(old),
      message: `${confField(ctx, old)} is a deprecated Flink 1.x name: Flink ${String(ctx.spec.flinkVersion)} reads "${now}", and Flink 2.0 removed a number of deprecated names (a removed one is silently ignored)`,
      fix: `rename "${old}" to "${now}"${old.endsWith('.mb') ? ' and give the size a unit (the .mb option was in mebibytes)' : ''}`,
    }));
  }
  return out;
}

/**
 * HA services need a storage directory: `HighAvailabilityServicesUtils` (Kubernetes and ZooKeeper
 * HA) reads `high-availability.storageDir` as a mandatory option, and the JobManager fails to start
 * with "Configuration is missing the mandatory parameter: high-availability.storageDir".
 */
function haStorageDir(ctx: SpecContext): Finding[] {
  if (!isHaActivated(ctx.conf)) return [];
  if (!isBlank(getConfig(ctx.conf, 'high-availability.storageDir', 'high-availability.zookeeper.storageDir', 'recovery.zookeeper.storageDir'))) return [];
  const key = ctx.conf.values.has('high-availability.type') ? 'high-availability.type' : 'high-availability';
  return [finding('FLINK-HA-STORAGE-DIR', {
    path: confAt(ctx, key),
    value: ctx.conf.values.get(key),
    message: `high availability is on (${confField(ctx, key)} = ${show(ctx.conf.values.get(key))}) but high-availability.storageDir is not set: the JobManager fails at start-up`,
    fix: 'set flinkConfiguration["high-availability.storageDir"] to durable storage, e.g. s3://bucket/ha',
    operatorMessage: 'Configuration is missing the mandatory parameter: high-availability.storageDir',
  })];
}

/** Units Flink's `MemorySize.parse` accepts (`MemorySize.MemoryUnit`), case-insensitive. */
const MEMORY_UNITS = new Set(['', 'b', 'bytes', 'k', 'kb', 'kibibytes', 'm', 'mb', 'mebibytes', 'g', 'gb', 'gibibytes', 't', 'tb', 'tebibytes']);
const MEMORY_KEY = /^(jobmanager|taskmanager)\.memory\.[a-z.-]*(size|min|max)$/;

/** Flink's MemorySize syntax: a non-negative integer and an optional unit; undefined when it does not parse. */
export function flinkMemoryUnit(text: string): string | undefined {
  const m = /^\s*(\d+)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const unit = m[2].toLowerCase();
  return MEMORY_UNITS.has(unit) ? unit : undefined;
}

/**
 * Memory sizes: Flink's `MemorySize.parse` reads a number without a unit as **bytes**, so
 * `taskmanager.memory.process.size: "4096"` is 4 KiB (warning), and it refuses units it does not
 * know ("2GiB", "1.5g") at start-up (error). `resource.memory` without a unit is bytes too.
 */
function memorySizes(ctx: SpecContext): Finding[] {
  const out: Finding[] = [];
  for (const [key, value] of ctx.conf.values) {
    if (!MEMORY_KEY.test(key) || key.endsWith('.fraction')) continue;
    const unit = flinkMemoryUnit(value);
    if (unit === undefined) {
      out.push(finding('FLINK-MEMORY-SIZE-CONFIG', {
        path: confAt(ctx, key), value,
        message: `${confField(ctx, key)} ${show(value)} is not a Flink memory size: expected an integer and a unit b, k(b), m(b), g(b) or t(b); Flink refuses it at start-up`,
        fix: `write it as e.g. "${/^\s*[\d.]+\s*[a-zA-Z]*\s*$/.test(value) ? '1536m' : '2g'}"`,
        operatorMessage: `Could not parse value '${value}' for key '${key}'.`,
      }));
    } else if (unit === '' && value.trim() !== '0') {
      out.push(finding('FLINK-MEMORY-NO-UNIT', {
        path: confAt(ctx, key), value,
        message: `${confField(ctx, key)} is ${show(value)} without a unit: Flink reads it as ${value.trim()} bytes`,
        fix: `add the unit you mean, e.g. "${value.trim()}m"`,
      }));
    }
  }
  for (const c of ['jobManager', 'taskManager'] as const) {
    const mem = obj(obj(ctx.spec[c])?.resource)?.memory;
    if (typeof mem === 'string' && /^\s*\d+\s*$/.test(mem) && mem.trim() !== '0') {
      out.push(finding('FLINK-MEMORY-NO-UNIT', {
        path: at(ctx, c, 'resource', 'memory'), value: mem,
        message: `${field(ctx, c, 'resource', 'memory')} is ${show(mem)} without a unit: it is ${mem.trim()} bytes, too little for any JVM`,
        fix: `add the unit you mean, e.g. "${mem.trim()}m" or "${mem.trim()}Mi"`,
      }));
    }
  }
  return out;
}
