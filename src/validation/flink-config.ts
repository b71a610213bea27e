/**
 * The flattened view of `flinkConfiguration` the operator works with: nested YAML maps are
 * joined with `.`, lists with `;`, scalars as text (as the operator's ConfigObjectNode does),
 * plus the pointer of each flat key so findings point at what the user wrote.
 */
export interface FlatConfig {
  /** Flat key → text value. */
  readonly values: ReadonlyMap<string, string>;
  /** Flat key → JSON Pointer segments below `flinkConfiguration` (one per nesting level). */
  readonly sources: ReadonlyMap<string, readonly string[]>;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function scalarText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map((x) => scalarText(x) ?? '').join(';');
  if (typeof v === 'object') return undefined;
  return String(v);
}

/**
 * Flattened configurations of the input under check, by the configuration object: several rules
 * of one `validateDocuments` run (the document's own, gate RBAC, gate targets) read the same
 * `flinkConfiguration`. Only set inside `withFlatConfigCache`, where no document changes.
 */
let flattened: WeakMap<object, FlatConfig> | undefined;

/** Runs `fn` with flattenConfig remembering its answers per object (the input must not change meanwhile). */
export function withFlatConfigCache<T>(fn: () => T): T {
  if (flattened) return fn();
  flattened = new WeakMap();
  try {
    return fn();
  } finally {
    flattened = undefined;
  }
}

export function flattenConfig(conf: unknown): FlatConfig {
  if (!flattened || !isRecord(conf)) return flattenUncached(conf);
  let flat = flattened.get(conf);
  if (!flat) {
    flat = flattenUncached(conf);
    flattened.set(conf, flat);
  }
  return flat;
}

function flattenUncached(conf: unknown): FlatConfig {
  const values = new Map<string, string>();
  const sources = new Map<string, readonly string[]>();
  const walk = (node: Record<string, unknown>, prefix: string, segs: readonly string[]): void => {
    for (const [k, v] of Object.entries(node)) {
      const key = prefix ? `${prefix}.${k}` : k;
      const here = [...segs, k];
      if (isRecord(v)) {
        walk(v, key, here);
      } else {
        const text = scalarText(v);
        if (text === undefined) continue;
        values.set(key, text);
        sources.set(key, here);
      }
    }
  };
  if (isRecord(conf)) walk(conf, '', []);
  return { values, sources };
}

/** First present, non-blank value among the key and its deprecated fallbacks. */
export function getConfig(conf: FlatConfig, ...keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = conf.values.get(k);
    if (v !== undefined) return v;
  }
  return undefined;
}

export function isBlank(v: string | undefined): boolean {
  return v === undefined || v.trim() === '';
}

/** Flink's boolean parsing: only true/false (any case); anything else counts as the default. */
export function configBool(conf: FlatConfig, key: string, dflt: boolean): boolean {
  const v = conf.values.get(key)?.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  return dflt;
}

// Flink 1.20/2.x names with their deprecated 1.x names as fallbacks; either works on the operator.
export const CHECKPOINT_DIR_KEYS = ['execution.checkpointing.dir', 'state.checkpoints.dir'] as const;
export const SAVEPOINT_DIR_KEYS = ['execution.checkpointing.savepoint-dir', 'state.savepoints.dir'] as const;

/** HighAvailabilityMode.isHighAvailabilityModeActivated: `high-availability.type` (or legacy `high-availability`) not NONE. */
export function isHaActivated(conf: FlatConfig): boolean {
  const v = getConfig(conf, 'high-availability.type', 'high-availability');
  return v !== undefined && v.trim() !== '' && v.trim().toUpperCase() !== 'NONE';
}
