/**
 * Security lints on a Flink spec: warnings by default, errors under `strict` (see validate.ts).
 * Each is about what the manifest puts in Git or grants at run time, not about what the operator
 * accepts, which is why none of them is an error on its own.
 */
import { at, confAt, obj, type SpecContext } from '../context';
import { pointer, type Finding } from '../finding';
import { unpinnedReason } from '../image-ref';
import { finding, show } from '../rule';
import { memoByString } from '../../bounded-memo';

/** Rules a `strict` run reports as errors. */
export const SECURITY_RULE_PREFIX = 'SEC-';

/**
 * Whether a flinkConfiguration key holds a credential, judged on its last segment so that
 * settings *about* credentials (`security.kerberos.token.provider.hbase.enabled`,
 * `security.ssl.keystore-password-file`-style paths, renewal intervals) are not taken for one.
 */
export function isCredentialKey(key: string, value: string): boolean {
  const verdict = keyVerdict(key);
  // A JAAS line carries its password inline.
  return verdict === 'jaas' ? /password\s*=/i.test(value) : verdict;
}

/**
 * The verdict on a key alone, remembered (the same keys recur in every job of a fleet, and every
 * output is masked with this rule). Only a JAAS `...config` key needs its value to decide.
 */
const keyVerdict = memoByString(judgeKey);

function judgeKey(key: string): boolean | 'jaas' {
  const k = key.toLowerCase();
  const segments = k.split('.');
  const last = segments[segments.length - 1];
  const before = segments[segments.length - 2];
  // A path or file name points at a mounted secret: that is the fix, not the problem.
  if (/(file|path|location|dir|enabled|provider|class|factory|interval|ratio|timeout)$/.test(last)) return false;
  if (/pass(word|wd)/.test(last)) return true;
  if (/(^|[-_])(secret|secret[-_]?key|client[-_]secret|access[-_]?key|token|api[-_]?key|apikey|private[-_]key)$/.test(last)) return true;
  // Hadoop style: fs.s3a.secret.key, fs.s3a.access.key, fs.azure.account.key.<account>.<host>
  if (last === 'key' && (before === 'secret' || before === 'access')) return true;
  if (/(^|\.)account\.key\./.test(k)) return true;
  if (last === 'config' && k.includes('jaas')) return 'jaas';
  return false;
}

/** A value that refers to a credential instead of holding one. */
function isReference(value: string): boolean {
  return value.trim() === '' || /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value.trim());
}

/** Never print a credential: its length is enough to find it. */
export function masked(value: string): string {
  return `*** (${value.length} characters, hidden)`;
}

function envName(key: string): string {
  return key.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
}

function credentialFinding(path: string, key: string, value: string, where: string): Finding {
  const env = envName(key);
  return finding('SEC-PLAINTEXT-CREDENTIAL', {
    path,
    value: masked(value),
    message: `${where}["${key}"] holds a literal credential (${masked(value)}): it ends up in Git, in the custom resource every reader of the namespace can get, and in the Flink web UI`,
    fix:
      `remove the key and give the pods the value from a Secret: podTemplate.spec.containers: [{ name: flink-main-container, env: [{ name: ${env}, valueFrom: { secretKeyRef: { name: <secret>, key: <key> } } }] }]` +
      (/^(s3|fs\.s3a)\./i.test(key)
        ? ' — for S3, the filesystem reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the environment, or use IRSA / workload identity and no keys at all'
        : ', and have the job read it from the environment'),
  });
}

/** Literal credentials among flinkConfiguration keys. */
function configurationCredentials(ctx: SpecContext): Finding[] {
  const out: Finding[] = [];
  for (const [key, value] of ctx.conf.values) {
    // Only what the manifest writes: the operator's defaults are the platform's, not in this file.
    if (!ctx.conf.sources.has(key)) continue;
    if (!isCredentialKey(key, value) || isReference(value)) continue;
    out.push(credentialFinding(confAt(ctx, key), key, value, [...ctx.base, 'flinkConfiguration'].join('.')));
  }
  return out;
}

/** Literal credentials in a FlinkBlueGreenDeployment's `spec.configuration`. */
export function blueGreenConfigurationCredentials(spec: Record<string, unknown> | undefined): Finding[] {
  const conf = obj(spec?.configuration);
  if (!conf) return [];
  const out: Finding[] = [];
  for (const [key, v] of Object.entries(conf)) {
    if (typeof v !== 'string' || !isCredentialKey(key, v) || isReference(v)) continue;
    out.push(credentialFinding(pointer('spec', 'configuration', key), key, v, 'spec.configuration'));
  }
  return out;
}

interface PodTemplateRef {
  readonly template: Record<string, unknown>;
  readonly segments: readonly string[];
}

function podTemplates(ctx: SpecContext): PodTemplateRef[] {
  const out: PodTemplateRef[] = [];
  const add = (v: unknown, segments: string[]) => {
    const t = obj(v);
    if (t) out.push({ template: t, segments });
  };
  add(ctx.spec.podTemplate, ['podTemplate']);
  add(obj(ctx.spec.jobManager)?.podTemplate, ['jobManager', 'podTemplate']);
  add(obj(ctx.spec.taskManager)?.podTemplate, ['taskManager', 'podTemplate']);
  return out;
}

/** Capabilities that widen what a process can do to the node or other pods. */
function riskyCapabilities(add: unknown): string[] {
  if (!Array.isArray(add)) return [];
  return add.filter((c): c is string => typeof c === 'string' && c.toUpperCase() !== 'NET_BIND_SERVICE');
}

function securityContextFindings(ctx: SpecContext, sc: unknown, segs: readonly (string | number)[], who: string): Finding[] {
  const s = obj(sc);
  if (!s) return [];
  const out: Finding[] = [];
  const p = (...more: string[]) => at(ctx, ...segs, 'securityContext', ...more);
  if (s.privileged === true) {
    out.push(finding('SEC-PRIVILEGED-CONTAINER', {
      path: p('privileged'), value: true,
      message: `${who} runs privileged: it has every capability and the host's devices, so a compromised job owns the node`,
      fix: 'remove securityContext.privileged (Flink needs no privileges)',
    }));
  }
  if (s.allowPrivilegeEscalation === true) {
    out.push(finding('SEC-PRIVILEGED-CONTAINER', {
      path: p('allowPrivilegeEscalation'), value: true,
      message: `${who} allows privilege escalation (setuid binaries can gain root)`,
      fix: 'set securityContext.allowPrivilegeEscalation: false, or remove it',
    }));
  }
  const caps = riskyCapabilities(obj(s.capabilities)?.add);
  if (caps.length > 0) {
    out.push(finding('SEC-PRIVILEGED-CONTAINER', {
      path: p('capabilities', 'add'), value: caps,
      message: `${who} adds the Linux capabilities ${caps.join(', ')}, which Flink does not need`,
      fix: 'remove securityContext.capabilities.add (and consider capabilities.drop: [ALL])',
    }));
  }
  if (s.runAsUser === 0) {
    out.push(finding('SEC-ROOT-CONTAINER', {
      path: p('runAsUser'), value: 0,
      message: `${who} runs as root (runAsUser: 0); the Flink images run as the unprivileged user flink (9999)`,
      fix: 'remove runAsUser, or set a non-zero user such as 9999, with runAsNonRoot: true',
    }));
  }
  if (s.runAsNonRoot === false) {
    out.push(finding('SEC-ROOT-CONTAINER', {
      path: p('runAsNonRoot'), value: false,
      message: `${who} explicitly allows running as root (runAsNonRoot: false)`,
      fix: 'set runAsNonRoot: true, or remove it',
    }));
  }
  return out;
}

function imageFinding(ctx: SpecContext, image: unknown, segs: readonly (string | number)[], who: string): Finding[] {
  if (typeof image !== 'string' || image === '') return [];
  const reason = unpinnedReason(image);
  if (!reason) return [];
  return [finding('SEC-UNPINNED-IMAGE', {
    path: at(ctx, ...segs), value: image,
    message: `${who} ${show(image)} ${reason}: what runs changes without a change in Git, and the operator cannot see an upgrade`,
    fix: image.length > 200 ? 'pin it to a version tag or a digest' : `pin it: ${image.replace(/:latest$/, '')}:<version>, or ${image.replace(/:latest$/, '')}@sha256:<digest>`,
  })];
}

/** The security lints for one Flink spec (a FlinkDeployment's or a blue/green template's). */
export function securityFindings(ctx: SpecContext, gateJob: boolean): Finding[] {
  const out: Finding[] = [...configurationCredentials(ctx), ...imageFinding(ctx, ctx.spec.image, ['image'], 'the image')];
  for (const { template, segments } of podTemplates(ctx)) {
    const pod = obj(template.spec);
    if (!pod) continue;
    const base = [...segments, 'spec'];
    if (pod.automountServiceAccountToken === false) {
      out.push(finding('SEC-NO-SERVICE-ACCOUNT-TOKEN', {
        path: at(ctx, ...base, 'automountServiceAccountToken'), value: false,
        message:
          'automountServiceAccountToken: false takes the API token away from the Flink pods: the JobManager creates TaskManager pods and Kubernetes HA writes ConfigMaps through the API server' +
          (gateJob ? ', and the blue/green gate cannot read or update its ConfigMap, so the transition never cuts over' : ''),
        fix: 'remove automountServiceAccountToken (or set it to true); restrict what the token can do with the service account\'s RBAC instead',
      }));
    }
    out.push(...securityContextFindings(ctx, pod.securityContext, base, `the pod of ${segments.join('.')}`));
    for (const list of ['initContainers', 'containers'] as const) {
      const containers = pod[list];
      if (!Array.isArray(containers)) continue;
      containers.forEach((c, i) => {
        const container = obj(c);
        if (!container) return;
        const who = `${list === 'initContainers' ? 'init container' : 'container'} ${show(container.name ?? i)} of ${segments.join('.')}`;
        out.push(...securityContextFindings(ctx, container.securityContext, [...base, list, i], who));
        out.push(...imageFinding(ctx, container.image, [...base, list, i, 'image'], `the image of ${who}`));
      });
    }
  }
  return out;
}
