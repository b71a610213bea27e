import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { OperatorVersion } from '../operator-version';
import { objectSchema, splitLarge, type FlinkKind, type JsonSchema } from './crd';
import { cachedValidator } from './validator-cache';
import type { Finding } from './finding';
import { finding, show } from './rule';

const cache = new Map<string, ValidateFunction>();
/** Names the Ajv options and keywords below in the disk-cache key: change it when they change. */
const AJV_OPTIONS_TAG = 'allErrors,strict=false,verbose,validateSchema=false,optimize=false,inlineRefs=false,splitLarge=400;kw=x-kubernetes-preserve-unknown-fields,x-kubernetes-int-or-string';
let ajv: Ajv | undefined;

/** The compiler, loaded on first compile: validators from the disk cache only need ajv's runtime. */
function getAjv(): Ajv {
  if (!ajv) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = (require('ajv') as typeof import('ajv')).default;
    // strict: false because CRDs carry x-kubernetes-* vendor keywords; verbose gives the parent
    // schema on errors so messages can list the known fields and enum values.
    // code.source keeps the generated code so validator-cache.ts can store it. inlineRefs: false
    // keeps each definition its own function (see splitLarge in crd.ts).
    ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false, inlineRefs: false, code: { optimize: false, source: true } });
    ajv.addKeyword('x-kubernetes-preserve-unknown-fields');
    ajv.addKeyword('x-kubernetes-int-or-string');
  }
  return ajv;
}

/** The compiled validator for (version, kind): compiled on first use, then cached. */
export function schemaValidator(version: OperatorVersion, kind: FlinkKind): ValidateFunction {
  const key = `${version.id}/${kind}`;
  let fn = cache.get(key);
  if (!fn) {
    fn = cachedValidator(getAjv, objectSchema(version, kind), AJV_OPTIONS_TAG, (s) => splitLarge(s as JsonSchema, 400));
    cache.set(key, fn);
  }
  return fn;
}

/** Dotted form of a pointer for messages: `/spec/job/parallelism` → `spec.job.parallelism`. */
export function dotted(pointer: string): string {
  if (pointer === '') return '(document)';
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : s.includes('.') ? `["${s}"]` : s))
    .join('.')
    .replace(/\.\[/g, '[');
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Runs the CRD schema of the target version over a whole object. */
export function schemaFindings(doc: unknown, version: OperatorVersion, kind: FlinkKind): Finding[] {
  const validate = schemaValidator(version, kind);
  if (validate(doc)) return [];
  return mapErrors(validate.errors ?? [], version, kind);
}

export function mapErrors(errors: readonly ErrorObject[], version: OperatorVersion, kind: FlinkKind): Finding[] {
  // anyOf is only used for int-or-string: report it once, not once per branch.
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath + '/');
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (anyOfPaths.some((p) => e.schemaPath.startsWith(p))) continue;
    const f = mapError(e, version, kind);
    if (!f) continue;
    const key = `${f.rule}|${f.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

function mapError(e: ErrorObject, version: OperatorVersion, kind: FlinkKind): Finding | undefined {
  const at = e.instancePath;
  // BG-CONFIG-STRING explains non-string `spec.configuration` values better.
  if (kind === 'FlinkBlueGreenDeployment' && /^\/spec\/configuration\/[^/]+$/.test(at) && e.keyword === 'type') return undefined;
  switch (e.keyword) {
    case 'additionalProperties':
      return unknownField(e, version);
    case 'type': {
      const expected = String((e.params as { type: string | string[] }).type);
      return finding('SCHEMA-TYPE', {
        path: at,
        value: e.data,
        message: `${dotted(at)} is ${show(e.data)} (${typeOf(e.data)}), expected ${expected}`,
        fix: `write ${dotted(at)} as ${/^(integer|number|boolean)$/.test(expected) ? `an unquoted ${expected}` : `a ${expected}`}`,
      });
    }
    case 'anyOf':
      return finding('SCHEMA-TYPE', {
        path: at,
        value: e.data,
        message: `${dotted(at)} is ${show(e.data)} (${typeOf(e.data)}), expected an integer or a string (quantity)`,
        fix: `write ${dotted(at)} as a number or a quoted quantity such as "2Gi" or "500m"`,
      });
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      return finding('SCHEMA-ENUM', {
        path: at,
        value: e.data,
        message: `${dotted(at)} is ${show(e.data)}, expected one of ${allowed.map(show).join(', ')} (operator ${version.id} CRD)`,
        fix: enumFix(at, allowed, e.data, version),
      });
    }
    default:
      return finding('SCHEMA-INVALID', {
        path: at,
        value: e.data,
        message: `${dotted(at)}: ${e.message ?? 'does not match the CRD schema'}`,
        fix: `correct ${dotted(at)} to match the ${kind} CRD of operator ${version.id}`,
      });
  }
}

function enumFix(at: string, allowed: readonly unknown[], value: unknown, version: OperatorVersion): string {
  if (at.endsWith('/flinkVersion') && typeof value === 'string' && /^v\d+_\d+$/.test(value)) {
    return `use one of ${allowed.join(', ')}, or target a newer operator (--operator-version main) if ${value} is newer than this CRD`;
  }
  if (typeof value === 'string') {
    const ci = allowed.find((a) => typeof a === 'string' && a.toLowerCase() === value.toLowerCase());
    if (ci !== undefined) return `write ${show(ci)} (values are case-sensitive)`;
  }
  return `use one of ${allowed.map(show).join(', ')} (operator ${version.id})`;
}

function unknownField(e: ErrorObject, version: OperatorVersion): Finding {
  const field = (e.params as { additionalProperty: string }).additionalProperty;
  const path = `${e.instancePath}/${field.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  const parent = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
  const known = Object.keys(parent?.properties ?? {}).sort();
  const where = e.instancePath === '' ? 'the top level' : dotted(e.instancePath);
  let fix = `remove ${dotted(path)}${known.length ? ` or use one of the fields of ${where}: ${known.join(', ')}` : ''}`;
  if (/\/(jobManager|taskManager)\/resources$/.test(path) && !version.hasResourceRequirements) {
    fix = `on operator ${version.id} use ${dotted(e.instancePath)}.resource: {cpu, memory} (resources exists only from operator main), or target --operator-version main`;
  } else if (/^\/spec\/transitionMode$/.test(path) && !version.hasTransitionMode) {
    fix = 'transitionMode exists only in FLIP-504 operator builds: target --operator-version flip-504, or remove it (it would be dropped and the deployment would run BASIC)';
  }
  return finding('SCHEMA-UNKNOWN-FIELD', {
    path,
    value: e.data && typeof e.data === 'object' ? (e.data as Record<string, unknown>)[field] : undefined,
    message: `unknown field ${show(field)} in ${where}: the operator ${version.id} CRD does not define it, so the API server would prune it silently`,
    fix,
  });
}
