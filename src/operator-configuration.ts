import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { IConstruct } from 'constructs';
import { flattenConfig, isRecord } from './validation/flink-config';

/** Thrown when an operator configuration file cannot be read as one. */
export class OperatorConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperatorConfigurationError';
  }
}

/** Key prefixes of the operator's scoped defaults (`KubernetesOperatorConfigOptions`). */
const DEFAULT_CONF_PREFIX = 'kubernetes.operator.default-configuration.';
const NAMESPACE_PREFIX = `${DEFAULT_CONF_PREFIX}namespace.`;
const VERSION_PREFIX = `${DEFAULT_CONF_PREFIX}flink-version.`;
const VERSION_KEY = /^kubernetes\.operator\.default-configuration\.flink-version\.v(\d+)_(\d+)(\+)?\./;

/** Context key under which a platform team sets the operator's configuration once per app or chart. */
export const OPERATOR_CONFIGURATION_CONTEXT = 'flink.bluegreen/operator-configuration';

function parseVersion(v: string | undefined): [number, number] | undefined {
  const m = v === undefined ? null : /^v(\d+)_(\d+)$/.exec(v);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function atLeast(a: [number, number], b: [number, number]): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]);
}

/**
 * The operator's default configuration: the `flink-conf.yaml` / `config.yaml` the operator loads
 * (`FlinkConfigManager`, from the Helm chart's `defaultConfiguration`), which it merges **under** every
 * FlinkDeployment's `flinkConfiguration` before validating and deploying it (FLINK-27029;
 * `DefaultValidator.validateDeployment` checks the merged map).
 *
 * Precedence, as `FlinkConfigManager.getDefaultConfig(namespace, flinkVersion)` then the job:
 * 1. the plain keys;
 * 2. keys under `kubernetes.operator.default-configuration.namespace.<namespace>.` for the object's namespace;
 * 3. keys under `kubernetes.operator.default-configuration.flink-version.v<X>_<Y>+.` for every version
 *    up to the job's `flinkVersion`, oldest first, then `...flink-version.<flinkVersion>.`;
 * 4. the job's own `flinkConfiguration`.
 *
 * Give it to `validate --operator-config FILE`, or to the constructs once per app or chart with
 * {@link OperatorConfiguration.use}, so synthesis and `validate` judge the same merged view.
 */
export class OperatorConfiguration {
  /** No operator defaults: every rule sees the job's configuration only. */
  public static readonly NONE = new OperatorConfiguration(new Map());

  /** From flat (`a.b.c: v`) or nested (`a: {b: {c: v}}`) entries, as config.yaml allows. */
  public static fromEntries(entries: Readonly<Record<string, unknown>>): OperatorConfiguration {
    return new OperatorConfiguration(flattenConfig(entries).values);
  }

  /**
   * Parses an operator configuration file. Accepted: the operator's Helm values (a mapping with
   * `defaultConfiguration`, at the top or under an umbrella chart's dependency key, whose `config.yaml`
   * or `flink-conf.yaml` string is read; `config.yaml` wins when both are given, as Flink's
   * `GlobalConfiguration` prefers it), the operator's ConfigMap (`flink-operator-config`, `data` with the
   * same keys), a Flink `config.yaml` (nested or flat YAML), or a legacy `flink-conf.yaml` (one
   * `key: value` per line, `#` starts a comment; used when the file name ends in `flink-conf.yaml`).
   * @throws OperatorConfigurationError when the text is none of these.
   */
  public static parse(text: string, fileName = 'config.yaml'): OperatorConfiguration {
    if (basename(fileName).endsWith('flink-conf.yaml')) return new OperatorConfiguration(parseLegacyFlinkConf(text));
    let docs: unknown[];
    try {
      docs = yaml().parseAllDocuments(text).map((d) => {
        if (d.errors.length > 0) throw d.errors[0];
        return d.toJS() as unknown;
      });
    } catch (e) {
      throw new OperatorConfigurationError(`${fileName} is not YAML: ${(e as Error).message.split('\n')[0]}`);
    }
    // The operator's own ConfigMap (kubectl get configmap flink-operator-config -o yaml), possibly among other objects.
    const configMap = docs.find((d) => isRecord(d) && d.kind === 'ConfigMap' && isRecord(d.data) && (typeof d.data['config.yaml'] === 'string' || typeof d.data['flink-conf.yaml'] === 'string'));
    if (configMap) return OperatorConfiguration.parse(toValues((configMap as { data: Record<string, unknown> }).data), fileName);
    const doc = docs.find((d) => d !== null && d !== undefined);
    if (doc === null || doc === undefined) return OperatorConfiguration.NONE;
    if (docs.filter((d) => d !== null && d !== undefined).length > 1) throw new OperatorConfigurationError(`${fileName} holds several documents and none is a ConfigMap with config.yaml or flink-conf.yaml`);
    if (!isRecord(doc)) throw new OperatorConfigurationError(`${fileName} must be a mapping (Helm values with defaultConfiguration, or a Flink config.yaml), got ${Array.isArray(doc) ? 'a list' : typeof doc}`);
    // An umbrella chart's values hold the operator's under its dependency's name.
    const nested = 'defaultConfiguration' in doc ? undefined : Object.values(doc).find((v) => isRecord(v) && isRecord(v.defaultConfiguration));
    if (nested) return OperatorConfiguration.parse(toValues(nested as Record<string, unknown>), fileName);
    if ('defaultConfiguration' in doc) {
      const dc = doc.defaultConfiguration;
      if (!isRecord(dc)) throw new OperatorConfigurationError(`${fileName}: defaultConfiguration must be a mapping with "config.yaml" or "flink-conf.yaml"`);
      const modern = dc['config.yaml'];
      const legacy = dc['flink-conf.yaml'];
      if (typeof modern === 'string') return OperatorConfiguration.parse(modern, `${fileName}#defaultConfiguration.config.yaml`);
      if (typeof legacy === 'string') return new OperatorConfiguration(parseLegacyFlinkConf(legacy));
      throw new OperatorConfigurationError(`${fileName}: defaultConfiguration has neither a "config.yaml" nor a "flink-conf.yaml" string`);
    }
    return OperatorConfiguration.fromEntries(doc);
  }

  /** Reads and parses a file (see {@link OperatorConfiguration.parse}). @throws OperatorConfigurationError */
  public static fromFile(path: string): OperatorConfiguration {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new OperatorConfigurationError(`cannot read operator configuration ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return OperatorConfiguration.parse(text, path);
  }

  /**
   * Sets the configuration for every Flink construct below `scope` (call it on the App or a Chart
   * before adding children, once per platform): their synth-time validation then uses it.
   * @throws Error from constructs when `scope` already has children.
   */
  public static use(scope: IConstruct, configuration: OperatorConfiguration): void {
    scope.node.setContext(OPERATOR_CONFIGURATION_CONTEXT, Object.fromEntries(configuration.entries));
  }

  /** The configuration set with {@link OperatorConfiguration.use} on `scope` or above it, or NONE. */
  public static of(scope: IConstruct): OperatorConfiguration {
    const v: unknown = scope.node.tryGetContext(OPERATOR_CONFIGURATION_CONTEXT);
    if (v instanceof OperatorConfiguration) return v;
    if (isRecord(v)) return OperatorConfiguration.fromEntries(v);
    return OperatorConfiguration.NONE;
  }

  private constructor(public readonly entries: ReadonlyMap<string, string>) {}

  /** True when there are no entries. */
  public get isEmpty(): boolean {
    return this.entries.size === 0;
  }

  /**
   * The defaults the operator applies to one object, flat keys to text
   * (`FlinkConfigManager.getDefaultConfig`): plain keys, then the namespace's, then the Flink versions'.
   * @param namespace the object's `metadata.namespace`
   * @param flinkVersion the spec's `flinkVersion`, e.g. `v1_20`
   */
  public defaultsFor(namespace?: string, flinkVersion?: string): Map<string, string> {
    const out = new Map(this.entries);
    const apply = (prefix: string) => {
      for (const [k, v] of this.entries) if (k.startsWith(prefix) && k.length > prefix.length) out.set(k.slice(prefix.length), v);
    };
    if (namespace) apply(`${NAMESPACE_PREFIX}${namespace}.`);
    const target = parseVersion(flinkVersion);
    if (target) {
      const plus = new Map<string, [number, number]>();
      for (const k of this.entries.keys()) {
        const m = VERSION_KEY.exec(k);
        if (!m || !m[3]) continue;
        const v: [number, number] = [Number(m[1]), Number(m[2])];
        if (atLeast(target, v)) plus.set(`${VERSION_PREFIX}v${m[1]}_${m[2]}+.`, v);
      }
      const ordered = [...plus.entries()].sort(([, a], [, b]) => a[0] - b[0] || a[1] - b[1]);
      for (const [prefix] of ordered) apply(prefix);
      apply(`${VERSION_PREFIX}${flinkVersion}.`);
    }
    return out;
  }
}

/** Helm-values text holding `data` as `defaultConfiguration` (re-parsed by OperatorConfiguration.parse). */
function toValues(data: Record<string, unknown>): string {
  return yaml().stringify('defaultConfiguration' in data ? data : { defaultConfiguration: data });
}

/**
 * The YAML library, loaded on first use: a synth without an operator configuration file never
 * parses YAML, and loading the library (~290 kB of modules) cost every synth ~10 ms.
 */
function yaml(): typeof import('yaml') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml') as typeof import('yaml');
}

/**
 * Flink's legacy `flink-conf.yaml` reader (`GlobalConfiguration`, before config.yaml): line by line,
 * everything after `#` is a comment, `key: value` split at the first ": ", lines without one skipped.
 */
export function parseLegacyFlinkConf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.split('#', 1)[0].trim();
    if (line === '') continue;
    const i = line.indexOf(': ');
    if (i < 0) continue;
    const key = line.slice(0, i).trim();
    const value = line.slice(i + 2).trim();
    if (key === '' || value === '') continue;
    out.set(key, value);
  }
  return out;
}
