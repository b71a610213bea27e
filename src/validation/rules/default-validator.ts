/**
 * The operator's DefaultValidator.validateDeployment, rule by rule, reporting every failure
 * instead of the first. Rules that compare with the last reconciled spec (spec change,
 * flinkVersion change after a last-state suspend) need the previous object and live in `plan`.
 */
import { parseFlinkDuration } from '../../duration';
import { javaUrlError } from '../java-url';
import { excludedPeriodError } from '../quartz-cron';
import { at, confAt, confField, field, firstSetKey, obj, type SpecContext } from '../context';
import type { Finding } from '../finding';
import { CHECKPOINT_DIR_KEYS, configBool, getConfig, isBlank, isHaActivated, SAVEPOINT_DIR_KEYS } from '../flink-config';
import { parseK8sQuantity, parseOperatorMemory, quantityText } from '../quantity';
import { finding, show } from '../rule';

export const NAME_PATTERN = /^[a-z]([-a-z\d]{0,43}[a-z\d])?$/;
const FORBIDDEN_KEYS = ['kubernetes.namespace', 'kubernetes.cluster-id', 'high-availability.cluster-id'];
const LOG_KEYS = ['log4j-console.properties', 'logback-console.xml'];
const UNSUPPORTED_FLINK_VERSIONS = new Set(['v1_13', 'v1_14']);

export function nameFindings(name: unknown, path: string): Finding[] {
  if (typeof name === 'string' && NAME_PATTERN.test(name)) return [];
  return [
    finding('FLINK-NAME', {
      path,
      value: name,
      message: `FlinkDeployment name ${show(name)} is invalid: expected lower-case alphanumerics or "-", starting with a letter, ending with a letter or digit, at most 45 characters`,
      fix: 'rename it, e.g. "orders-enricher"',
      operatorMessage: `The FlinkDeployment name: ${String(name)} is invalid, must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123'), and the length must be no more than 45 characters.`,
    }),
  ];
}

export function defaultValidatorFindings(ctx: SpecContext): Finding[] {
  return [
    ...flinkVersion(ctx),
    ...forbiddenKeys(ctx),
    ...featureCoupling(ctx),
    ...ingress(ctx),
    ...logConfig(ctx),
    ...jobSpec(ctx),
    ...memoryDefined(ctx, 'jobManager'),
    ...memoryDefined(ctx, 'taskManager'),
    ...resource(ctx, 'jobManager'),
    ...resource(ctx, 'taskManager'),
    ...resourceRequirements(ctx, 'jobManager'),
    ...resourceRequirements(ctx, 'taskManager'),
    ...jmReplicas(ctx),
    ...tmReplicas(ctx),
    ...serviceAccount(ctx),
    ...autoscaler(ctx),
  ];
}

function flinkVersion(ctx: SpecContext): Finding[] {
  const v = ctx.spec.flinkVersion;
  if (v === undefined || v === null) {
    return [
      finding('FLINK-VERSION-MISSING', {
        path: at(ctx, 'flinkVersion'),
        message: `${field(ctx, 'flinkVersion')} is not set: the operator needs the Flink version of the image`,
        fix: `set ${field(ctx, 'flinkVersion')} to the image's version, e.g. v1_20 or v2_2`,
        operatorMessage: 'Flink Version must be defined.',
      }),
    ];
  }
  if (typeof v === 'string' && UNSUPPORTED_FLINK_VERSIONS.has(v)) {
    return [
      finding('FLINK-VERSION-UNSUPPORTED', {
        path: at(ctx, 'flinkVersion'),
        value: v,
        message: `${field(ctx, 'flinkVersion')} is ${show(v)}: the operator supports v1_15 and newer`,
        fix: 'upgrade the job to Flink 1.15 or newer (v1_20 or v2_x recommended)',
        operatorMessage: `Flink version ${v} is not supported by this operator version`,
      }),
    ];
  }
  return [];
}

function forbiddenKeys(ctx: SpecContext): Finding[] {
  return FORBIDDEN_KEYS.filter((k) => ctx.conf.values.has(k)).map((k) =>
    finding('FLINK-FORBIDDEN-CONFIG-KEY', {
      path: confAt(ctx, k),
      value: ctx.conf.values.get(k),
      message: `${confField(ctx, k)} is set: the operator sets ${k} itself and rejects the deployment`,
      fix: `remove ${k} from flinkConfiguration`,
      operatorMessage: `Forbidden Flink config key: ${k}`,
    }),
  );
}

function featureCoupling(ctx: SpecContext): Finding[] {
  const out: Finding[] = [];
  const rollback = 'kubernetes.operator.deployment.rollback.enabled';
  if (configBool(ctx.conf, rollback, false) && !isHaActivated(ctx.conf)) {
    out.push(
      finding('FLINK-ROLLBACK-REQUIRES-HA', {
        path: confAt(ctx, rollback),
        value: ctx.conf.values.get(rollback),
        message: `${rollback} is true but high availability is off (high-availability.type is unset or NONE)`,
        fix: 'set high-availability.type: kubernetes and high-availability.storageDir, or disable rollback',
        operatorMessage: 'HA must be enabled for rollback support.',
      }),
    );
  }
  const health = 'kubernetes.operator.cluster.health-check.enabled';
  const recovery = 'kubernetes.operator.jm-deployment-recovery.enabled';
  if (configBool(ctx.conf, health, false) && !configBool(ctx.conf, recovery, true)) {
    out.push(
      finding('FLINK-HEALTH-CHECK-REQUIRES-RECOVERY', {
        path: confAt(ctx, recovery),
        value: ctx.conf.values.get(recovery),
        message: `${health} is true but ${recovery} is false`,
        fix: `remove ${recovery}: false (it defaults to true), or disable the health check`,
        operatorMessage: `Deployment recovery (${recovery}) must be enabled for job health check (${health}) support.`,
      }),
    );
  }
  return out;
}

/**
 * The operator's ingress URL check (`IngressUtils.getIngressUrl`): `http://` added unless the
 * template starts with http(s)://, `{{name}}`/`{{namespace}}` substituted (any case), then parsed
 * with `java.net.URL` (see javaUrlError: far more lenient than JavaScript's URL).
 * @returns Java's error message, or undefined when the operator accepts the template.
 */
export function ingressUrlError(template: string, name: string, namespace: string): string | undefined {
  let url = /^https?:\/\//i.test(template) ? template : `http://${template}`;
  url = url.replace(/\{\{name\}\}/gi, name).replace(/\{\{namespace\}\}/gi, namespace);
  return javaUrlError(url);
}

function ingress(ctx: SpecContext): Finding[] {
  const ing = ctx.spec.ingress;
  if (ing === undefined || ing === null) return [];
  const raw = obj(ing)?.template;
  if (ctx.inBlueGreen) return blueGreenChildIngress(ctx, raw);
  if (raw === undefined || raw === null) {
    return [
      finding('FLINK-INGRESS-TEMPLATE', {
        path: at(ctx, 'ingress', 'template'),
        message: `${field(ctx, 'ingress')} is set without a template`,
        fix: 'set ingress.template, e.g. "{{name}}.{{namespace}}.flink.example.com" or "example.com/{{namespace}}/{{name}}(/|$)(.*)"',
        operatorMessage: 'Ingress template must be defined',
      }),
    ];
  }
  if (typeof raw !== 'string') return []; // schema layer reports the type
  return ingressUrlFindings(ctx, raw, raw);
}

function ingressUrlFindings(ctx: SpecContext, written: string, effective: string): Finding[] {
  const err = ingressUrlError(effective, ctx.name ?? 'name', ctx.namespace ?? 'default');
  if (!err) return [];
  const as = written === effective ? '' : ` (the child's template is ${show(effective)})`;
  return [
    finding('FLINK-INGRESS-URL', {
      path: at(ctx, 'ingress', 'template'),
      value: written,
      message: `${field(ctx, 'ingress', 'template')} ${show(written)}${as} does not form a URL for java.net.URL (${err})`,
      fix: 'use a host or host/path template such as "{{name}}.{{namespace}}.example.com" or "example.com/{{namespace}}/{{name}}"; a port must be a number',
      operatorMessage: `Unable to process the Ingress template(${effective}). Error: ${err}`,
    }),
  ];
}

/**
 * A blue/green child's ingress: `BlueGreenUtils.prepareFlinkDeployment` sets the child's template to
 * `"<colour>-" + template` before the child is validated, so a missing template becomes "blue-null" (the
 * operator accepts it: the child's ingress host is blue-null) and a template with a scheme becomes
 * "blue-http://..." (host "blue-http").
 */
function blueGreenChildIngress(ctx: SpecContext, raw: unknown): Finding[] {
  if (raw !== undefined && raw !== null && typeof raw !== 'string') return [];
  const template = raw === undefined || raw === null ? 'null' : raw;
  const out: Finding[] = [];
  if (raw === undefined || raw === null) {
    out.push(finding('BG-CHILD-INGRESS', {
      path: at(ctx, 'ingress', 'template'),
      message: `${field(ctx, 'ingress')} is set without a template: the operator does not refuse it, it names each child's template "blue-null" / "green-null", so the children's ingress hosts are blue-null and green-null`,
      fix: 'set ingress.template, e.g. "{{name}}.{{namespace}}.flink.example.com" (the child gets "blue-"/"green-" in front), or remove the ingress',
    }));
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(template)) {
    out.push(finding('BG-CHILD-INGRESS', {
      path: at(ctx, 'ingress', 'template'), value: template,
      message: `${field(ctx, 'ingress', 'template')} ${show(template)} starts with a scheme: the operator prefixes the child's template with "blue-"/"green-", giving "green-${template}", whose host is "green-${template.slice(0, template.indexOf(':'))}"`,
      fix: 'drop the scheme from the template: "{{name}}.{{namespace}}.example.com"',
    }));
  }
  for (const colour of ['blue', 'green']) {
    const found = ingressUrlFindings({ ...ctx, name: ctx.name?.replace(/-green$/, `-${colour}`) }, String(raw ?? 'null'), `${colour}-${template}`);
    if (found.length > 0) return [...out, ...found];
  }
  return out;
}

function logConfig(ctx: SpecContext): Finding[] {
  const lc = obj(ctx.spec.logConfiguration);
  if (!lc) return [];
  return Object.keys(lc)
    .filter((k) => !LOG_KEYS.includes(k))
    .map((k) =>
      finding('FLINK-LOG-CONFIG-KEY', {
        path: at(ctx, 'logConfiguration', k),
        value: k,
        message: `${field(ctx, 'logConfiguration')} key ${show(k)} is not allowed: expected ${LOG_KEYS.join(' or ')}`,
        fix: `rename the key to ${LOG_KEYS.join(' or ')}`,
        operatorMessage: `Invalid log config key: ${k}. Allowed keys are [${LOG_KEYS.join(', ')}]`,
      }),
    );
}

function upgradeMode(ctx: SpecContext): string {
  const m = obj(ctx.spec.job)?.upgradeMode;
  return typeof m === 'string' ? m : 'stateless';
}

function jobSpec(ctx: SpecContext): Finding[] {
  const job = obj(ctx.spec.job);
  if (!job) return [];
  const out: Finding[] = [];
  const mode = upgradeMode(ctx);
  if (mode !== 'stateless' && isBlank(getConfig(ctx.conf, ...CHECKPOINT_DIR_KEYS))) {
    out.push(
      finding('FLINK-CHECKPOINT-DIR', {
        path: at(ctx, 'flinkConfiguration', CHECKPOINT_DIR_KEYS[1]),
        value: mode,
        message: `${field(ctx, 'job', 'upgradeMode')} is ${show(mode)} but no checkpoint directory is set (${CHECKPOINT_DIR_KEYS.join(' or ')})`,
        fix: `set flinkConfiguration["${CHECKPOINT_DIR_KEYS[1]}"] (or "${CHECKPOINT_DIR_KEYS[0]}") to durable storage, e.g. s3://bucket/checkpoints, or use upgradeMode: stateless`,
        operatorMessage: `Checkpoint directory[${CHECKPOINT_DIR_KEYS[0]}] must be defined for last-state and savepoint upgrade modes`,
      }),
    );
  }
  if (isBlank(getConfig(ctx.conf, ...SAVEPOINT_DIR_KEYS))) {
    const key = SAVEPOINT_DIR_KEYS[0];
    const reason: [string, string, string] | undefined =
      mode === 'savepoint'
        ? [`${field(ctx, 'job', 'upgradeMode')} is "savepoint"`, field(ctx, 'job', 'upgradeMode'), `Job could not be upgraded with savepoint while config key[${key}] is not set`]
        : job.savepointTriggerNonce !== undefined && job.savepointTriggerNonce !== null
          ? [`${field(ctx, 'job', 'savepointTriggerNonce')} is set`, field(ctx, 'job', 'savepointTriggerNonce'), `Savepoint could not be manually triggered for the running job while config key[${key}] is not set`]
          : ctx.conf.values.has('kubernetes.operator.periodic.savepoint.interval')
            ? ['periodic savepoints are configured (kubernetes.operator.periodic.savepoint.interval)', '', `Periodic savepoints cannot be enabled when config key[${key}] is not set`]
            : !isBlank(ctx.conf.values.get('kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age'))
              ? ['kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age is set', '', `In order to use max-checkpoint age functionality config key[${key}] must be set to allow triggering savepoint upgrades.`]
              : undefined;
    if (reason) {
      out.push(
        finding('FLINK-SAVEPOINT-DIR', {
          path: at(ctx, 'flinkConfiguration', SAVEPOINT_DIR_KEYS[1]),
          message: `${reason[0]} but no savepoint directory is set (${SAVEPOINT_DIR_KEYS.join(' or ')})`,
          fix: `set flinkConfiguration["${SAVEPOINT_DIR_KEYS[1]}"] (or "${SAVEPOINT_DIR_KEYS[0]}") to durable storage, e.g. s3://bucket/savepoints`,
          operatorMessage: reason[2],
        }),
      );
    }
  }
  const tm = obj(ctx.spec.taskManager);
  const tmReplicasSet = tm !== undefined && tm.replicas !== undefined && tm.replicas !== null;
  if (!tmReplicasSet) {
    const p = job.parallelism;
    // JobSpec.parallelism is a Java int: absent means 0.
    const n = p === undefined || p === null ? 0 : p;
    if (typeof n === 'number' && n < 1) {
      out.push(
        finding('FLINK-PARALLELISM', {
          path: at(ctx, 'job', 'parallelism'),
          value: p,
          message: `${field(ctx, 'job', 'parallelism')} is ${p === undefined ? 'not set' : show(p)}: expected an integer ≥ 1 (or taskManager.replicas set)`,
          fix: `set ${field(ctx, 'job', 'parallelism')} to 1 or more`,
          operatorMessage: 'Job parallelism must be larger than 0',
        }),
      );
    }
  } else if (typeof tm.replicas === 'number' && tm.replicas < 1) {
    out.push(
      finding('FLINK-TM-REPLICAS', {
        path: at(ctx, 'taskManager', 'replicas'),
        value: tm.replicas,
        message: `${field(ctx, 'taskManager', 'replicas')} is ${tm.replicas}: expected ≥ 1`,
        fix: `set ${field(ctx, 'taskManager', 'replicas')} to 1 or more, or remove it and set job.parallelism`,
        operatorMessage: 'TaskManager replicas must be larger than 0',
      }),
    );
  }
  return out;
}

type Component = 'jobManager' | 'taskManager';
const LABEL: Record<Component, string> = { jobManager: 'JobManager', taskManager: 'TaskManager' };

// Flink memory options from which the process spec can be derived without the spec's memory.
const DERIVABLE: Record<Component, ReadonlyArray<readonly string[]>> = {
  jobManager: [
    ['jobmanager.memory.process.size'],
    ['jobmanager.memory.flink.size'],
    ['jobmanager.memory.heap.size'],
    ['jobmanager.heap.size'],
    ['jobmanager.heap.mb'],
  ],
  taskManager: [
    ['taskmanager.memory.process.size'],
    ['taskmanager.memory.flink.size'],
    ['taskmanager.memory.task.heap.size', 'taskmanager.memory.managed.size'],
    ['taskmanager.heap.size'],
    ['taskmanager.heap.mb'],
  ],
};

function memoryFromResources(ctx: SpecContext, c: Component): boolean {
  if (!ctx.version.hasResourceRequirements) return false; // pruned by older CRDs
  const rr = obj(obj(ctx.spec[c])?.resources);
  const has = (section: string) => {
    const m = obj(rr?.[section])?.memory;
    return m !== undefined && m !== null;
  };
  return has('requests') || has('limits');
}

function memoryDefined(ctx: SpecContext, c: Component): Finding[] {
  const mem = obj(obj(ctx.spec[c])?.resource)?.memory;
  if (typeof mem === 'string' && mem.trim() !== '') return [];
  if (memoryFromResources(ctx, c)) return [];
  const derivable = DERIVABLE[c].some((set) => set.every((k) => {
    const v = ctx.conf.values.get(k);
    return v !== undefined && (k.endsWith('.mb') ? /^\s*\d+\s*$/.test(v) : parseOperatorMemory(v) !== undefined);
  }));
  if (derivable) return [];
  const rule = c === 'jobManager' ? 'FLINK-JM-MEMORY' : 'FLINK-TM-MEMORY';
  const alt = ctx.version.hasResourceRequirements ? ` or ${field(ctx, c, 'resources', 'requests', 'memory')}` : '';
  return [
    finding(rule, {
      path: at(ctx, c, 'resource', 'memory'),
      message: `${LABEL[c]} memory is not defined: ${field(ctx, c, 'resource', 'memory')}${alt} is not set and the Flink memory options (${DERIVABLE[c].map((s) => s.join('+')).slice(0, 2).join(', ')}, ...) do not define it`,
      fix: `set ${field(ctx, c, 'resource', 'memory')}, e.g. "2048m"${ctx.version.hasResourceRequirements ? '' : ` (on operator ${ctx.version.id} \`resources\` is pruned)`}`,
      operatorMessage: ctx.version.hasResourceRequirements
        ? `${LABEL[c]} resource memory must be defined using \`spec.${c}.resource.memory\` or \`spec.${c}.resources.requests.memory\``
        : `${LABEL[c]} resource memory must be defined using \`spec.${c}.resource.memory\``,
    }),
  ];
}

function resource(ctx: SpecContext, c: Component): Finding[] {
  const res = obj(obj(ctx.spec[c])?.resource);
  if (!res) return [];
  const out: Finding[] = [];
  if (typeof res.memory === 'string' && parseOperatorMemory(res.memory) === undefined) {
    out.push(
      finding('FLINK-MEMORY-PARSE', {
        path: at(ctx, c, 'resource', 'memory'),
        value: res.memory,
        message: `${field(ctx, c, 'resource', 'memory')} ${show(res.memory)} is not a memory size: expected Flink syntax such as "2048m" / "2g" (m = MiB) or a Kubernetes quantity such as "2Gi"`,
        fix: 'write the memory as e.g. "2048m" or "2Gi"',
        operatorMessage: `${LABEL[c]} resource memory parse error: ${show(res.memory)}`,
      }),
    );
  }
  if (typeof res.ephemeralStorage === 'string' && parseK8sQuantity(res.ephemeralStorage) === undefined) {
    out.push(
      finding('FLINK-EPHEMERAL-STORAGE-PARSE', {
        path: at(ctx, c, 'resource', 'ephemeralStorage'),
        value: res.ephemeralStorage,
        message: `${field(ctx, c, 'resource', 'ephemeralStorage')} ${show(res.ephemeralStorage)} is not a Kubernetes quantity`,
        fix: 'write it as a quantity such as "10Gi"',
        operatorMessage: `${LABEL[c]} resource ephemeral storage parse error: ${show(res.ephemeralStorage)}`,
      }),
    );
  }
  return out;
}

function resourceRequirements(ctx: SpecContext, c: Component): Finding[] {
  if (!ctx.version.hasResourceRequirements) return [];
  const rr = obj(obj(ctx.spec[c])?.resources);
  if (!rr) return [];
  const out: Finding[] = [];
  const amount = (key: string, text: string): number | undefined =>
    key === 'memory' ? parseOperatorMemory(text) : parseK8sQuantity(text);
  for (const section of ['requests', 'limits']) {
    const q = obj(rr[section]);
    if (!q) continue;
    for (const [key, raw] of Object.entries(q)) {
      const text = quantityText(raw);
      if (text === undefined) continue; // type errors come from the schema layer
      const n = amount(key, text);
      const path = at(ctx, c, 'resources', section, key);
      const label = `${LABEL[c]} resource requirements ${section} ${key}`;
      if (n === undefined) {
        out.push(finding('FLINK-RESOURCES-QUANTITY', {
          path, value: raw,
          message: `${field(ctx, c, 'resources', section, key)} ${show(raw)} does not parse as a ${key === 'memory' ? 'memory size' : 'quantity'}`,
          fix: key === 'memory' ? 'write memory as e.g. "2Gi" or "2048m"' : 'write a quantity such as "1", "500m", "10Gi"',
          operatorMessage: `${label} parse error: ${text}`,
        }));
      } else if ((key === 'memory' || key === 'cpu') && n <= 0) {
        out.push(finding('FLINK-RESOURCES-QUANTITY', {
          path, value: raw,
          message: `${field(ctx, c, 'resources', section, key)} is ${show(raw)}: expected a positive amount`,
          fix: `set ${key} to a positive amount`,
          operatorMessage: `${label} must be positive: ${text}`,
        }));
      } else if (n < 0) {
        out.push(finding('FLINK-RESOURCES-QUANTITY', {
          path, value: raw,
          message: `${field(ctx, c, 'resources', section, key)} is ${show(raw)}: expected a non-negative amount`,
          fix: `set ${key} to 0 or more`,
          operatorMessage: `${label} must not be negative: ${text}`,
        }));
      }
    }
  }
  for (const key of ['cpu', 'memory']) {
    const req = quantityText(obj(rr.requests)?.[key]);
    const lim = quantityText(obj(rr.limits)?.[key]);
    if (req === undefined || lim === undefined) continue;
    const a = amount(key, req);
    const b = amount(key, lim);
    if (a !== undefined && b !== undefined && a > b) {
      out.push(finding('FLINK-RESOURCES-REQUEST-ABOVE-LIMIT', {
        path: at(ctx, c, 'resources', 'requests', key),
        value: req,
        message: `${field(ctx, c, 'resources', 'requests', key)} ${show(req)} is above its limit ${show(lim)}`,
        fix: `lower the ${key} request to at most ${lim}, or raise the limit`,
        operatorMessage: `${LABEL[c]} resource requirements ${key} request (${req}) must not exceed its limit (${lim})`,
      }));
    }
  }
  return out;
}

function jmReplicas(ctx: SpecContext): Finding[] {
  const jm = obj(ctx.spec.jobManager);
  const r = jm?.replicas;
  if (typeof r !== 'number') return [];
  if (r < 1) {
    return [finding('FLINK-JM-REPLICAS', {
      path: at(ctx, 'jobManager', 'replicas'), value: r,
      message: `${field(ctx, 'jobManager', 'replicas')} is ${r}: expected ≥ 1`,
      fix: `set ${field(ctx, 'jobManager', 'replicas')} to 1 (or more with high availability)`,
      operatorMessage: 'JobManager replicas should not be configured less than one.',
    })];
  }
  if (r > 1 && !isHaActivated(ctx.conf)) {
    return [finding('FLINK-JM-HA', {
      path: at(ctx, 'jobManager', 'replicas'), value: r,
      message: `${field(ctx, 'jobManager', 'replicas')} is ${r} but high availability is off (high-availability.type unset or NONE)`,
      fix: 'set flinkConfiguration high-availability.type: kubernetes and high-availability.storageDir, or use 1 replica',
      operatorMessage: 'High availability should be enabled when starting standby JobManagers.',
    })];
  }
  return [];
}

function tmReplicas(ctx: SpecContext): Finding[] {
  // With a job, jobSpec() reports it (the operator's job check comes first with its own message).
  if (obj(ctx.spec.job)) return [];
  const r = obj(ctx.spec.taskManager)?.replicas;
  if (typeof r !== 'number' || r >= 1) return [];
  return [finding('FLINK-TM-REPLICAS', {
    path: at(ctx, 'taskManager', 'replicas'), value: r,
    message: `${field(ctx, 'taskManager', 'replicas')} is ${r}: expected ≥ 1`,
    fix: `set ${field(ctx, 'taskManager', 'replicas')} to 1 or more, or remove it`,
    operatorMessage: 'TaskManager replicas should not be configured less than one.',
  })];
}

function serviceAccount(ctx: SpecContext): Finding[] {
  if (ctx.spec.serviceAccount !== undefined && ctx.spec.serviceAccount !== null) return [];
  return [finding('FLINK-SERVICE-ACCOUNT', {
    path: at(ctx, 'serviceAccount'),
    message: `${field(ctx, 'serviceAccount')} is not set`,
    fix: `set ${field(ctx, 'serviceAccount')} to the job service account (the Helm chart's default is "flink")`,
    operatorMessage: 'spec.serviceAccount must be defined. If you use helm, its value should be the same with the name of jobServiceAccount.',
  })];
}

const AS = 'job.autoscaler.';
const RECONCILE_INTERVAL = 'kubernetes.operator.reconcile.interval';
const DEPRECATED_RECONCILE_INTERVAL = 'kubernetes.operator.reconciler.reschedule.interval';
const EXCLUDED_PERIODS = `${AS}excluded.periods`;

/**
 * `job.autoscaler.excluded.periods` (fallback `kubernetes.operator.job.autoscaler.excluded.periods`):
 * a `;`-separated list; each entry a Quartz cron expression, a daily range, or one of each joined by
 * `&&` (flink-autoscaler `CalendarUtils.validateExcludedPeriods`, called by `AutoscalerValidator` when
 * the autoscaler is enabled). The operator reports the first bad entry; we report each.
 */
function excludedPeriods(ctx: SpecContext): Finding[] {
  const key = firstSetKey(ctx, [EXCLUDED_PERIODS, `kubernetes.operator.${EXCLUDED_PERIODS}`]);
  if (key === undefined) return [];
  const text = ctx.conf.values.get(key) ?? '';
  return text
    .split(';')
    .map((e) => e.trim())
    .filter((e) => e !== '')
    .flatMap((e) => {
      const err = excludedPeriodError(e);
      if (err === undefined) return [];
      const detail = /neither/.test(err)
        ? ', the value is neither a valid daily expression nor a valid cron expression'
        : /one daily range && one cron/.test(err)
          ? ', the value can not be configured as dailyExpression && dailyExpression or cronExpression && cronExpression'
          : '';
      return [finding('FLINK-AUTOSCALER-EXCLUDED-PERIODS', {
        path: confAt(ctx, key),
        value: e,
        message: `${confField(ctx, key)} entry ${show(e)} is invalid: ${err}`,
        fix: 'write a Quartz cron expression with 6 or 7 fields and "?" in day-of-month or day-of-week (e.g. "* * 9-11 * * ?", "* * * ? * 2-6"), a daily range (e.g. "9:30:30-10:50:20"), or one of each joined by "&&"; separate entries with ";"',
        operatorMessage: `Invalid value ${e} in the autoscaler config ${EXCLUDED_PERIODS}${detail}`,
      })];
    });
}
function asGet(ctx: SpecContext, key: string, ...deprecated: string[]): string | undefined {
  return getConfig(ctx.conf, AS + key, ...deprecated.map((d) => AS + d), `kubernetes.operator.${AS}${key}`);
}

export function autoscaler(ctx: SpecContext): Finding[] {
  const enabled = asGet(ctx, 'enabled')?.trim().toLowerCase() === 'true';
  if (!enabled) return [];
  const out: Finding[] = [];
  const num = (key: string, dflt: number | undefined, ...dep: string[]): number | undefined | 'bad' => {
    const v = asGet(ctx, key, ...dep);
    if (v === undefined) return dflt;
    const n = Number(v.trim());
    return v.trim() === '' || !Number.isFinite(n) ? 'bad' : n;
  };
  const target = num('utilization.target', 0.7, 'target.utilization');
  const targetN = typeof target === 'number' ? target : 0.7;
  const main = ctx.version.hasResourceRequirements;
  const checks: Array<[string, number | undefined, number | undefined, string[]?, boolean?]> = [
    ['scale-down.max-factor', 0, undefined],
    ['scale-up.max-factor', 0, undefined],
    ['utilization.target', 0, 1, ['target.utilization']],
    ['target.utilization.boundary', 0, undefined],
    ['utilization.max', targetN, 1],
    ['utilization.min', 0, targetN],
  ];
  if (main) {
    checks.push(['memory.gc-pressure.threshold', 0, 1], ['memory.heap-usage.threshold', 0, 1]);
    if (asGet(ctx, 'observed-scalability.enabled')?.trim().toLowerCase() === 'true') checks.push(['observed-scalability.coefficient-min', 0.01, 1]);
    if (asGet(ctx, 'scaling.effectiveness.detection.enabled')?.trim().toLowerCase() === 'true') checks.push(['scaling.effectiveness.threshold', 0, 1]);
    if (asGet(ctx, 'memory.tuning.enabled')?.trim().toLowerCase() === 'true') checks.push(['memory.tuning.overhead', 0, 1]);
  } else {
    checks.push(['observed-scalability.coefficient-min', 0.01, 1]);
  }
  for (const [key, min, max, dep] of checks) {
    const v = num(key, undefined, ...(dep ?? []));
    if (v === undefined) continue;
    const setKey = firstSetKey(ctx, [AS + key, ...(dep ?? []).map((d) => AS + d), `kubernetes.operator.${AS}${key}`]) ?? AS + key;
    const fmt = (x: number | undefined, inf: string) => (x === undefined ? inf : Number.isInteger(x) ? x.toFixed(1) : String(x));
    if (v === 'bad') {
      out.push(finding('FLINK-AUTOSCALER-RANGE', {
        path: confAt(ctx, setKey), value: ctx.conf.values.get(setKey),
        message: `${confField(ctx, setKey)} ${show(ctx.conf.values.get(setKey))} is not a number`,
        fix: 'write a decimal number, e.g. "0.7"',
        operatorMessage: `Invalid value in the autoscaler config ${AS + key}`,
      }));
    } else if ((min !== undefined && v < min) || (max !== undefined && v > max)) {
      const range = `[${fmt(min, '-Infinity')}, ${fmt(max, '+Infinity')}]`;
      out.push(finding('FLINK-AUTOSCALER-RANGE', {
        path: confAt(ctx, setKey), value: v,
        message: `${confField(ctx, setKey)} is ${v}: expected a value within ${range}`,
        fix: `set it within ${range}`,
        operatorMessage: `The AutoScalerOption ${AS + key} is invalid, it should be a value within the range ${range}`,
      }));
    }
  }
  out.push(...excludedPeriods(ctx));
  if (main) {
    const winText = asGet(ctx, 'metrics.window');
    // OPERATOR_RECONCILE_INTERVAL still reads its deprecated key kubernetes.operator.reconciler.reschedule.interval.
    const intKey = firstSetKey(ctx, [RECONCILE_INTERVAL, DEPRECATED_RECONCILE_INTERVAL]) ?? RECONCILE_INTERVAL;
    const intText = ctx.conf.values.get(intKey);
    const win = winText === undefined ? 15 * 60_000 : parseFlinkDuration(winText);
    const interval = intText === undefined ? 60_000 : parseFlinkDuration(intText);
    if (win !== undefined && interval !== undefined && win < interval) {
      const key = firstSetKey(ctx, [AS + 'metrics.window', `kubernetes.operator.${AS}metrics.window`]) ?? intKey;
      out.push(finding('FLINK-AUTOSCALER-METRICS-WINDOW', {
        path: confAt(ctx, key),
        value: winText ?? '15 min',
        message: `the autoscaler metrics window (${winText ?? '15 min'}) is smaller than the reconcile interval (${intText ?? '60 s'}): fewer than two samples are kept and autoscaling never acts`,
        fix: `raise ${AS}metrics.window to at least the reconcile interval, or lower ${intKey}`,
        operatorMessage: `The autoscaler metric window (${AS}metrics.window=${winText ?? '15 min'}) must not be smaller than the operator reconcile interval (${RECONCILE_INTERVAL}=${intText ?? '60 s'}), otherwise fewer than two metric samples are retained and autoscaling is never applied.`,
      }));
    }
  }
  return out;
}
