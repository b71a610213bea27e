import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OperatorVersion } from '../operator-version';

/** The Flink kinds this project validates, with the plural used in the CRD file names. */
export const FLINK_KINDS = {
  FlinkDeployment: 'flinkdeployments',
  FlinkBlueGreenDeployment: 'flinkbluegreendeployments',
  FlinkSessionJob: 'flinksessionjobs',
  FlinkStateSnapshot: 'flinkstatesnapshots',
} as const;

export type FlinkKind = keyof typeof FLINK_KINDS;
export const FLINK_API_VERSION = 'flink.apache.org/v1beta1';

export function isFlinkKind(kind: unknown): kind is FlinkKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(FLINK_KINDS, kind);
}

export type JsonSchema = { [key: string]: unknown };

let packageRoot: string | undefined;

/** The package root (holds `crds/`), found from this file whether run from src/ or lib/src/. */
export function findPackageRoot(): string {
  if (packageRoot) return packageRoot;
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'crds'))) return (packageRoot = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the package root (with crds/) above ${__dirname}`);
    dir = up;
  }
}

export function crdFile(version: OperatorVersion, kind: FlinkKind): string {
  return join(findPackageRoot(), version.crdDir, `${FLINK_KINDS[kind]}.flink.apache.org-v1.yml`);
}

/** The `openAPIV3Schema` of the v1beta1 version of a vendored CRD. */
export function loadOpenApiSchema(version: OperatorVersion, kind: FlinkKind): JsonSchema {
  // Loaded here only: synthesis reads the precomputed JSON and never needs a YAML parser.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('yaml') as typeof import('yaml');
  const crd = parse(readFileSync(crdFile(version, kind), 'utf8')) as {
    spec: { versions: Array<{ name: string; schema: { openAPIV3Schema: JsonSchema } }> };
  };
  const v = crd.spec.versions.find((x) => x.name === 'v1beta1');
  if (!v) throw new Error(`${crdFile(version, kind)} has no v1beta1 version`);
  return v.schema.openAPIV3Schema;
}

function isObj(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Makes pruning visible: every object schema with `properties` and neither
 * `additionalProperties` nor `x-kubernetes-preserve-unknown-fields` gets
 * `additionalProperties: false`, because the API server drops such unknown fields silently.
 */
export function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!isObj(schema)) return schema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties' && isObj(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, closeObjects(s)]));
    } else if (k === 'default' || k === 'enum') {
      out[k] = v;
    } else {
      out[k] = closeObjects(v);
    }
  }
  if (isObj(out.properties) && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

/** The keywords whose values are schemas (or lists of schemas); `properties` maps names to schemas. */
const SUBSCHEMA_KEYWORDS = new Set(['items', 'additionalProperties', 'anyOf', 'allOf', 'oneOf', 'not']);

/**
 * Moves large repeated subtrees (the Pod schema appears three to six times per CRD) into
 * `$defs`, so a validator compiles each once: this cuts compile time and generated code size.
 */
export function dedupe(schema: JsonSchema, minLength = 4000): JsonSchema {
  const counts = new Map<string, number>();
  const keyOf = new Map<unknown, string>();
  // Only schema positions are candidates: a `properties` map is not a schema and must stay inline.
  const count = (node: unknown, isSchema: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((n) => count(n, isSchema));
      return;
    }
    if (!isObj(node)) return;
    if (isSchema) {
      const s = JSON.stringify(node);
      if (s.length >= minLength) {
        counts.set(s, (counts.get(s) ?? 0) + 1);
        keyOf.set(node, s);
      }
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === 'enum' || k === 'default') continue;
      if (isSchema && k === 'properties' && isObj(v)) Object.values(v).forEach((x) => count(x, true));
      else count(v, isSchema && SUBSCHEMA_KEYWORDS.has(k));
    }
  };
  count(schema, true);
  const defs: JsonSchema = {};
  const names = new Map<string, string>();
  const rewrite = (node: unknown, top: boolean): unknown => {
    const key = keyOf.get(node);
    if (!top && key !== undefined && (counts.get(key) ?? 0) > 1) {
      let name = names.get(key);
      if (!name) {
        name = `d${names.size}`;
        names.set(key, name);
        defs[name] = rewrite(node, true);
      }
      return { $ref: `#/definitions/${name}` };
    }
    if (Array.isArray(node)) return node.map((n) => rewrite(n, false));
    if (!isObj(node)) return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [
        k,
        k === 'enum' || k === 'default'
          ? v
          : k === 'properties' && isObj(v)
            ? Object.fromEntries(Object.entries(v).map(([p, x]) => [p, rewrite(x, false)]))
            : rewrite(v, false),
      ]),
    );
  };
  const root = rewrite(schema, true) as JsonSchema;
  return names.size ? { ...root, definitions: defs } : root;
}

/** The precomputed `objectSchemaFromCrd` of (version, kind), written by `npm run import`. */
export function objectSchemaFile(version: OperatorVersion, kind: FlinkKind): string {
  return join(findPackageRoot(), version.crdDir, `${FLINK_KINDS[kind]}.object-schema.json`);
}

/**
 * The schema the validator compiles for (version, kind): the precomputed file when it exists
 * (parsing the CRD YAML costs ~100 times more), otherwise derived from the CRD.
 */
export function objectSchema(version: OperatorVersion, kind: FlinkKind): JsonSchema {
  const file = objectSchemaFile(version, kind);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as JsonSchema) : objectSchemaFromCrd(version, kind);
}

/**
 * A standalone JSON schema for a whole object of this kind, as the API server sees it: the
 * CRD's `spec` with pruning made explicit, `status` accepted (the status subresource ignores it
 * on writes), and the envelope fields every object has.
 */
export function objectSchemaFromCrd(version: OperatorVersion, kind: FlinkKind): JsonSchema {
  const api = loadOpenApiSchema(version, kind);
  const props = (api.properties ?? {}) as JsonSchema;
  const schema: JsonSchema = {
    type: 'object',
    properties: {
      apiVersion: { type: 'string', enum: [FLINK_API_VERSION] },
      kind: { type: 'string', enum: [kind] },
      metadata: { type: 'object' },
      spec: closeObjects(props.spec ?? { type: 'object' }),
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
    additionalProperties: false,
  };
  return dedupe(schema);
}

/**
 * Moves every schema of at least `minLength` characters (as JSON) into `definitions`, referenced
 * once, so the validator is many small functions instead of one large one (with ajv's
 * `inlineRefs: false`). Applied only to what the validator compiles: the object schemas on disk
 * and those `schemas` writes for kubeconform stay readable. V8 optimizes small functions early and never optimizes a function past its
 * bytecode size limit, so the first thousand documents of a synth validate about twice as fast
 * (bench/README.md). What is accepted and every error's instancePath, keyword, params and
 * parentSchema stay the same; only schemaPath moves under `#/definitions/`.
 */
export function splitLarge(schema: JsonSchema, minLength = 400): JsonSchema {
  const defs: JsonSchema = {};
  const taken = new Set(isObj(schema.definitions) ? Object.keys(schema.definitions) : []);
  let next = 0;
  const rewrite = (node: unknown, top: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => rewrite(n, false));
    if (!isObj(node)) return node;
    if (!top && node.$ref === undefined && JSON.stringify(node).length >= minLength) {
      let name: string;
      do name = `s${next++}`;
      while (taken.has(name));
      taken.add(name);
      defs[name] = rewrite(node, true);
      return { $ref: `#/definitions/${name}` };
    }
    const out: JsonSchema = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'definitions') continue;
      if (k === 'properties' && isObj(v)) out[k] = Object.fromEntries(Object.entries(v).map(([p, x]) => [p, rewrite(x, false)]));
      else out[k] = SUBSCHEMA_KEYWORDS.has(k) ? rewrite(v, false) : v;
    }
    return out;
  };
  const root = rewrite(schema, true) as JsonSchema;
  const shared = isObj(schema.definitions) ? Object.fromEntries(Object.entries(schema.definitions).map(([k, v]) => [k, rewrite(v, true)])) : {};
  const definitions = { ...shared, ...defs };
  return Object.keys(definitions).length > 0 ? { ...root, definitions } : root;
}
