/**
 * What the fuzz generators actually generate: which props, enum values and modes appear, in
 * which share of cases. The expected prop paths are derived from the zod prop schemas (and the
 * option interfaces of the gate, the injection and the cutover, which TypeScript makes us list
 * completely), so a prop added to the product but not to the generator shows up as never generated.
 */
import type { z } from 'zod';
import {
  AgentInjection,
  type BlueGreenFlinkJobProps,
  Colour,
  Cutover,
  type CutoverOptions,
  Duration,
  FlinkVersion,
  Gate,
  GatePosition,
  HighAvailability,
  ImagePullPolicy,
  JobState,
  Logging,
  type ManifestInjectionOptions,
  OperatorVersion,
  UpgradeMode,
  type WatermarkGateOptions,
} from '../../src';
import { flinkSpecShape, objectShape } from '../../src/spec/props-schema';
import type { JobDefinition } from './arbitraries';

/** Which population a path is counted over: all cases of a construct, or of a blue/green mode. */
export type Population = 'FlinkJob' | 'BlueGreenFlinkJob' | 'BlueGreenFlinkJob/operator' | 'BlueGreenFlinkJob/manifest' | 'all';

/** Prop paths (dotted, `[]` for array elements) that a schema declares, down to the leaves we generate. */
export function schemaPaths(shape: Record<string, z.ZodType>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.push(path);
    out.push(...nestedPaths(schema, path));
  }
  return out;
}

function nestedPaths(schema: z.ZodType, path: string): string[] {
  const def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType> } } })._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return nestedPaths(def.innerType!, path);
    case 'object':
      return schemaPaths(def.shape!, path);
    case 'array': {
      const element = def.element!;
      const inner = nestedPaths(element, `${path}[]`);
      return inner;
    }
    default:
      return [];
  }
}

// TypeScript checks these lists are complete: a new option is a compile error until listed here
// (and then a coverage failure until the generator produces it).
const GATE_OPTIONS: Record<keyof WatermarkGateOptions, true> = { fieldPath: true, fieldIndex: true, extractorClass: true, position: true, beforeUid: true, timeout: true };
const MANIFEST_OPTIONS: Record<keyof ManifestInjectionOptions, true> = { agentImage: true, agentJarPath: true };
const CUTOVER_OPTIONS: Record<keyof CutoverOptions, true> = { at: true, savepointPath: true, overrides: true };
type BlueGreenOnly = Exclude<keyof BlueGreenFlinkJobProps, keyof typeof flinkSpecShape | keyof typeof objectShape>;
const BLUE_GREEN_ONLY: Record<BlueGreenOnly, Population> = {
  gate: 'BlueGreenFlinkJob',
  injection: 'BlueGreenFlinkJob',
  cutover: 'BlueGreenFlinkJob/manifest',
  targets: 'BlueGreenFlinkJob/manifest',
  abortGracePeriod: 'BlueGreenFlinkJob/operator',
  reconciliationRescheduleInterval: 'BlueGreenFlinkJob/operator',
  deploymentDeletionDelay: 'BlueGreenFlinkJob',
  activeIngress: 'BlueGreenFlinkJob/operator',
  gateRbac: 'BlueGreenFlinkJob',
  gateLabels: 'BlueGreenFlinkJob',
};

/** Keys of the shared spec that a cutover step's overrides must reach (a colour's own image, jar, sizes, config…). */
export const OVERRIDE_KEYS = ['image', 'job', 'job.jarURI', 'job.parallelism', 'jobManager', 'taskManager', 'taskManager.memory', 'taskManager.cpu', 'taskManager.replicas', 'flinkConfiguration', 'serviceAccount', 'taskSlots', 'podTemplate'];

function instancesOf<T>(cls: { prototype: T }): T[] {
  return Object.values(cls as object).filter((v): v is T => v instanceof (cls as unknown as new () => T));
}

/** One expectation: a path (or `path=value`) that must appear in at least `min` of its population. */
export interface Expectation {
  readonly key: string;
  readonly population: Population;
  readonly min: number;
}

/** Shares are fractions of the population's cases. */
export const MIN_PROP_SHARE = 0.05;
export const MIN_ENUM_SHARE = 0.02;
export const MIN_MODE_SHARE = 0.1;

/** Everything the generators must reach, with the share each must reach. */
export function expectations(): Expectation[] {
  const out: Expectation[] = [];
  const specPaths = schemaPaths({ ...objectShape, ...flinkSpecShape });
  for (const population of ['FlinkJob', 'BlueGreenFlinkJob'] as const) {
    for (const p of specPaths) out.push({ key: p, population, min: MIN_PROP_SHARE });
    out.push({ key: 'chartNamespace', population, min: MIN_PROP_SHARE });
  }
  for (const [key, population] of Object.entries(BLUE_GREEN_ONLY)) out.push({ key, population, min: MIN_PROP_SHARE });
  for (const p of schemaPaths({ activeIngress: flinkSpecShape.ingress }).filter((p) => p !== 'activeIngress')) out.push({ key: p, population: 'BlueGreenFlinkJob/operator', min: MIN_PROP_SHARE });
  for (const k of Object.keys(GATE_OPTIONS)) out.push({ key: `gate.${k}`, population: 'BlueGreenFlinkJob', min: MIN_PROP_SHARE });
  for (const k of Object.keys(MANIFEST_OPTIONS)) out.push({ key: `injection.${k}`, population: 'BlueGreenFlinkJob/manifest', min: MIN_PROP_SHARE });
  for (const k of Object.keys(CUTOVER_OPTIONS)) out.push({ key: `cutover.steps[].${k}`, population: 'BlueGreenFlinkJob/manifest', min: MIN_PROP_SHARE });
  for (const k of OVERRIDE_KEYS) out.push({ key: `cutover.overrides.${k}`, population: 'BlueGreenFlinkJob/manifest', min: MIN_PROP_SHARE });

  const enums: Array<[string, string[], Population]> = [
    ['operatorVersion', OperatorVersion.all().map(String), 'all'],
    ['flinkVersion', instancesOf(FlinkVersion).map(String), 'all'],
    ['job.upgradeMode', instancesOf(UpgradeMode).map(String), 'all'],
    ['job.state', instancesOf(JobState).map(String), 'all'],
    ['imagePullPolicy', instancesOf(ImagePullPolicy).map(String), 'all'],
    ['logging', ['log4j-console.properties', 'logback-console.xml'], 'all'],
    ['gate.position', instancesOf(GatePosition).map(String), 'BlueGreenFlinkJob'],
    ['cutover.start', instancesOf(Colour).map(String), 'BlueGreenFlinkJob/manifest'],
    ['cutover.steps[].type', ['cutover', 'complete'], 'BlueGreenFlinkJob/manifest'],
  ];
  for (const [path, values, population] of enums) for (const v of values) out.push({ key: `${path}=${v}`, population, min: MIN_ENUM_SHARE });

  const modes: Array<[string, Population]> = [
    ['construct=FlinkJob', 'all'],
    ['construct=BlueGreenFlinkJob', 'all'],
    ['injection=operator', 'BlueGreenFlinkJob'],
    ['injection=manifest', 'BlueGreenFlinkJob'],
    ['gate', 'BlueGreenFlinkJob/operator'],
    ['gate', 'BlueGreenFlinkJob/manifest'],
    ['cutover.phase=stable', 'BlueGreenFlinkJob/manifest'],
    ['cutover.phase=cutover', 'BlueGreenFlinkJob/manifest'],
  ];
  for (const [key, population] of modes) out.push({ key, population, min: MIN_MODE_SHARE });
  return out;
}

/** The keys one definition reaches: present paths (not empty) and `path=value` for enum-likes and modes. */
export function reached(def: JobDefinition): Set<string> {
  const keys = new Set<string>([`construct=${def.construct}`]);
  if (def.chartNamespace !== undefined) keys.add('chartNamespace');
  walk(def.props, '', keys);
  if (def.construct === 'BlueGreenFlinkJob') {
    const props = def.props;
    const mode = props.injection?.mode ?? 'operator';
    keys.add(`injection=${mode}`);
    const cutover = props.cutover;
    if (cutover instanceof Cutover) {
      const { state } = cutover.resolve(props.job?.upgradeMode?.value !== 'stateless');
      if (state) keys.add(`cutover.phase=${state.phase}`);
    } else if (mode === 'manifest') {
      keys.add('cutover.phase=stable'); // the default: Cutover.startOn(Colour.BLUE)
    }
  }
  return keys;
}

function isEmpty(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.keys(v).length === 0;
  return false;
}

function walk(value: unknown, path: string, keys: Set<string>): void {
  if (value === undefined) return;
  if (path && !isEmpty(value)) keys.add(path);
  const sub = (k: string) => (path ? `${path}.${k}` : k);
  if (Array.isArray(value)) {
    for (const item of value) walk(item, `${path}[]`, keys);
  } else if (value instanceof Gate) {
    for (const [k, v] of Object.entries(value.options)) walk(v, sub(k), keys);
  } else if (value instanceof AgentInjection) {
    for (const [k, v] of Object.entries(value.manifestOptions ?? {})) walk(v, sub(k), keys);
  } else if (value instanceof Cutover) {
    for (const step of value.steps) {
      if (step.type === 'start') keys.add(`${path}.start=${step.colour}`);
      else keys.add(`${path}.steps[].type=${step.type}`);
      if (step.type === 'complete' || step.type === 'savepoint') continue;
      if (step.type === 'cutover') {
        keys.add(`${path}.steps[].at`);
        walk(step.savepointPath, `${path}.steps[].savepointPath`, keys);
      }
      if (step.overrides !== undefined) {
        keys.add(`${path}.steps[].overrides`);
        walk(step.overrides, `${path}.overrides`, keys);
      }
    }
  } else if (value instanceof Logging) {
    keys.add(`${path}=${value.key}`);
  } else if (value instanceof Duration || value instanceof HighAvailability) {
    // present; the value is not an enum
  } else if (value instanceof OperatorVersion || value instanceof FlinkVersion || value instanceof UpgradeMode || value instanceof JobState || value instanceof ImagePullPolicy || value instanceof GatePosition || value instanceof Colour) {
    keys.add(`${path}=${String(value)}`);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walk(v, sub(k), keys);
  }
}

function populationsOf(def: JobDefinition): Population[] {
  if (def.construct === 'FlinkJob') return ['all', 'FlinkJob'];
  return ['all', 'BlueGreenFlinkJob', `BlueGreenFlinkJob/${def.props.injection?.mode ?? 'operator'}` as Population];
}

export interface CoverageRow {
  readonly key: string;
  readonly population: Population;
  readonly min: number;
  readonly count: number;
  readonly of: number;
  readonly share: number;
}

/** Counts, for each expectation, how many cases of its population reach it. */
export function measureCoverage(defs: readonly JobDefinition[]): CoverageRow[] {
  const size = new Map<Population, number>();
  const hits = new Map<string, number>();
  for (const def of defs) {
    const pops = populationsOf(def);
    for (const p of pops) size.set(p, (size.get(p) ?? 0) + 1);
    for (const key of reached(def)) for (const p of pops) hits.set(`${p}\n${key}`, (hits.get(`${p}\n${key}`) ?? 0) + 1);
  }
  return expectations().map((e) => {
    const of = size.get(e.population) ?? 0;
    const count = hits.get(`${e.population}\n${e.key}`) ?? 0;
    return { ...e, count, of, share: of === 0 ? 0 : count / of };
  });
}
