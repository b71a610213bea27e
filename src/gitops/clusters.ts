/**
 * GitOps applications per cluster, for output written by `writeKustomizeLayout` with named
 * clusters (`clusters/<cluster>/overlays/<env>`): one Argo CD Application and one Flux
 * Kustomization per cluster, each carrying the gate ConfigMap rules of the jobs in that cluster.
 */
import { argocdApplicationDiffSettings, type GateConfigMapRef } from './argocd';
import { fluxKustomization, type FluxKustomizationOptions } from './flux';
import type { CutoverMode } from './gate-configmap';

export interface ClusterApplicationOptions {
  /** The cluster's name, as in `ClusterTarget.of({ cluster })` and as Argo CD knows it (`destination.name`). */
  readonly cluster: string;
  /** Path of the cluster's overlay in the repository, e.g. `deploy/clusters/eu-west-1/overlays/production`. */
  readonly path: string;
  /** The repository (Argo CD `repoURL`). */
  readonly repoURL: string;
  /** @default 'main' */
  readonly targetRevision?: string;
  /** The gate ConfigMaps of the jobs that run in this cluster. */
  readonly gateConfigMaps: readonly GateConfigMapRef[];
  /** @default 'scheduled' */
  readonly cutover?: CutoverMode;
  /** Argo CD project. @default 'default' */
  readonly project?: string;
  /** Flux source of the repository. */
  readonly fluxSourceRef: FluxKustomizationOptions['sourceRef'];
}

/**
 * An Argo CD Application for one cluster: automated sync with prune (a cluster the last cutover
 * left gets an empty overlay, and prune removes the old colour), and the ignore rules for what the
 * gate writes at run time in that cluster's gate ConfigMaps.
 */
export function argocdClusterApplication(opts: ClusterApplicationOptions) {
  const diff = argocdApplicationDiffSettings({ gateConfigMaps: opts.gateConfigMaps, cutover: opts.cutover ?? 'scheduled' });
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: `flink-jobs-${opts.cluster}`, namespace: 'argocd' },
    spec: {
      project: opts.project ?? 'default',
      source: { repoURL: opts.repoURL, targetRevision: opts.targetRevision ?? 'main', path: opts.path },
      destination: { name: opts.cluster },
      syncPolicy: { automated: { prune: true, selfHeal: true }, ...(diff.syncOptions.length ? { syncOptions: diff.syncOptions } : {}) },
      ...(diff.ignoreDifferences.length ? { ignoreDifferences: diff.ignoreDifferences } : {}),
    },
  } as const;
}

/** A Flux Kustomization for one cluster (applied by that cluster's Flux), waiting on our health checks. */
export function fluxClusterKustomization(opts: ClusterApplicationOptions) {
  return fluxKustomization({ name: `flink-jobs-${opts.cluster}`, path: `./${opts.path.replace(/^\.?\//, '')}`, sourceRef: opts.fluxSourceRef });
}
