import { z } from 'zod';
import { Duration } from '../duration';
import { FlinkVersion } from '../flink-version';
import { HighAvailability } from '../high-availability';
import { ImagePullPolicy } from '../image-pull-policy';
import { JobState } from '../job-state';
import { Logging } from '../logging';
import { OperatorVersion } from '../operator-version';
import type { PropProblem } from '../prop-problem';
import { suggestProp } from './prop-suggestion';
import { UpgradeMode } from '../upgrade-mode';

/**
 * zod schemas for construct props. They check what TypeScript cannot (values, and everything for
 * JavaScript callers). Operator rules on the *output* (name length, memory syntax, directories…)
 * are not repeated here: the validation rule set checks the emitted objects, so each rule has one home.
 */

/** A value that must be an instance of one of our enum-like classes (their constructors are private). */
export const instance = <T>(cls: { readonly prototype: T }, example: string) =>
  z.custom<T>((v) => v instanceof (cls as unknown as new () => T), { message: `expected ${example}` });

export const stringMap = z.record(
  z.string(),
  z.string({ error: (iss) => `values must be strings, got ${describe(iss.input)}: quote it (e.g. "${String(iss.input)}")` }),
);

const k8sName = z
  .string({ error: 'expected a string' })
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { error: (iss) => `"${String(iss.input)}" is not a valid Kubernetes name: lower-case letters, digits and "-" only, starting and ending with a letter or digit` });

const container = z.looseObject({ name: z.string({ error: 'every container needs a name' }).min(1) });
const volume = z.looseObject({ name: z.string({ error: 'every volume needs a name' }).min(1) });

export const podTemplateSchema = z.looseObject({
  metadata: z
    .looseObject({
      labels: stringMap.optional(),
      annotations: stringMap.optional(),
    })
    .optional(),
  spec: z
    .looseObject({
      containers: z.array(container).optional(),
      initContainers: z.array(container).optional(),
      volumes: z.array(volume).optional(),
    })
    .optional(),
});

const positiveInt = (what: string) =>
  z
    .number({ error: (iss) => `${what} must be a number, got ${describe(iss.input)}` })
    .int({ error: (iss) => `${what} must be a whole number, got ${String(iss.input)}` })
    .min(1, { error: (iss) => `${what} must be at least 1, got ${String(iss.input)}` });

const quantityMap = z.record(z.string(), z.union([z.string(), z.number()]));

const component = (what: string) => ({
  memory: z.string().min(1).optional(),
  cpu: z.number({ error: (iss) => `cpu must be a number of cores, got ${describe(iss.input)}` }).positive({ error: 'cpu must be greater than 0' }).optional(),
  ephemeralStorage: z.string().min(1).optional(),
  resources: z.strictObject({ requests: quantityMap.optional(), limits: quantityMap.optional() }).optional(),
  podTemplate: podTemplateSchema.optional(),
  replicas: positiveInt(`${what} replicas`).optional(),
});

const componentSchema = (what: string) =>
  z.strictObject(component(what)).refine((c) => c.memory !== undefined || c.resources?.requests?.memory !== undefined || c.resources?.limits?.memory !== undefined, {
    error: `${what} memory is required: set memory (e.g. "2048m") or resources.requests.memory`,
    path: ['memory'],
  });

export const jobSchema = z.strictObject({
  jarURI: z.string().min(1).optional(),
  entryClass: z.string().min(1).optional(),
  args: z.array(z.string({ error: 'args must be strings' })).optional(),
  parallelism: positiveInt('parallelism'),
  upgradeMode: instance(UpgradeMode, 'UpgradeMode.SAVEPOINT, UpgradeMode.LAST_STATE or UpgradeMode.STATELESS').optional(),
  state: instance(JobState, 'JobState.RUNNING or JobState.SUSPENDED').optional(),
  allowNonRestoredState: z.boolean().optional(),
  initialSavepointPath: z.string().min(1).optional(),
  savepointRedeployNonce: z.number().int().optional(),
});

export const flinkSpecShape = {
  image: z.string({ error: 'image is required, e.g. "flink:1.20.1-java17"' }).min(1, { error: 'image must not be empty' }),
  imagePullPolicy: instance(ImagePullPolicy, 'ImagePullPolicy.ALWAYS, IF_NOT_PRESENT or NEVER').optional(),
  flinkVersion: instance(FlinkVersion, 'a FlinkVersion, e.g. FlinkVersion.V1_20'),
  serviceAccount: k8sName.optional(),
  job: jobSchema,
  jobManager: componentSchema('jobManager'),
  taskManager: componentSchema('taskManager'),
  taskSlots: positiveInt('taskSlots').optional(),
  checkpointsDir: z.string().min(1).optional(),
  savepointsDir: z.string().min(1).optional(),
  checkpointInterval: instance(Duration, 'a Duration, e.g. Duration.seconds(30)').optional(),
  highAvailability: instance(HighAvailability, 'HighAvailability.kubernetes({ storageDir })').optional(),
  jobManagerJvmOptions: z.string().optional(),
  logging: instance(Logging, 'Logging.log4j(...) or Logging.logback(...)').optional(),
  ingress: z
    .strictObject({
      template: z.string().min(1),
      className: z.string().optional(),
      annotations: stringMap.optional(),
      labels: stringMap.optional(),
      tls: z.array(z.strictObject({ hosts: z.array(z.string()).optional(), secretName: z.string().optional() })).optional(),
    })
    .optional(),
  podLabels: stringMap.optional(),
  podAnnotations: stringMap.optional(),
  flinkConfiguration: stringMap.optional(),
  podTemplate: podTemplateSchema.optional(),
};

export const objectShape = {
  name: z.string({ error: 'name is required' }).min(1, { error: 'name must not be empty' }),
  namespace: k8sName.optional(),
  operatorVersion: instance(OperatorVersion, 'an OperatorVersion, e.g. OperatorVersion.V1_15').optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
};

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string "${v}"`;
  if (typeof v === 'number' || typeof v === 'boolean') return `the ${typeof v} ${String(v)}`;
  if (Array.isArray(v)) return 'an array';
  return `an ${typeof v}`;
}

export type { PropProblem } from '../prop-problem';

/** Runs a zod schema and turns every issue into a PropProblem (all of them, not the first). */
export function checkProps(schema: z.ZodType, props: unknown): PropProblem[] {
  const result = schema.safeParse(props, { reportInput: true });
  if (result.success) return [];
  return result.error.issues.map((iss) => ({
    path: iss.path.map(String).join('.') || '(props)',
    message: issueMessage(iss, schema),
  }));
}

/** The keys an object schema at `path` (below `schema`) accepts; empty when it is not an object. */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let def = (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
  const unwrap = () => {
    while ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) def = def.innerType._zod.def;
  };
  unwrap();
  for (const seg of path) {
    if (def.type === 'object' && def.shape && typeof seg === 'string' && def.shape[seg]) def = def.shape[seg]._zod.def;
    else if (def.type === 'array' && def.element && typeof seg === 'number') def = def.element._zod.def;
    else return [];
    unwrap();
  }
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

interface ZodDef {
  readonly type: string;
  readonly shape?: Record<string, { _zod: { def: ZodDef } }>;
  readonly innerType?: { _zod: { def: ZodDef } };
  readonly element?: { _zod: { def: ZodDef } };
}

function issueMessage(iss: z.core.$ZodIssue, schema: z.ZodType): string {
  const input = (iss as { input?: unknown }).input;
  if (iss.code === 'invalid_type' && input !== null && typeof input === 'object' && !Array.isArray(input) && iss.expected === 'string') {
    // A nested map where flat dotted keys are required: the operator looks these keys up
    // literally, so `bluegreen: {gate: …}` would be treated as unset.
    const key = iss.path.slice(1).map(String).join('.');
    const leaf = firstLeaf(input as Record<string, unknown>);
    return `"${key}" is a nested map; Flink configuration must use flat dotted keys with string values: write "${key}.${leaf.path}": "${leaf.value}"`;
  }
  if (iss.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, iss.path);
    const named = iss.keys.map((k) => {
      const hint = suggestProp(k, known);
      return hint ? `"${k}" (did you mean "${hint}"?)` : `"${k}"`;
    });
    return `unknown prop${iss.keys.length > 1 ? 's' : ''} ${named.join(', ')}: check the spelling against the props interface`;
  }
  if (iss.code === 'invalid_type' && iss.input === undefined) {
    return iss.message.startsWith('Invalid input') ? `is required (expected ${iss.expected})` : iss.message;
  }
  return iss.message;
}

function firstLeaf(obj: Record<string, unknown>, prefix = ''): { path: string; value: string } {
  const [k, v] = Object.entries(obj)[0] ?? ['…', '…'];
  const path = prefix ? `${prefix}.${k}` : k;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return firstLeaf(v as Record<string, unknown>, path);
  return { path, value: String(v) };
}
