import Ajv from 'ajv';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OperatorVersion } from '../../src/operator-version';
import { objectSchema, splitLarge, type JsonSchema } from '../../src/validation/crd';
import { cachedValidator } from '../../src/validation/validator-cache';

const schema = objectSchema(OperatorVersion.V1_15, 'FlinkDeployment');
const bad = { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment', metadata: {}, spec: { bogus: 1, job: { parallelism: 'two', upgradeMode: 'sideways' } } };

function ajv(inlineRefs = true): Ajv {
  const a = new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false, inlineRefs, code: { optimize: false, source: true } });
  a.addKeyword('x-kubernetes-preserve-unknown-fields');
  a.addKeyword('x-kubernetes-int-or-string');
  return a;
}

function errorsOf(fn: (d: unknown) => boolean, doc: unknown = bad): unknown {
  expect(fn(doc)).toBe(false);
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

/** Lets the writes validator-cache.ts schedules with setImmediate happen. */
const afterImmediate = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("V8's code cache of a validator", () => {
  it('is written beside the entry once the validator has been used, and reused as is by the next load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcache-'));
    process.env.CDK8S_FLINK_VALIDATOR_CACHE = dir;
    cachedValidator(ajv, schema, 'tag'); // compiles and stores the code
    const fromDisk = cachedValidator(ajv, schema, 'tag'); // loads it: no code cache yet, one is scheduled
    errorsOf(fromDisk);
    await afterImmediate();
    const codeCache = readdirSync(dir).find((f) => f.endsWith('.js.v8'));
    expect(codeCache).toBeDefined();
    const before = statSync(join(dir, codeCache!)).ino;
    const again = cachedValidator(ajv, schema, 'tag');
    await afterImmediate();
    // Accepted by V8, so not written again (a rewrite renames a new file into place: a new inode).
    expect(statSync(join(dir, codeCache!)).ino).toBe(before);
    expect(errorsOf(again)).toEqual(errorsOf(fromDisk));
  });

  it('that V8 rejects (corrupt, or from another node) is ignored and written again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcache-'));
    process.env.CDK8S_FLINK_VALIDATOR_CACHE = dir;
    cachedValidator(ajv, schema, 'tag');
    const entry = readdirSync(dir).find((f) => f.endsWith('.js'))!;
    const codeCache = join(dir, `${entry}.v8`);
    writeFileSync(codeCache, 'not a code cache');
    const fn = cachedValidator(ajv, schema, 'tag');
    expect(errorsOf(fn)).not.toEqual([]);
    await afterImmediate();
    expect(readFileSync(codeCache).toString('latin1')).not.toBe('not a code cache');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('goes with its entry when the entry is corrupt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcache-'));
    process.env.CDK8S_FLINK_VALIDATOR_CACHE = dir;
    cachedValidator(ajv, schema, 'tag');
    const entry = join(dir, readdirSync(dir).find((f) => f.endsWith('.js'))!);
    writeFileSync(`${entry}.v8`, 'stale');
    writeFileSync(entry, 'this is { not javascript');
    cachedValidator(ajv, schema, 'tag');
    expect(existsSync(`${entry}.v8`)).toBe(false);
  });
});

describe('splitLarge: the schema the validator compiles', () => {
  // Documents with errors all over the FlinkDeployment schema: unknown fields, wrong types, enums, int-or-string.
  const docs: unknown[] = [
    bad,
    { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment', metadata: { name: 'x' }, spec: { image: 1, flinkVersion: 'v0_1', jobManager: { resource: { memory: 2048, cpu: '1' }, replicas: 'one', podTemplate: { spec: { containers: 'none' } } } } },
    { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment', metadata: { name: 'x' }, spec: { taskManager: { resource: { memory: '1g', ephemeralStorage: [] }, extra: true }, ingress: { tls: [{ hosts: 'a' }], labels: { a: 1 } } } },
    { apiVersion: 'v1', kind: 'Pod', spec: { job: { state: 'paused', args: [1, 'b'], parallelism: 1.5 } }, status: 'whatever', extra: {} },
  ];

  it('moves large schemas into definitions, leaving small ones inline', () => {
    const split = splitLarge(schema, 400);
    const defs = Object.entries(split.definitions as Record<string, unknown>);
    expect(defs.length).toBeGreaterThan(Object.keys((schema.definitions as object | undefined) ?? {}).length);
    expect(JSON.stringify(split).length).toBeLessThan(JSON.stringify(schema).length * 1.5);
    // Below the top of the root and of each definition, every schema left in place is small.
    const inline: number[] = [];
    const walk = (node: unknown, top: boolean): void => {
      if (Array.isArray(node)) return node.forEach((n) => walk(n, false));
      if (typeof node !== 'object' || node === null) return;
      const rec = node as Record<string, unknown>;
      if (!top && rec.$ref === undefined) inline.push(JSON.stringify(rec).length);
      for (const [k, v] of Object.entries(rec)) {
        if (k === 'properties') Object.values(v as object).forEach((x) => walk(x, false));
        else if (['items', 'additionalProperties', 'anyOf', 'allOf', 'oneOf', 'not'].includes(k)) walk(v, false);
      }
    };
    walk({ ...split, definitions: undefined }, true);
    for (const [, d] of defs) walk(d, true);
    expect(inline.length).toBeGreaterThan(100);
    expect(Math.max(...inline)).toBeLessThan(400);
    expect((split.properties as Record<string, unknown>).apiVersion).toEqual((schema.properties as Record<string, unknown>).apiVersion);
  });

  it('accepts and rejects exactly what the schema does, with the same errors', () => {
    const whole = ajv().compile(schema);
    const split = ajv(false).compile(splitLarge(schema as JsonSchema, 400));
    for (const doc of docs) {
      const strip = (errs: unknown) => (errs as Array<Record<string, unknown>>).map(({ schemaPath: _, ...rest }) => rest);
      expect(strip(errorsOf(split, doc))).toEqual(strip(errorsOf(whole, doc)));
    }
    const good = { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment', metadata: { name: 'x' }, spec: { image: 'flink:1.20', flinkVersion: 'v1_20', jobManager: { resource: { memory: '2048m', cpu: 1 } }, taskManager: { resource: { memory: '2048m', cpu: 1 } }, job: { jarURI: 'local:///a.jar', parallelism: 2, upgradeMode: 'savepoint' } } };
    expect(whole(good)).toBe(true);
    expect(split(good)).toBe(true);
  });
});
