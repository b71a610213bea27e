import Ajv from 'ajv';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OperatorVersion } from '../../src/operator-version';
import { objectSchema } from '../../src/validation/crd';
import { cachedValidator } from '../../src/validation/validator-cache';

const schema = objectSchema(OperatorVersion.V1_15, 'FlinkDeployment');
const bad = { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment', metadata: {}, spec: { bogus: 1, job: { parallelism: 'two', upgradeMode: 'sideways' } } };

function ajv(): Ajv {
  const a = new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false, code: { optimize: false, source: true } });
  a.addKeyword('x-kubernetes-preserve-unknown-fields');
  a.addKeyword('x-kubernetes-int-or-string');
  return a;
}

function errorsOf(fn: (d: unknown) => boolean): unknown {
  expect(fn(bad)).toBe(false);
  // parentSchema/schema are object identities; compare what the messages are built from.
  return (fn as unknown as { errors: Array<Record<string, unknown>> }).errors.map(({ instancePath, schemaPath, keyword, params, data, parentSchema }) => ({
    instancePath, schemaPath, keyword, params, data, parentKeys: Object.keys((parentSchema as { properties?: object })?.properties ?? {}),
  }));
}

const saved = process.env.CDK8S_FLINK_VALIDATOR_CACHE;
afterEach(() => {
  if (saved === undefined) delete process.env.CDK8S_FLINK_VALIDATOR_CACHE;
  else process.env.CDK8S_FLINK_VALIDATOR_CACHE = saved;
});

describe('validator disk cache', () => {
  it('stores the compiled validator once and loads it in later runs with identical results', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcache-'));
    process.env.CDK8S_FLINK_VALIDATOR_CACHE = dir;
    const compiled = cachedValidator(ajv, schema, 'tag');
    expect(readdirSync(dir)).toHaveLength(1);
    const file = join(dir, readdirSync(dir)[0]);
    writeFileSync(file, readFileSync(file, 'utf8') + '\nmodule.exports.fromCache = true;\n');
    const loaded = cachedValidator(ajv, schema, 'tag');
    expect((loaded as unknown as { fromCache?: boolean }).fromCache).toBe(true);
    expect(errorsOf(loaded)).toEqual(errorsOf(compiled));
  });

  it('keys entries by options and schema: a change never meets stale code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcache-'));
    process.env.CDK8S_FLINK_VALIDATOR_CACHE = dir;
    cachedValidator(ajv, schema, 'tag');
    cachedValidator(ajv, schema, 'other-tag');
    cachedValidator(ajv, objectSchema(OperatorVersion.MAIN, 'FlinkDeployment'), 'tag');
    expect(readdirSync(dir)).toHaveLength(3);
  });

  it('replaces a corrupt entry instead of failing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcache-'));
    process.env.CDK8S_FLINK_VALIDATOR_CACHE = dir;
    cachedValidator(ajv, schema, 'tag');
    const file = join(dir, readdirSync(dir)[0]);
    writeFileSync(file, 'this is { not javascript');
    const fn = cachedValidator(ajv, schema, 'tag');
    expect(errorsOf(fn)).not.toEqual([]);
    expect(readFileSync(file, 'utf8')).toMatch(/^"use strict";/);
  });

  it('compiles in memory when turned off, or when the folder cannot be written', () => {
    process.env.CDK8S_FLINK_VALIDATOR_CACHE = 'off';
    expect(errorsOf(cachedValidator(ajv, schema, 'tag'))).not.toEqual([]);
    const file = join(mkdtempSync(join(tmpdir(), 'vcache-')), 'a-file');
    writeFileSync(file, '');
    process.env.CDK8S_FLINK_VALIDATOR_CACHE = join(file, 'sub'); // a folder under a file: mkdir fails
    expect(errorsOf(cachedValidator(ajv, schema, 'tag'))).not.toEqual([]);
  });
});
