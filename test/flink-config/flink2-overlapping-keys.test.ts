/**
 * Field case `flink2-overlapping-keys` (FLINK-37405): on flinkVersion v2_x the operator's
 * FlinkConfMountDecorator.validateConfigKeysForV2 fails the deployment with "Overlapping key prefixes
 * detected (k1 -> k2)" when a key followed by "." starts another; on 1.x the same keys are fine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OperatorConfiguration } from '../../src';
import { OperatorVersion } from '../../src/operator-version';
import { validateDocument } from '../../src/validation';
import { fd } from '../validation/helpers';

const input = () => parse(readFileSync(join(__dirname, '..', 'fixtures', 'field-cases', 'flink2-overlapping-keys', 'input.yaml'), 'utf8'));
const check = (doc: unknown, oc?: OperatorConfiguration) => validateDocument(doc, { operatorVersion: OperatorVersion.V1_15, operatorConfiguration: oc });

describe('field case flink2-overlapping-keys', () => {
  it('reports both overlaps as errors, with the Flink 2 key in the fix and the operator message', () => {
    const f = check(input()).filter((x) => x.rule === 'FLINK2-OVERLAPPING-KEYS');
    expect(f.map((x) => x.path)).toEqual(['/spec/flinkConfiguration/env.java.opts', '/spec/flinkConfiguration/high-availability']);
    expect(f[0].fix).toBe('rename "env.java.opts" to "env.java.opts.all" (its Flink 2 name)');
    expect(f[1].fix).toBe('rename "high-availability" to "high-availability.type" (its Flink 2 name)');
    expect(f[1].operatorMessage).toBe('Overlapping key prefixes detected (high-availability -> high-availability.storageDir), please replace with Flink v2 compatible, non-deprecated keys.');
    expect(check(input()).filter((x) => x.severity === 'error').map((x) => x.rule)).toEqual(['FLINK2-OVERLAPPING-KEYS', 'FLINK2-OVERLAPPING-KEYS']);
  });

  it('the fixed manifest is clean', () => {
    const d = input();
    const c = d.spec.flinkConfiguration;
    c['high-availability.type'] = c['high-availability'];
    c['env.java.opts.all'] = c['env.java.opts'];
    delete c['high-availability'];
    delete c['env.java.opts'];
    expect(check(d).filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('the same keys on Flink 1.20 are admitted and deployed (flink-conf.yaml has no such check)', () => {
    const d = input();
    d.spec.flinkVersion = 'v1_20';
    expect(check(d).filter((x) => x.rule.startsWith('FLINK2-'))).toEqual([]);
  });

  it('nested YAML that flattens to distinct keys is fine; "k" and "kv" do not overlap', () => {
    const d = fd();
    d.spec.flinkVersion = 'v2_0';
    d.spec.flinkConfiguration = { execution: { checkpointing: { dir: 's3://b/cp', 'savepoint-dir': 's3://b/sp' } }, k: 'v', kv: 'v2' };
    expect(check(d).filter((x) => x.rule === 'FLINK2-OVERLAPPING-KEYS')).toEqual([]);
  });

  it('an overlap between the operator defaults and the job counts too (the decorator sees the effective configuration)', () => {
    const d = fd();
    d.spec.flinkVersion = 'v2_0';
    d.spec.flinkConfiguration['env.java.opts.taskmanager'] = '-Dx';
    const f = check(d, OperatorConfiguration.fromEntries({ 'env.java.opts': '-XX:+UseG1GC' })).filter((x) => x.rule === 'FLINK2-OVERLAPPING-KEYS');
    expect(f.map((x) => x.path)).toEqual(['/spec/flinkConfiguration/env.java.opts']);
  });

  it('keys the operator writes itself count: legacy high-availability beside the HA cluster id, legacy cpu beside cpu.amount', () => {
    const d = fd();
    d.spec.flinkVersion = 'v2_0';
    Object.assign(d.spec.flinkConfiguration, { 'high-availability': 'kubernetes', 'kubernetes.jobmanager.cpu': '1' });
    const f = check(d, OperatorConfiguration.fromEntries({ 'high-availability.storageDir': 's3://b/ha' })).filter((x) => x.rule === 'FLINK2-OVERLAPPING-KEYS');
    expect(f.map((x) => x.path)).toEqual(['/spec/flinkConfiguration/high-availability', '/spec/flinkConfiguration/kubernetes.jobmanager.cpu']);
    expect(f[1].message).toContain('"kubernetes.jobmanager.cpu.amount (set by the operator)"');
    expect(f[1].operatorMessage).toContain('(kubernetes.jobmanager.cpu -> kubernetes.jobmanager.cpu.amount)');
  });

  it('keys the decorator removes before writing (rest.bind-address, taskmanager.host, ...) are not checked', () => {
    const d = fd();
    d.spec.flinkVersion = 'v2_0';
    Object.assign(d.spec.flinkConfiguration, { 'taskmanager.host': 'x', 'taskmanager.host.extra': 'y' });
    expect(check(d).filter((x) => x.rule === 'FLINK2-OVERLAPPING-KEYS')).toEqual([]);
  });
});

describe('HA and memory sizes as Flink reads them', () => {
  it('HA without a storage directory fails at start-up; zookeeper too', () => {
    for (const type of ['kubernetes', 'zookeeper']) {
      const d = fd();
      d.spec.flinkConfiguration['high-availability.type'] = type;
      expect(check(d).map((x) => x.rule)).toContain('FLINK-HA-STORAGE-DIR');
      d.spec.flinkConfiguration['high-availability.storageDir'] = 's3://b/ha';
      expect(check(d).map((x) => x.rule)).not.toContain('FLINK-HA-STORAGE-DIR');
    }
  });

  it('MemorySize: a bare number is bytes (warning, except 0); unknown units are refused (error)', () => {
    const d = fd();
    Object.assign(d.spec.flinkConfiguration, {
      'taskmanager.memory.process.size': '4096',
      'taskmanager.memory.managed.size': '0',
      'jobmanager.memory.jvm-metaspace.size': '256 mb',
      'taskmanager.memory.network.max': '1GiB',
      'taskmanager.memory.managed.fraction': '0.4',
    });
    const f = check(d);
    expect(f.filter((x) => x.rule === 'FLINK-MEMORY-NO-UNIT').map((x) => x.path)).toEqual(['/spec/flinkConfiguration/taskmanager.memory.process.size']);
    expect(f.filter((x) => x.rule === 'FLINK-MEMORY-SIZE-CONFIG').map((x) => x.path)).toEqual(['/spec/flinkConfiguration/taskmanager.memory.network.max']);
  });
});
