import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { writeGitOps } from './gitops.ts';

const dir = mkdtempSync(join(tmpdir(), 'consumer-gitops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the GitOps helpers write what the README says', () => {
  const { diff, kustomize } = writeGitOps(dir);
  expect(diff.ignoreDifferences.map((d) => [d.kind, d.name, d.jsonPointers])).toEqual([['ConfigMap', 'payments-ledger-configmap', ['/data/stage']]]);
  expect(readFileSync(join(dir, 'gitops', 'argocd-cm-patch.yaml'), 'utf8')).toContain('resource.customizations.health.flink.apache.org_FlinkBlueGreenDeployment');
  expect(readFileSync(join(dir, 'gitops', 'flux-kustomization.yaml'), 'utf8')).toContain('healthCheckExprs');
  expect(kustomize.length).toBeGreaterThan(0);
  expect(existsSync(join(dir, 'deploy', 'base', 'streaming', 'kustomization.yaml'))).toBe(true);
});
