/**
 * Blue/green rules. The operator's webhook never sees a FlinkBlueGreenDeployment, so these
 * mistakes otherwise surface only at the first transition.
 */
import { parseFlinkDuration } from '../../duration';
import type { OperatorVersion } from '../../operator-version';
import { at, field, obj, type SpecContext } from '../context';
import { pointer, type Finding } from '../finding';
import { getConfig, isBlank, SAVEPOINT_DIR_KEYS } from '../flink-config';
import { ingressUrlError } from './default-validator';
import { finding, show } from '../rule';

export const BG_NAME_PATTERN = /^[a-z]([-a-z\d]*[a-z\d])?$/;
export const BG_NAME_MAX = 39;

export const BG_PREFIX = 'kubernetes.operator.bluegreen.';
export const BG_DURATION_KEYS = [
  `${BG_PREFIX}abort.grace-period`,
  `${BG_PREFIX}reconciliation.reschedule-interval`,
  `${BG_PREFIX}deployment-deletion.delay`,
];
export const GATE_TIMEOUT_KEY = `${BG_PREFIX}gate.timeout`;

const NAME_PATH = pointer('metadata', 'name');

export function bgNameFindings(name: unknown): Finding[] {
  const path = NAME_PATH;
  if (typeof name !== 'string' || !BG_NAME_PATTERN.test(name)) {
    return [finding('BG-NAME', {
      path, value: name,
      message: `FlinkBlueGreenDeployment name ${show(name)} is invalid: expected lower-case alphanumerics or "-", starting with a letter and ending with a letter or digit`,
      fix: 'rename it, e.g. "orders-enricher"',
    })];
  }
  if (name.length > BG_NAME_MAX) {
    return [finding('BG-NAME-LENGTH', {
      path, value: name,
      message: `FlinkBlueGreenDeployment name ${show(name)} has ${name.length} characters: at most ${BG_NAME_MAX}, because the child FlinkDeployment "${name}-green" must stay within 45`,
      fix: `shorten the name by ${name.length - BG_NAME_MAX} characters`,
      operatorMessage: `The FlinkDeployment name: ${name}-green is invalid, must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123'), and the length must be no more than 45 characters.`,
    })];
  }
  return [];
}

/** Rules on the BG resource itself (not its embedded FlinkDeployment spec). */
export function blueGreenFindings(doc: Record<string, unknown>, version: OperatorVersion, tpl: SpecContext | undefined): Finding[] {
  const spec = obj(doc.spec) ?? {};
  return [
    ...bgNameFindings(obj(doc.metadata)?.name),
    ...applicationMode(spec),
    ...(tpl ? savepointDir(tpl) : []),
    ...(tpl ? suspended(tpl) : []),
    ...ingress(spec, obj(doc.metadata)?.name, obj(doc.metadata)?.namespace),
    ...configuration(spec, version),
    ...templateMetadata(spec),
  ];
}

function applicationMode(spec: Record<string, unknown>): Finding[] {
  const tspec = obj(obj(spec.template)?.spec);
  if (tspec && obj(tspec.job)) return [];
  const path = !obj(spec.template) ? pointer('spec', 'template') : !tspec ? pointer('spec', 'template', 'spec') : pointer('spec', 'template', 'spec', 'job');
  return [finding('BG-APPLICATION-MODE', {
    path,
    message: `${path.slice(1).replace(/\//g, '.')} is missing: blue/green deployments run application jobs only (session clusters are not supported)`,
    fix: 'set spec.template.spec.job with jarURI, parallelism and upgradeMode',
  })];
}

function savepointDir(tpl: SpecContext): Finding[] {
  const mode = obj(tpl.spec.job)?.upgradeMode;
  // upgradeMode savepoint is already FLINK-SAVEPOINT-DIR (the operator's own check on the child).
  if (mode !== 'last-state' || !isBlank(getConfig(tpl.conf, ...SAVEPOINT_DIR_KEYS))) return [];
  return [finding('BG-SAVEPOINT-DIR', {
    path: at(tpl, 'flinkConfiguration', SAVEPOINT_DIR_KEYS[1]),
    value: mode,
    message: `${field(tpl, 'job', 'upgradeMode')} is "last-state" but no savepoint directory is set: every blue/green transition of a stateful job takes a savepoint and fails without one`,
    fix: `set flinkConfiguration["${SAVEPOINT_DIR_KEYS[1]}"] (or "${SAVEPOINT_DIR_KEYS[0]}"), or use upgradeMode: stateless`,
  })];
}

function suspended(tpl: SpecContext): Finding[] {
  if (obj(tpl.spec.job)?.state !== 'suspended') return [];
  return [finding('BG-SUSPENDED-INITIAL', {
    path: at(tpl, 'job', 'state'), value: 'suspended',
    message: `${field(tpl, 'job', 'state')} is "suspended": the first (blue) deployment is held until it is set to "running"`,
    fix: 'set job.state: running when the job should start',
  })];
}

function ingress(spec: Record<string, unknown>, name: unknown, namespace: unknown): Finding[] {
  const ing = spec.ingress;
  if (ing === undefined || ing === null) return [];
  const t = obj(ing)?.template;
  if (typeof t === 'string' && t.trim() !== '') {
    // The controller builds its own Ingress with IngressUtils.getIngressUrl under the resource's name.
    const err = ingressUrlError(t, typeof name === 'string' ? name : 'name', typeof namespace === 'string' ? namespace : 'default');
    return err === undefined ? [] : [finding('FLINK-INGRESS-URL', {
      path: pointer('spec', 'ingress', 'template'), value: t,
      message: `spec.ingress.template ${show(t)} does not form a URL for java.net.URL (${err}): the controller fails to build its Ingress`,
      fix: 'use a host or host/path template such as "{{name}}.{{namespace}}.example.com"; a port must be a number',
      operatorMessage: `Unable to process the Ingress template(${t}). Error: ${err}`,
    })];
  }
  return [finding('BG-INGRESS-TEMPLATE', {
    path: pointer('spec', 'ingress', 'template'),
    value: t,
    message: 'spec.ingress is set without a template: the controller cannot build the ingress URL and the reconcile fails',
    fix: 'set spec.ingress.template, e.g. "{{name}}.{{namespace}}.example.com"',
  })];
}

function configuration(spec: Record<string, unknown>, version: OperatorVersion): Finding[] {
  const conf = obj(spec.configuration);
  if (!conf) return [];
  const out: Finding[] = [];
  const known = version.hasTransitionMode ? [...BG_DURATION_KEYS, GATE_TIMEOUT_KEY] : BG_DURATION_KEYS;
  for (const [k, v] of Object.entries(conf)) {
    // Built only for a finding: this runs for every key of every blue/green object.
    const path = (): string => pointer('spec', 'configuration', k);
    if (typeof v !== 'string') {
      out.push(finding('BG-CONFIG-STRING', {
        path: path(), value: v,
        message: `spec.configuration["${k}"] is ${show(v)} (${v === null ? 'null' : typeof v}): values must be strings, the API server rejects anything else`,
        fix: `quote the value: "${k}": "${v === null ? '' : String(v)}"`,
      }));
      continue;
    }
    if (!known.includes(k)) {
      out.push(finding('BG-CONFIG-UNKNOWN-KEY', {
        path: path(), value: v,
        message: k === GATE_TIMEOUT_KEY
          ? `${k} is read only by FLIP-504 operator builds; operator ${version.id} ignores it`
          : `spec.configuration key ${show(k)} is not read by the blue/green controller (known: ${known.join(', ')})`,
        fix: k.startsWith(BG_PREFIX) ? `check the key's spelling (known: ${known.join(', ')})` : 'move Flink settings to spec.template.spec.flinkConfiguration',
      }));
      continue;
    }
    if (parseFlinkDuration(v) === undefined) {
      out.push(finding('BG-CONFIG-DURATION', {
        path: path(), value: v,
        message: `spec.configuration["${k}"] is ${show(v)}: expected a Flink duration such as "500 ms", "10 s", "5 min" (ISO-8601 like "PT5M" is not accepted)`,
        fix: `write e.g. "${k.endsWith('delay') ? '10 s' : '10 min'}"`,
      }));
    }
  }
  return out;
}

function templateMetadata(spec: Record<string, unknown>): Finding[] {
  const md = obj(obj(spec.template)?.metadata);
  if (!md) return [];
  return (['labels', 'annotations'] as const)
    .filter((k) => obj(md[k]) && Object.keys(obj(md[k]) ?? {}).length > 0)
    .map((k) => finding('BG-TEMPLATE-METADATA', {
      path: pointer('spec', 'template', 'metadata', k),
      value: md[k],
      message: `spec.template.metadata.${k} are not copied to the child FlinkDeployments or their pods: the controller ignores them`,
      fix: `put pod ${k} in spec.template.spec.podTemplate.metadata.${k} (or jobManager/taskManager.podTemplate)`,
    }));
}
