/**
 * FLIP-504 gate rules. Two operator snapshots exist: PR #1043 head ([PR]) and the newer flip-504
 * branch ([F504]); where they differ we report what would fail on either, and say which.
 */
import { parseFlinkDuration } from '../../duration';
import { at, confAt, confField, obj, type SpecContext } from '../context';
import { pointer, type Finding } from '../finding';
import { isRecord } from '../flink-config';
import { finding, show } from '../rule';
import { AGENT_INIT_CONTAINER, AGENT_JAR_PATH, AGENT_VOLUME, findAgentWiring } from './agent-wiring';
import { BG_PREFIX, GATE_TIMEOUT_KEY } from './blue-green';

export const GATE_PREFIX = 'bluegreen.gate.';
export const STRATEGY = 'bluegreen.gate.strategy';
export const INJECTION_ENABLED = 'bluegreen.gate.injection.enabled';
export const POSITION = 'bluegreen.gate.injection.position';
export const EXTRACTORS = [
  'bluegreen.gate.watermark.field-path',
  'bluegreen.gate.watermark.extractor-class',
  'bluegreen.gate.watermark.field-index',
] as const;
export const ACTIVE_TYPE = 'bluegreen.active-deployment-type';
export const CONFIGMAP_NAME = 'bluegreen.configmap.name';
export const JM_JAVA_OPTS = 'env.java.opts.jobmanager';
const POSITIONS = ['BEFORE_SINK', 'AFTER_SOURCE'];

/** Keys of the gate present in a flat view. */
export function gateKeys(ctx: SpecContext): string[] {
  return [...ctx.conf.values.keys()].filter((k) => k.startsWith(GATE_PREFIX));
}

/** `bluegreen.gate.injection.enabled`: true when absent (the operator sets it) unless told otherwise. */
export function injectionValue(ctx: SpecContext): string | undefined {
  return ctx.conf.values.get(INJECTION_ENABLED)?.trim();
}

/** Checks shared by operator-driven (ADVANCED) and manifest-wired gates. */
export function gateValueFindings(ctx: SpecContext, injectionEnabled: boolean, checkStrategy: boolean): Finding[] {
  const out: Finding[] = [];
  const strategy = ctx.conf.values.get(STRATEGY);
  if (checkStrategy && strategy !== undefined && strategy !== 'WATERMARK') {
    out.push(finding('GATE-STRATEGY-VALUE', {
      path: confAt(ctx, STRATEGY), value: strategy,
      message: `${confField(ctx, STRATEGY)} is ${show(strategy)}: the only strategy is "WATERMARK" (exact, case-sensitive)`,
      fix: `set "${STRATEGY}": "WATERMARK"`,
      operatorMessage: `[BlueGreen] Unknown gate strategy: '${strategy}'. Supported values: WATERMARK`,
    }));
  }
  const inj = injectionValue(ctx);
  if (inj !== undefined && inj !== 'true' && inj !== 'false') {
    out.push(finding('GATE-INJECTION-ENABLED', {
      path: confAt(ctx, INJECTION_ENABLED), value: inj,
      message: `${confField(ctx, INJECTION_ENABLED)} is ${show(inj)}: expected "true" or "false"`,
      fix: 'write "true" (the agent places the gate) or "false" (the job places the gate in its own code)',
    }));
  }
  const position = ctx.conf.values.get(POSITION);
  if (position !== undefined && !POSITIONS.includes(position)) {
    out.push(finding('GATE-INJECTION-POSITION', {
      path: confAt(ctx, POSITION), value: position,
      message: `${confField(ctx, POSITION)} is ${show(position)}: expected one of ${POSITIONS.map(show).join(', ')}`,
      fix: `use "BEFORE_SINK" (default) or "AFTER_SOURCE"`,
    }));
  }
  const set = EXTRACTORS.filter((k) => ctx.conf.values.has(k));
  if (injectionEnabled && set.length !== 1) {
    out.push(finding('GATE-EXTRACTOR-COUNT', {
      path: set.length ? confAt(ctx, set[1]) : pointer(...ctx.base, 'flinkConfiguration'),
      value: set,
      message: set.length === 0
        ? `no watermark extractor is set: with gate injection enabled exactly one of ${EXTRACTORS.join(', ')} is required`
        : `${set.length} watermark extractors are set (${set.join(', ')}): exactly one is allowed (newer FLIP-504 builds reject more than one; PR #1043 silently picks by precedence)`,
      fix: set.length === 0
        ? `set "${EXTRACTORS[0]}" to the record's event-time field (e.g. "eventTime"), or "${EXTRACTORS[1]}" to a WatermarkExtractor class`
        : `keep only one of ${set.join(', ')}`,
      operatorMessage: set.length === 0
        ? "[BlueGreen] Gate strategy WATERMARK requires either 'bluegreen.gate.watermark.field-path' (dot-notation POJO field, no app code needed) or 'bluegreen.gate.watermark.extractor-class' (custom class) to be set in flinkConfiguration."
        : undefined,
    }));
  } else if (!injectionEnabled && set.length > 0) {
    out.push(finding('GATE-EXTRACTOR-COUNT', {
      path: confAt(ctx, set[0]), value: set,
      message: `${INJECTION_ENABLED} is "false" but ${set.join(', ')} ${set.length > 1 ? 'are' : 'is'} set: newer FLIP-504 builds reject extractors when injection is disabled (the job's own gate decides)`,
      fix: `remove ${set.join(', ')}, or enable injection`,
    }));
  }
  return out;
}

/** Gate rules for a FlinkBlueGreenDeployment on a FLIP-504 target. */
export function blueGreenGateFindings(doc: Record<string, unknown>, tpl: SpecContext | undefined): Finding[] {
  const spec = obj(doc.spec) ?? {};
  const advanced = spec.transitionMode === 'ADVANCED';
  if (!tpl) return [];
  if (!advanced) return ignoredGateKeys(tpl, 'transitionMode is not ADVANCED, so the operator injects no gate');
  const out: Finding[] = [];
  const raw = obj(tpl.spec.flinkConfiguration) ?? {};
  // The operator looks keys up literally at the top level of flinkConfiguration.
  out.push(...nestedKeys(tpl, raw));
  const has = (k: string) => Object.prototype.hasOwnProperty.call(raw, k) && raw[k] !== null && !isRecord(raw[k]);
  if (!has(STRATEGY)) {
    out.push(finding('GATE-STRATEGY-MISSING', {
      path: confAt(tpl, STRATEGY),
      message: `transitionMode is ADVANCED but ${confField(tpl, STRATEGY)} is not set as a flat key`,
      fix: `set "${STRATEGY}": "WATERMARK" in spec.template.spec.flinkConfiguration`,
      operatorMessage: "[BlueGreen] ADVANCED mode requires 'bluegreen.gate.strategy' to be set in flinkConfiguration. Supported values: WATERMARK",
    }));
  }
  const inj = injectionValue(tpl);
  out.push(...gateValueFindings(tpl, inj !== 'false', true));
  const set = EXTRACTORS.filter((k) => tpl.conf.values.has(k));
  if (inj !== 'false' && set.length === 1 && set[0] === EXTRACTORS[2]) {
    out.push(finding('GATE-EXTRACTOR-FIELD-INDEX', {
      path: confAt(tpl, EXTRACTORS[2]), value: tpl.conf.values.get(EXTRACTORS[2]),
      message: `only ${EXTRACTORS[2]} is set: PR #1043 operator builds reject it (they need field-path or extractor-class), newer FLIP-504 builds accept it`,
      fix: `use "${EXTRACTORS[0]}" or "${EXTRACTORS[1]}" instead, unless your operator is a newer FLIP-504 build`,
      operatorMessage: "[BlueGreen] Gate strategy WATERMARK requires either 'bluegreen.gate.watermark.field-path' (dot-notation POJO field, no app code needed) or 'bluegreen.gate.watermark.extractor-class' (custom class) to be set in flinkConfiguration.",
    }));
  }
  out.push(...timeout(spec), ...stateless(tpl), ...reserved(tpl), ...collisions(tpl));
  return out;
}

/** Gate keys where no gate will run. */
export function ignoredGateKeys(tpl: SpecContext, why: string): Finding[] {
  const keys = gateKeys(tpl);
  if (!keys.length) return [];
  return [finding('GATE-KEYS-IGNORED', {
    path: confAt(tpl, keys[0]), value: keys,
    message: `${keys.join(', ')} ${keys.length > 1 ? 'are' : 'is'} set but ${why}: they are ignored`,
    fix: tpl.version.hasTransitionMode ? 'set spec.transitionMode: ADVANCED, or remove the gate keys' : 'target a FLIP-504 operator build (--operator-version flip-504) with transitionMode: ADVANCED, or remove the gate keys',
  })];
}

function nestedKeys(tpl: SpecContext, raw: Record<string, unknown>): Finding[] {
  const out: Finding[] = [];
  for (const key of tpl.conf.sources.keys()) {
    const segs = tpl.conf.sources.get(key) ?? [];
    if (segs.length < 2) continue;
    if (!(key.startsWith('bluegreen.') || key === 'env.java.opts.jobmanager')) continue;
    out.push(finding('GATE-NESTED-KEY', {
      path: confAt(tpl, key), value: tpl.conf.values.get(key),
      message: `${key} is written as nested YAML (${segs.join(' → ')}): the operator looks up the flat key "${key}" literally and treats this as not set`,
      fix: `write it as one flat key: "${key}": ${show(tpl.conf.values.get(key))}`,
    }));
  }
  void raw;
  return out;
}

function timeout(spec: Record<string, unknown>): Finding[] {
  const conf = obj(spec.configuration) ?? {};
  const str = (k: string) => (typeof conf[k] === 'string' ? (conf[k] as string) : undefined);
  const delayText = str(`${BG_PREFIX}deployment-deletion.delay`);
  const timeoutText = str(GATE_TIMEOUT_KEY) ?? str(`${BG_PREFIX}abort.grace-period`);
  const delay = delayText === undefined ? 0 : parseFlinkDuration(delayText);
  const to = timeoutText === undefined ? 600_000 : parseFlinkDuration(timeoutText);
  if (delay === undefined || to === undefined || to > delay) return [];
  const key = str(GATE_TIMEOUT_KEY) !== undefined ? GATE_TIMEOUT_KEY : `${BG_PREFIX}deployment-deletion.delay`;
  return [finding('GATE-TIMEOUT', {
    path: pointer('spec', 'configuration', key), value: timeoutText ?? '10 min',
    message: `the gate timeout (${timeoutText ?? '10 min, the default abort grace period'}) is not longer than the deployment deletion delay (${delayText}): the gate would time out before the old job may be retired`,
    fix: `set ${GATE_TIMEOUT_KEY} longer than ${BG_PREFIX}deployment-deletion.delay`,
  })];
}

function stateless(tpl: SpecContext): Finding[] {
  const job = obj(tpl.spec.job);
  if (!job) return [];
  const mode = typeof job.upgradeMode === 'string' ? job.upgradeMode : 'stateless';
  if (mode !== 'stateless') return [];
  return [finding('GATE-STATELESS', {
    path: at(tpl, 'job', 'upgradeMode'), value: mode,
    message: `${tpl.base.join('.')}.job.upgradeMode is ${job.upgradeMode === undefined ? 'not set (stateless)' : '"stateless"'}: ADVANCED transitions hand over state, newer FLIP-504 builds reject stateless jobs`,
    fix: 'set job.upgradeMode: savepoint (or last-state) with checkpoint and savepoint directories',
  })];
}

function reserved(tpl: SpecContext): Finding[] {
  return [ACTIVE_TYPE, CONFIGMAP_NAME].filter((k) => tpl.conf.values.has(k)).map((k) => finding('GATE-RESERVED-KEY', {
    path: confAt(tpl, k), value: tpl.conf.values.get(k),
    message: `${confField(tpl, k)} is set: the operator sets it on each child (${k === ACTIVE_TYPE ? 'the child\'s own colour' : '<name>-configmap'}), a template value conflicts`,
    fix: `remove ${k} from the template`,
  }));
}

function collisions(tpl: SpecContext): Finding[] {
  const w = findAgentWiring(tpl.spec);
  const why = 'the operator appends it to the JobManager pod template in ADVANCED mode without de-duplication, so the pod would be rejected';
  return [
    ...w.volumes.map((p) => finding('GATE-WIRING-COLLISION', {
      path: at(tpl, ...p), value: AGENT_VOLUME,
      message: `volume "${AGENT_VOLUME}" is already in the template: ${why} (duplicate volume name)`,
      fix: 'remove the agent volume; the operator injects it',
    })),
    ...w.initContainers.map((p) => finding('GATE-WIRING-COLLISION', {
      path: at(tpl, ...p), value: AGENT_INIT_CONTAINER,
      message: `init container "${AGENT_INIT_CONTAINER}" is already in the template: ${why} (duplicate container name)`,
      fix: 'remove the init container; the operator injects it',
    })),
    ...w.containersNamedLikeInit.map((p) => finding('GATE-WIRING-COLLISION', {
      path: at(tpl, ...p, 'name'), value: AGENT_INIT_CONTAINER,
      message: `a container is named "${AGENT_INIT_CONTAINER}": ${why.replace('appends it', 'appends an init container of that name')} (duplicate container name)`,
      fix: 'rename your container',
    })),
    ...w.mounts.map((m) => finding('GATE-WIRING-COLLISION', {
      path: at(tpl, ...m.at), value: AGENT_JAR_PATH,
      message: `a mount at ${AGENT_JAR_PATH} is already in flink-main-container: ${why} (duplicate mountPath)`,
      fix: 'remove the mount; the operator injects it',
    })),
  ];
}
