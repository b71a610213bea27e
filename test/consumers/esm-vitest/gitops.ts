// The README's GitOps snippets, as a user writes them: the exported helpers by name.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { App, Yaml } from 'cdk8s';
import { argocdApplicationDiffSettings, argocdCmPatch, fluxKustomization, writeKustomizeLayout } from 'cdk8s-flink-bluegreen';
import { buildApp } from './app.ts';

export function writeGitOps(dir: string): { diff: ReturnType<typeof argocdApplicationDiffSettings>; kustomize: string[] } {
  mkdirSync(join(dir, 'gitops'), { recursive: true });
  Yaml.save(join(dir, 'gitops', 'argocd-cm-patch.yaml'), [argocdCmPatch()]);
  Yaml.save(join(dir, 'gitops', 'flux-kustomization.yaml'), [
    fluxKustomization({ name: 'streaming', path: './dist', sourceRef: { kind: 'GitRepository', name: 'platform' } }),
  ]);
  const diff = argocdApplicationDiffSettings({
    gateConfigMaps: [{ name: 'payments-ledger-configmap', namespace: 'payments' }],
    cutover: 'scheduled',
  });
  const kustomize = writeKustomizeLayout({
    outdir: join(dir, 'deploy'),
    build: (app: App) => {
      buildApp(app);
    },
  });
  return { diff, kustomize };
}
