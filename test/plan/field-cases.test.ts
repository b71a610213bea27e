/**
 * plan as the operator behaves: field cases bg-savepoint-redeploy (FLINK-38867) and
 * bg-announcement-scenarios (the 1.14.0 announcement's e2e manifest), operator-version pruning,
 * and the gate ConfigMap of a manifest-wired cutover.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AgentInjection, BlueGreenFlinkJob, Colour, Cutover, Gate, OperatorVersion } from '../../src';
import type { LoadedDocument } from '../../src/io/load-documents';
import { compareObject, formatJson, formatMarkdown, formatText, planChanges } from '../../src/plan';
import { flinkObjects } from '../../src/plan/manifest';
import { baseSpec } from '../constructs/helpers';
import { bg, fd } from './builders';

const FC = resolve(__dirname, '../fixtures/field-cases');
const BIN = resolve(__dirname, '../../bin/cdk8s-flink-bluegreen.js');
const read = (dir: string, f: string) => parse(readFileSync(join(FC, dir, f), 'utf8'));
const id = { namespace: 'streaming', name: 'x' };

describe('field case bg-savepoint-redeploy (FLINK-38867)', () => {
  const c = compareObject('FlinkBlueGreenDeployment', read('bg-savepoint-redeploy', 'old.yaml'), read('bg-savepoint-redeploy', 'new.yaml'), id, { operatorVersion: OperatorVersion.V1_15 });
  it('is a SAVEPOINT_REDEPLOY the operator accepts: the new colour starts empty, the old one is deleted', () => {
    expect(c.impact).toBe('SAVEPOINT_REDEPLOY');
    const d = c.dangers.find((x) => x.code === 'savepoint-redeploy-without-path')!;
    expect(d.severity).toBe('error');
    expect(d.message).toContain('The operator accepts this (FLINK-38867)');
    expect(d.message).toContain('starts the new colour with empty state');
    expect(d.message).toContain('the old colour is deleted');
    expect(d.message).not.toMatch(/rejects/);
    expect(c.notes.join('\n')).toContain('without a savepoint (job.initialSavepointPath is empty), so with empty state');
  });

  it('the same change on a FlinkDeployment is rejected by the operator (DefaultValidator.validateSpecChange)', () => {
    const f = compareObject('FlinkDeployment', { spec: read('bg-savepoint-redeploy', 'old.yaml').spec.template.spec }, { spec: read('bg-savepoint-redeploy', 'new.yaml').spec.template.spec }, id);
    expect(f.dangers.find((x) => x.code === 'savepoint-redeploy-without-path')?.message).toContain('the operator rejects the FlinkDeployment');
  });
});

describe('field case bg-announcement-scenarios (stateless blue/green)', () => {
  const old = read('bg-announcement-scenarios', 'old.yaml');
  const cmp = (f: string) => compareObject('FlinkBlueGreenDeployment', old, read('bg-announcement-scenarios', f), id, { operatorVersion: OperatorVersion.V1_15 });
  it('(1) more slots: a TRANSITION, starting empty (stateless)', () => {
    const c = cmp('new-1-slots.yaml');
    expect(c.impact).toBe('TRANSITION');
    expect(c.dangers.map((d) => d.code)).toContain('stateless-loses-state');
  });
  it('(2) savepoint history: the active child is patched in place', () => {
    expect(cmp('new-2-history.yaml').impact).toBe('PATCH_CHILD');
  });
  it('(3) suspended: SUSPEND cancels without a savepoint and the resume starts empty', () => {
    const c = cmp('new-3-suspended.yaml');
    expect(c.impact).toBe('SUSPEND');
    const d = c.dangers.find((x) => x.code === 'stateless-suspend-loses-state')!;
    expect(d.severity).toBe('warning');
    expect(d.message).toMatch(/cancels the active child without a savepoint, so the later RESUME starts it with empty state/);
    const back = compareObject('FlinkBlueGreenDeployment', read('bg-announcement-scenarios', 'new-3-suspended.yaml'), old, id);
    expect(back.impact).toBe('RESUME');
    expect(back.dangers.map((x) => x.code)).toContain('stateless-suspend-loses-state');
  });
});

describe('plan by operator version: pruned fields are no change', () => {
  it('adding jobManager.resources is nothing on 1.15 (pruned) and an UPGRADE on main', () => {
    const a = fd();
    const b = fd({ jobManager: { resources: { requests: { memory: '2Gi', cpu: '1' } } } });
    const on115 = compareObject('FlinkDeployment', a, b, id, { operatorVersion: OperatorVersion.V1_15 });
    expect(on115.impact).toBe('IGNORE');
    expect(on115.notes.join('\n')).toContain('Operator 1.15 prunes /spec/jobManager/resources');
    expect(compareObject('FlinkDeployment', a, b, id, { operatorVersion: OperatorVersion.MAIN }).impact).toBe('UPGRADE');
  });

  it('a transitionMode change is only dangerous on a FLIP-504 build', () => {
    const a = bg({}, { transitionMode: 'BASIC' });
    const b = bg({}, { transitionMode: 'ADVANCED' });
    const codes = (v: OperatorVersion) => compareObject('FlinkBlueGreenDeployment', a, b, id, { operatorVersion: v }).dangers.map((d) => d.code);
    expect(codes(OperatorVersion.V1_15)).not.toContain('transition-mode-immutable');
    expect(codes(OperatorVersion.FLIP_504)).toContain('transition-mode-immutable');
  });

  it('a per-document version wins over the default', () => {
    const a = fd();
    const b = fd({ jobManager: { resources: { requests: { memory: '2Gi', cpu: '1' } } } });
    const c = compareObject('FlinkDeployment', a, b, id, { operatorVersion: OperatorVersion.V1_15, operatorVersionOf: () => OperatorVersion.MAIN });
    expect(c.impact).toBe('UPGRADE');
  });
});

describe('gate ConfigMap of a manifest-wired cutover', () => {
  function synth(cutover: Cutover): LoadedDocument[] {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'payments' });
    new BlueGreenFlinkJob(chart, 'Ledger', {
      name: 'ledger',
      operatorVersion: OperatorVersion.V1_15,
      ...baseSpec(),
      gate: Gate.watermark({ fieldPath: 'bookedAt' }),
      injection: AgentInjection.manifest({ agentImage: 'registry.example.com/op:1.16.0' }),
      cutover,
    });
    return Testing.synth(chart).map((content, index) => ({ file: 'dist/c.k8s.yaml', index, content }) as LoadedDocument);
  }
  const at = new Date('2026-12-01T02:00:00Z');
  const stable = synth(Cutover.startOn(Colour.BLUE));
  const cutting = synth(Cutover.startOn(Colour.BLUE).cutoverTo(Colour.GREEN, { at, savepointPath: 's3://b/sp/1' }));
  const done = synth(Cutover.startOn(Colour.BLUE).cutoverTo(Colour.GREEN, { at, savepointPath: 's3://b/sp/1' }).complete());

  it('the cutover commit: every changed key with what the gate does with it', () => {
    const p = planChanges(flinkObjects(stable), flinkObjects(cutting), { operatorVersion: OperatorVersion.V1_15 }, { before: stable, after: cutting });
    const g = p.gateConfigMaps![0];
    expect([g.namespace, g.name, g.impact]).toEqual(['payments', 'ledger-configmap', 'UPDATE']);
    const k = Object.fromEntries(g.keys.map((x) => [x.key, x]));
    expect(k['active-deployment-type'].to).toBe('GREEN');
    expect(k['active-deployment-type'].meaning).toMatch(/GREEN's job becomes ACTIVE/);
    expect(k['watermark-toggle-value'].meaning).toContain('2026-12-01T02:00:00.000Z');
    expect(g.notes.join('\n')).toContain('Cutover commit');
  });

  it('text, markdown and json show the gate ConfigMap', () => {
    const p = planChanges(flinkObjects(stable), flinkObjects(cutting), { operatorVersion: OperatorVersion.V1_15 }, { before: stable, after: cutting });
    expect(formatText(p)).toContain('Gate ConfigMap payments/ledger-configmap: UPDATE');
    expect(formatText(p)).toMatch(/~ stage: "RUNNING" -> "TRANSITIONING" \[a cutover starts/);
    expect(formatMarkdown(p)).toContain('| `active-deployment-type` | `"BLUE"` | `"GREEN"` |');
    expect(JSON.parse(formatJson(p)).gateConfigMaps[0].keys.map((k: { key: string }) => k.key)).toContain('watermark-toggle-value');
  });

  it('the completion commit: shown, and removing the old colour is flagged until CLEAR_TO_TEARDOWN', () => {
    const p = planChanges(flinkObjects(cutting), flinkObjects(done), { operatorVersion: OperatorVersion.V1_15 }, { before: cutting, after: done });
    expect(p.gateConfigMaps![0].notes.join('\n')).toContain("merge it only after the live ConfigMap's stage is CLEAR_TO_TEARDOWN");
    const blue = p.changes.find((c) => c.name === 'ledger-blue')!;
    expect(blue.impact).toBe('DELETE');
    expect(blue.dangers.map((d) => d.code)).toContain('gate-teardown-before-handover');
  });

  it('the real CLI: --operator-version, and the stateless SUSPEND warning', () => {
    const dir = resolve(__dirname, '../fixtures/field-cases/bg-announcement-scenarios');
    const r = spawnSync(process.execPath, [BIN, 'plan', '--from', join(dir, 'old.yaml'), '--to', join(dir, 'new-3-suspended.yaml'), '--operator-version', '1.15'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('FlinkBlueGreenDeployment streaming/bg-demo: SUSPEND');
    expect(r.stdout).toContain('SUSPEND cancels the active child without a savepoint');
    const bad = spawnSync(process.execPath, [BIN, 'plan', '--from', dir, '--to', dir, '--operator-version', '9.9'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--operator-version must be one of');
  });
});
