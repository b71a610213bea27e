import { describe, expect, it } from 'vitest';
import { OperatorVersion } from '../../src/operator-version';
import { validateDocument, validateDocuments, type Finding } from '../../src/validation';
import { imagePinning, unpinnedReason } from '../../src/validation/image-ref';
import { isCredentialKey } from '../../src/validation/rules/security';
import { advanced, fd, wired, type Doc } from './helpers';

const SEC = (doc: unknown, strict = false, operatorVersion = OperatorVersion.FLIP_504): Finding[] =>
  validateDocument(doc, { operatorVersion, strict }).filter((f) => f.rule.startsWith('SEC-'));
const brief = (fs: readonly Finding[]) => fs.map((f) => `${f.severity} ${f.rule} ${f.path}`);

function withPod(doc: Doc, where: 'podTemplate' | 'jobManager' | 'taskManager', pod: Record<string, unknown>): Doc {
  const spec = doc.kind === 'FlinkDeployment' ? doc.spec : doc.spec.template.spec;
  if (where === 'podTemplate') spec.podTemplate = { spec: pod };
  else spec[where].podTemplate = { spec: pod };
  return doc;
}

describe('SEC-PLAINTEXT-CREDENTIAL', () => {
  it('flags literal credentials, masked, with the Secret-based fix', () => {
    const d = fd();
    d.spec.flinkConfiguration['s3.secret-key'] = 'wJalrXUtnFEMI/K7MDENG';
    d.spec.flinkConfiguration['s3.access-key'] = 'AKIAIOSFODNN7EXAMPLE';
    d.spec.flinkConfiguration['security.ssl.internal.keystore-password'] = 'hunter2';
    d.spec.flinkConfiguration['metrics.reporter.dd.apikey'] = 'abc123';
    const found = SEC(d);
    expect(brief(found)).toEqual([
      'warning SEC-PLAINTEXT-CREDENTIAL /spec/flinkConfiguration/s3.secret-key',
      'warning SEC-PLAINTEXT-CREDENTIAL /spec/flinkConfiguration/s3.access-key',
      'warning SEC-PLAINTEXT-CREDENTIAL /spec/flinkConfiguration/security.ssl.internal.keystore-password',
      'warning SEC-PLAINTEXT-CREDENTIAL /spec/flinkConfiguration/metrics.reporter.dd.apikey',
    ]);
    const text = JSON.stringify(found);
    for (const secret of ['wJalrXUtnFEMI', 'AKIAIOSFODNN7EXAMPLE', 'hunter2', 'abc123']) expect(text).not.toContain(secret);
    expect(found[0].value).toBe('*** (21 characters, hidden)');
    expect(found[0].fix).toContain('valueFrom: { secretKeyRef:');
    expect(found[0].fix).toContain('AWS_SECRET_ACCESS_KEY');
    expect(found[0].fix).toContain('name: S3_SECRET_KEY');
  });

  it('knows settings about credentials from credentials', () => {
    for (const key of ['s3.secret-key', 'fs.s3a.secret.key', 'fs.s3a.access.key', 'fs.azure.account.key.acct.blob.core.windows.net', 'kubernetes.token', 'sink.password', 'client-secret']) {
      expect(isCredentialKey(key, 'x'), key).toBe(true);
    }
    for (const key of ['security.kerberos.token.provider.hbase.enabled', 'security.ssl.keystore-password-file', 'security.delegation.tokens.renewal.retry.backoff', 'state.checkpoints.dir', 'kafka.sasl.jaas.config']) {
      expect(isCredentialKey(key, 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;'), key).toBe(false);
    }
    expect(isCredentialKey('kafka.sasl.jaas.config', 'PlainLoginModule required username="u" password="p";')).toBe(true);
  });

  it('leaves references and empty values alone', () => {
    const d = fd();
    d.spec.flinkConfiguration['s3.secret-key'] = '${S3_SECRET_KEY}';
    d.spec.flinkConfiguration['s3.access-key'] = '';
    expect(SEC(d)).toEqual([]);
  });

  it('checks the blue/green template and spec.configuration too', () => {
    const d = advanced();
    d.spec.template.spec.flinkConfiguration['s3.secret-key'] = 'literal';
    d.spec.configuration['some.api-key'] = 'literal';
    expect(brief(SEC(d))).toEqual([
      'warning SEC-PLAINTEXT-CREDENTIAL /spec/configuration/some.api-key',
      'warning SEC-PLAINTEXT-CREDENTIAL /spec/template/spec/flinkConfiguration/s3.secret-key',
    ]);
  });
});

describe('SEC-PRIVILEGED-CONTAINER and SEC-ROOT-CONTAINER', () => {
  it('flags privileged, escalation, added capabilities and root, in containers, init containers and pods', () => {
    const d = withPod(fd(), 'jobManager', {
      securityContext: { runAsUser: 0 },
      initContainers: [{ name: 'setup', image: 'busybox:1.36', securityContext: { privileged: true } }],
      containers: [{ name: 'flink-main-container', securityContext: { allowPrivilegeEscalation: true, runAsNonRoot: false, capabilities: { add: ['NET_BIND_SERVICE', 'SYS_ADMIN'] } } }],
    });
    expect(brief(SEC(d))).toEqual([
      'warning SEC-ROOT-CONTAINER /spec/jobManager/podTemplate/spec/securityContext/runAsUser',
      'warning SEC-PRIVILEGED-CONTAINER /spec/jobManager/podTemplate/spec/initContainers/0/securityContext/privileged',
      'warning SEC-PRIVILEGED-CONTAINER /spec/jobManager/podTemplate/spec/containers/0/securityContext/allowPrivilegeEscalation',
      'warning SEC-PRIVILEGED-CONTAINER /spec/jobManager/podTemplate/spec/containers/0/securityContext/capabilities/add',
      'warning SEC-ROOT-CONTAINER /spec/jobManager/podTemplate/spec/containers/0/securityContext/runAsNonRoot',
    ]);
    expect(SEC(d).find((f) => f.path.endsWith('/capabilities/add'))!.value).toEqual(['SYS_ADMIN']);
  });

  it('accepts hardened pods', () => {
    const d = withPod(fd(), 'podTemplate', {
      securityContext: { runAsUser: 9999, runAsNonRoot: true },
      containers: [{ name: 'flink-main-container', securityContext: { allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } }],
    });
    expect(SEC(d)).toEqual([]);
  });
});

describe('SEC-NO-SERVICE-ACCOUNT-TOKEN', () => {
  it('flags a Flink pod without its token, and says what it breaks for a gate job', () => {
    const plain = SEC(withPod(fd(), 'taskManager', { automountServiceAccountToken: false }));
    expect(brief(plain)).toEqual(['warning SEC-NO-SERVICE-ACCOUNT-TOKEN /spec/taskManager/podTemplate/spec/automountServiceAccountToken']);
    expect(plain[0].message).not.toContain('gate');
    const gate = SEC(withPod(wired(), 'podTemplate', { automountServiceAccountToken: false }));
    expect(gate.find((f) => f.rule === 'SEC-NO-SERVICE-ACCOUNT-TOKEN')!.message).toContain('the blue/green gate cannot read or update its ConfigMap');
    expect(SEC(withPod(fd(), 'taskManager', { automountServiceAccountToken: true }))).toEqual([]);
  });
});

describe('SEC-UNPINNED-IMAGE', () => {
  it('parses image references: registry ports are not tags, digests pin', () => {
    expect(imagePinning('registry:5000/team/job')).toEqual({});
    expect(imagePinning('registry:5000/team/job:1.2')).toEqual({ tag: '1.2' });
    expect(imagePinning('flink@sha256:abc')).toEqual({ digest: 'sha256:abc' });
    expect(unpinnedReason('flink:latest@sha256:abc')).toBeUndefined();
    expect(unpinnedReason('flink:1.20-java17')).toBeUndefined();
  });

  it('flags untagged and latest images in the spec and in pod templates', () => {
    const d = withPod(fd(), 'jobManager', { initContainers: [{ name: 'agent', image: 'registry:5000/agent' }], containers: [{ name: 'side', image: 'busybox:1.36' }] });
    d.spec.image = 'flink:latest';
    const found = SEC(d);
    expect(brief(found)).toEqual([
      'warning SEC-UNPINNED-IMAGE /spec/image',
      'warning SEC-UNPINNED-IMAGE /spec/jobManager/podTemplate/spec/initContainers/0/image',
    ]);
    expect(found[0].message).toBe('the image "flink:latest" uses the moving tag "latest": what runs changes without a change in Git, and the operator cannot see an upgrade');
    expect(found[1].message).toContain('has no tag or digest');
  });
});

describe('messages stay small whatever the input holds', () => {
  it('a 2 MB image shows as its first characters and its length (the CLI fuzz found 4 MB of output)', () => {
    const d = fd();
    d.spec.image = 'x'.repeat(2_000_000);
    const [f] = SEC(d);
    expect(f.rule).toBe('SEC-UNPINNED-IMAGE');
    expect(f.message.length + f.fix.length).toBeLessThan(600);
    expect(f.message).toContain('… (2000000 characters)');
  });
});

describe('SEC-BROAD-GATE-ROLE (across documents)', () => {
  const role = (rules: unknown[], kind = 'Role', name = 'orders-gate') => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name, namespace: 'flink' }, rules });
  const exact = { apiGroups: [''], resources: ['configmaps'], resourceNames: ['orders-configmap'], verbs: ['get', 'list', 'watch', 'update'] };

  it('accepts exactly what the gate needs', () => {
    expect(validateDocuments([wired(), role([exact])]).flat().filter((f) => f.rule.startsWith('SEC-'))).toEqual([]);
  });

  it('flags extra verbs, resources, names and whole-namespace grants in the gate Role', () => {
    const broad = role([
      exact,
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['orders-configmap', 'other'], verbs: ['get', 'delete'] },
      { apiGroups: ['', 'apps'], resources: ['configmaps', 'secrets'], verbs: ['*'] },
    ]);
    const [, found] = validateDocuments([wired(), broad], { operatorVersion: OperatorVersion.MAIN });
    expect(brief(found)).toEqual(['warning SEC-BROAD-GATE-ROLE /rules/1', 'warning SEC-BROAD-GATE-ROLE /rules/2']);
    expect(found[0].message).toBe('Role "orders-gate" is the gate\'s RBAC but rules[1] also grants verbs "delete"; other objects by name ("other"): the gate needs get, list, watch, update on its one ConfigMap');
    expect(found[1].message).toContain('API groups "apps"; resources "secrets"; verbs "*"; every ConfigMap of the namespace (no resourceNames)');
  });

  it('flags a ClusterRole for the gate, and finds the ConfigMap of an ADVANCED blue/green job', () => {
    const [, found] = validateDocuments([advanced(), role([exact], 'ClusterRole')]);
    expect(brief(found)).toEqual(['warning SEC-BROAD-GATE-ROLE /kind']);
  });

  it('leaves Roles that are not the gate\'s alone (Flink\'s own Role is legitimately broad)', () => {
    const flinkRole = role([{ apiGroups: [''], resources: ['pods', 'configmaps'], verbs: ['*'] }], 'Role', 'flink');
    expect(validateDocuments([wired(), flinkRole]).flat().filter((f) => f.rule.startsWith('SEC-'))).toEqual([]);
    // Named like ours, it is the gate's whatever it names.
    const [, found] = validateDocuments([fd(), role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }], 'Role', 'orders-bluegreen-gate')]);
    expect(brief(found)).toEqual(['warning SEC-BROAD-GATE-ROLE /rules/0']);
  });
});

describe('strict and suppression', () => {
  const risky = () => {
    const d = fd();
    d.spec.image = 'flink';
    return d;
  };

  it('strict reports the security lints as errors, and only those', () => {
    const d = wired();
    d.spec.image = 'flink';
    const all = validateDocument(d, { operatorVersion: OperatorVersion.FLIP_504, strict: true });
    expect(all.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['SEC-UNPINNED-IMAGE']);
    expect(all.filter((f) => f.rule.startsWith('RUNTIME-')).every((f) => f.severity === 'warning')).toBe(true);
  });

  it('an annotation with a reason suppresses a security lint, in strict mode too', () => {
    const d = risky();
    d.metadata.annotations = { 'flink.bluegreen/ignore-SEC-UNPINNED-IMAGE': 'local kind cluster image, loaded by name' };
    expect(SEC(d, true)).toEqual([]);
    d.metadata.annotations = { 'flink.bluegreen/ignore-SEC-UNPINNED-IMAGE': '' };
    const found = validateDocument(d, { strict: true });
    expect(brief(found)).toEqual([
      'error SEC-UNPINNED-IMAGE /spec/image',
      'error SUPPRESSION-REASON /metadata/annotations/flink.bluegreen~1ignore-SEC-UNPINNED-IMAGE',
    ]);
  });
});
