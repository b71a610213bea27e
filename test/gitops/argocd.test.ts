import { readFileSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  ARGOCD_CONFIGMAP_IGNORE_KEY,
  argocdApplicationDiffSettings,
  argocdCmPatch,
  argocdHealthLua,
} from '../../src/gitops/argocd';
import { gateConfigMapAnnotations, gateRuntimeJsonPointers } from '../../src/gitops/gate-configmap';

const lua = (f: string) => readFileSync(join(__dirname, '..', '..', 'src', 'gitops', 'health', f), 'utf8');

describe('argocd-cm patch', () => {
  it('carries the Lua files verbatim under resource.customizations.health.<group>_<Kind>', () => {
    const cm = argocdCmPatch();
    expect(cm.metadata.name).toBe('argocd-cm');
    expect(cm.metadata.namespace).toBe('argocd');
    expect(cm.data).toEqual({
      'resource.customizations.health.flink.apache.org_FlinkBlueGreenDeployment': lua('flinkbluegreendeployment.lua'),
      'resource.customizations.health.flink.apache.org_FlinkDeployment': lua('flinkdeployment.lua'),
    });
    expect(argocdHealthLua('FlinkDeployment')).toBe(lua('flinkdeployment.lua'));
  });

  it('survives a YAML round trip (block scalars keep the Lua byte for byte)', () => {
    const cm = argocdCmPatch({ namespace: 'gitops', gateCutover: 'scheduled' });
    expect(parse(stringify(cm))).toEqual(cm);
  });

  it('adds a label-scoped system-level ignore rule for gate ConfigMaps when asked', () => {
    expect(argocdCmPatch().data[ARGOCD_CONFIGMAP_IGNORE_KEY]).toBeUndefined();
    const scheduled = parse(argocdCmPatch({ gateCutover: 'scheduled' }).data[ARGOCD_CONFIGMAP_IGNORE_KEY]!);
    expect(scheduled).toEqual({
      jqPathExpressions: ['select(.metadata.labels["flink.bluegreen/gate-configmap"] == "true") | .data["stage"]'],
    });
    const dynamic = parse(argocdCmPatch({ gateCutover: 'dynamic' }).data[ARGOCD_CONFIGMAP_IGNORE_KEY]!);
    expect(dynamic.jqPathExpressions).toHaveLength(3);
    expect(ARGOCD_CONFIGMAP_IGNORE_KEY).toBe('resource.customizations.ignoreDifferences.ConfigMap');
  });
});

describe('Application-level diff settings for gate ConfigMaps', () => {
  it('scheduled cutover: ignore only /data/stage, name-scoped, no extra sync options', () => {
    const s = argocdApplicationDiffSettings({ gateConfigMaps: [{ name: 'orders-configmap', namespace: 'flink' }], cutover: 'scheduled' });
    expect(s.ignoreDifferences).toEqual([
      { group: '', kind: 'ConfigMap', name: 'orders-configmap', namespace: 'flink', jsonPointers: ['/data/stage'] },
    ]);
    expect(s.syncOptions).toEqual([]);
  });

  it('dynamic cutover: ignore the watermark keys too and apply only out-of-sync objects', () => {
    const s = argocdApplicationDiffSettings({ gateConfigMaps: [{ name: 'orders-configmap' }], cutover: 'dynamic' });
    expect(s.ignoreDifferences[0]!.jsonPointers).toEqual(['/data/stage', '/data/watermark-toggle-value', '/data/watermark-stage']);
    expect(s.ignoreDifferences[0]).not.toHaveProperty('namespace');
    expect(s.syncOptions).toEqual(['ApplyOutOfSyncOnly=true']);
  });

  it('RespectIgnoreDifferences is opt-in and refused with a dynamic cutover', () => {
    const s = argocdApplicationDiffSettings({ gateConfigMaps: [], cutover: 'scheduled', respectIgnoreDifferences: true });
    expect(s.syncOptions).toEqual(['RespectIgnoreDifferences=true']);
    expect(() =>
      argocdApplicationDiffSettings({ gateConfigMaps: [], cutover: 'dynamic', respectIgnoreDifferences: true }),
    ).toThrow(/Replace=true/);
  });

  it('escapes JSON pointers per RFC 6901', () => {
    expect(gateRuntimeJsonPointers('scheduled')).toEqual(['/data/stage']);
  });
});

describe('gate ConfigMap annotations', () => {
  it('Argo CD: nothing for a scheduled cutover, Replace=true for a dynamic one', () => {
    expect(gateConfigMapAnnotations({ tool: 'argocd', cutover: 'scheduled' })).toEqual({});
    expect(gateConfigMapAnnotations({ tool: 'argocd', cutover: 'dynamic' })).toEqual({ 'argocd.argoproj.io/sync-options': 'Replace=true' });
  });

  it('Flux: no ssa override for a scheduled cutover; dynamic cutover refused', () => {
    expect(gateConfigMapAnnotations({ tool: 'flux', cutover: 'scheduled' })).toEqual({});
    expect(() => gateConfigMapAnnotations({ tool: 'flux', cutover: 'dynamic' })).toThrow(/scheduled cutover/);
  });
});
