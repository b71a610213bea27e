/**
 * Argo CD settings for our output: Lua health checks for the Flink kinds (as an `argocd-cm`
 * patch) and the diff rules that keep Argo CD from fighting the gate over the gate ConfigMap.
 * Why each rule looks the way it does: docs/gitops.md.
 */
import { CutoverMode, GATE_CONFIGMAP_LABEL, gateRuntimeJsonPointers, gateRuntimeKeys } from './gate-configmap';
import { HEALTH_LUA } from './health/scripts.generated';
import { FLINK_GROUP, HEALTH_CHECKED_KINDS, HealthCheckedKind } from './kinds';

/** A plain ConfigMap manifest (no cdk8s dependency, so it can be written anywhere). */
export interface ConfigMapManifest {
  readonly apiVersion: 'v1';
  readonly kind: 'ConfigMap';
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
  };
  readonly data: Readonly<Record<string, string>>;
}

/** One entry of an Application's `spec.ignoreDifferences` (same shape in argocd-cm). */
export interface ArgoCdIgnoreDifference {
  readonly group: string;
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly jsonPointers?: readonly string[];
  readonly jqPathExpressions?: readonly string[];
}

/** The Lua health script for a kind, exactly as in src/gitops/health/<kind>.lua. */
export function argocdHealthLua(kind: HealthCheckedKind): string {
  const info = HEALTH_CHECKED_KINDS.find((k) => k.kind === kind);
  const lua = info && HEALTH_LUA[info.luaFile];
  if (lua === undefined) throw new Error(`no Argo CD health script for ${kind}`);
  return lua;
}

/** `resource.customizations.health.<group>_<Kind>`: the split-key form argocd-cm accepts. */
export function argocdHealthKey(kind: HealthCheckedKind): string {
  return `resource.customizations.health.${FLINK_GROUP}_${kind}`;
}

/**
 * argocd-cm key for the system-level ignore rule on ConfigMaps. Core-group kinds are written
 * without a group and without `_` (Argo CD turns `<group>_<Kind>` into `<group>/<Kind>` and
 * looks core kinds up as plain `ConfigMap`; `_ConfigMap` would never match).
 */
export const ARGOCD_CONFIGMAP_IGNORE_KEY = 'resource.customizations.ignoreDifferences.ConfigMap';

/**
 * jq path expressions selecting the runtime-written keys of gate ConfigMaps only. argocd-cm rules
 * cannot be scoped by name, so they select on the label the constructs put on gate ConfigMaps;
 * Argo CD evaluates them as `del(<expr>)`, which deletes nothing for other ConfigMaps.
 */
export function gateJqPathExpressions(mode: CutoverMode): readonly string[] {
  return gateRuntimeKeys(mode).map(
    (k) => `select(.metadata.labels["${GATE_CONFIGMAP_LABEL}"] == "true") | .data["${k}"]`,
  );
}

export interface ArgoCdCmPatchOptions {
  /** Namespace Argo CD is installed in. Default `argocd`. */
  readonly namespace?: string;
  /**
   * Also add the system-level ignore rule for gate ConfigMaps (manifest-wired mode). Omit when
   * you use the Application-level rule from {@link argocdApplicationDiffSettings} instead.
   */
  readonly gateCutover?: CutoverMode;
}

/**
 * A patch for `argocd-cm` adding our health checks (and optionally the gate ignore rule).
 * Apply with `kubectl -n argocd patch configmap argocd-cm --patch-file <file>`: a strategic
 * merge patch on a ConfigMap adds/replaces these data keys and keeps all others.
 */
export function argocdCmPatch(opts: ArgoCdCmPatchOptions = {}): ConfigMapManifest {
  const data: Record<string, string> = {};
  for (const { kind } of HEALTH_CHECKED_KINDS) data[argocdHealthKey(kind)] = argocdHealthLua(kind);
  if (opts.gateCutover !== undefined) {
    data[ARGOCD_CONFIGMAP_IGNORE_KEY] = jqListYaml(gateJqPathExpressions(opts.gateCutover));
  }
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'argocd-cm',
      namespace: opts.namespace ?? 'argocd',
      labels: { 'app.kubernetes.io/name': 'argocd-cm', 'app.kubernetes.io/part-of': 'argocd' },
    },
    data,
  };
}

// The value of an argocd-cm ignoreDifferences key is itself YAML. Written by hand (not with a
// YAML library) so the output is byte-stable; every expression is single-quoted, with ' doubled.
function jqListYaml(exprs: readonly string[]): string {
  return ['jqPathExpressions:', ...exprs.map((e) => `- '${e.replace(/'/g, "''")}'`)].join('\n') + '\n';
}

export interface GateConfigMapRef {
  readonly name: string;
  readonly namespace?: string;
}

export interface ArgoCdApplicationDiffOptions {
  /** The gate ConfigMaps in the Application (`<job>-configmap`). */
  readonly gateConfigMaps: readonly GateConfigMapRef[];
  readonly cutover: CutoverMode;
  /**
   * Add `RespectIgnoreDifferences=true`. Off by default: it makes every sync keep the live
   * `stage`, so Git can never reset it (a CLEAR_TO_TEARDOWN left by one cutover is still there
   * when the next one starts), and with `Replace=true` (dynamic mode) it would copy the previous
   * toggle into the replacement. Refused together with dynamic mode.
   */
  readonly respectIgnoreDifferences?: boolean;
}

export interface ArgoCdApplicationDiffSettings {
  /** Goes to the Application's `spec.ignoreDifferences`. */
  readonly ignoreDifferences: readonly ArgoCdIgnoreDifference[];
  /** Goes to the Application's `spec.syncPolicy.syncOptions`. */
  readonly syncOptions: readonly string[];
}

/**
 * Application-level diff settings for the gate ConfigMaps: name-scoped JSON-pointer rules for the
 * runtime-written keys, so the gate's writes neither mark the app OutOfSync nor trigger selfHeal.
 */
export function argocdApplicationDiffSettings(opts: ArgoCdApplicationDiffOptions): ArgoCdApplicationDiffSettings {
  if (opts.respectIgnoreDifferences && opts.cutover === 'dynamic') {
    throw new Error(
      'RespectIgnoreDifferences=true cannot be combined with a dynamic cutover: the Replace=true sync of the gate ' +
        'ConfigMap would carry the previous watermark toggle into the new cutover',
    );
  }
  const jsonPointers = gateRuntimeJsonPointers(opts.cutover);
  const ignoreDifferences = opts.gateConfigMaps.map((cm) => ({
    group: '',
    kind: 'ConfigMap',
    name: cm.name,
    ...(cm.namespace !== undefined ? { namespace: cm.namespace } : {}),
    jsonPointers,
  }));
  const syncOptions: string[] = [];
  // Replace=true on the gate ConfigMap (dynamic mode) is only safe when Argo CD applies it just
  // for a Git change; otherwise any sync of the app would wipe the toggle mid-cutover.
  if (opts.cutover === 'dynamic') syncOptions.push('ApplyOutOfSyncOnly=true');
  if (opts.respectIgnoreDifferences) syncOptions.push('RespectIgnoreDifferences=true');
  return { ignoreDifferences, syncOptions };
}
