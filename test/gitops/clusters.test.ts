import { describe, expect, it } from 'vitest';
import { argocdClusterApplication, fluxClusterKustomization } from '../../src/gitops';

const opts = {
  cluster: 'eu-central-1',
  path: 'deploy/clusters/eu-central-1/overlays/production',
  repoURL: 'https://git.example.com/platform/flink-jobs.git',
  gateConfigMaps: [{ name: 'shipment-tracker-configmap', namespace: 'logistics' }],
  fluxSourceRef: { kind: 'GitRepository' as const, name: 'flink-jobs' },
};

describe('GitOps applications per cluster', () => {
  it('Argo CD: one Application per cluster, pruning, ignoring only the gate-written stage of its gate ConfigMaps', () => {
    const app = argocdClusterApplication(opts);
    expect(app.metadata.name).toBe('flink-jobs-eu-central-1');
    expect(app.spec.destination).toEqual({ name: 'eu-central-1' });
    expect(app.spec.source).toEqual({ repoURL: opts.repoURL, targetRevision: 'main', path: opts.path });
    expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(app.spec.ignoreDifferences).toEqual([{ group: '', kind: 'ConfigMap', name: 'shipment-tracker-configmap', namespace: 'logistics', jsonPointers: ['/data/stage'] }]);
  });

  it('Flux: one Kustomization per cluster at that cluster\'s overlay, with our health checks', () => {
    const k = fluxClusterKustomization(opts);
    expect(k.metadata.name).toBe('flink-jobs-eu-central-1');
    expect(k.spec.path).toBe('./deploy/clusters/eu-central-1/overlays/production');
    expect(k.spec.prune).toBe(true);
    expect(k.spec.healthCheckExprs.map((e) => e.kind)).toEqual(['FlinkBlueGreenDeployment', 'FlinkDeployment']);
  });
});
