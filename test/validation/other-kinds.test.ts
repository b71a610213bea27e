/**
 * FlinkSessionJob, FlinkStateSnapshot and unknown kinds of flink.apache.org. Each case quotes what
 * the operator does; the classes are apache/flink-kubernetes-operator
 * `validation/DefaultValidator` (validateSessionJob, validateJarURI, validateStateSnapshot,
 * release-1.15.0), `reconciler/snapshot/StateSnapshotReconciler` and `utils/SnapshotUtils`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OperatorConfiguration } from '../../src/operator-configuration';
import { parseAllDocuments } from 'yaml';
import { OperatorVersion, OPERATOR_VERSION_IDS, type OperatorVersionId } from '../../src/operator-version';
import { RULES, validateDocuments, type Finding } from '../../src/validation';
import { checkJarUri, jarUriPolicy, parseJavaUri } from '../../src/validation/jar-uri';
import { check, type Doc, fd } from './helpers';

function sessionCluster(): Doc {
  const d = fd();
  d.metadata.name = 'shared-session';
  delete d.spec.job;
  return d;
}

function sessionJob(): Doc {
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkSessionJob',
    metadata: { name: 'clicks', namespace: 'flink' },
    spec: {
      deploymentName: 'shared-session',
      job: { jarURI: 'https://artifacts.example.com/jobs/clicks-1.0.jar', parallelism: 2, upgradeMode: 'savepoint' },
    },
  };
}

function snapshot(): Doc {
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkStateSnapshot',
    metadata: { name: 'orders-sp-1', namespace: 'flink' },
    spec: { savepoint: {}, jobReference: { kind: 'FlinkDeployment', name: 'orders' } },
  };
}

/** All findings of the last document when validated together with the others. */
function withInput(docs: Doc[], version: OperatorVersionId = '1.15', operatorConfiguration?: Record<string, string>): Finding[] {
  const all = validateDocuments(docs, { operatorVersion: OperatorVersion.of(version), operatorConfiguration: operatorConfiguration && OperatorConfiguration.fromEntries(operatorConfiguration) });
  return all[all.length - 1];
}

const rules = (fs: readonly Finding[]) => fs.map((f) => f.rule).sort();

describe('clean inputs pass on every operator version', () => {
  for (const v of OPERATOR_VERSION_IDS) {
    it(`session cluster + session job + snapshots on ${v}`, () => {
      const cp = snapshot();
      cp.metadata.name = 'clicks-cp';
      cp.spec = { checkpoint: {}, jobReference: { kind: 'FlinkSessionJob', name: 'clicks' } };
      const registered = { ...snapshot(), metadata: { name: 'imported' }, spec: { savepoint: { path: 's3://b/sp/savepoint-1', alreadyExists: true } } };
      const all = validateDocuments([fd(), sessionCluster(), sessionJob(), snapshot(), cp, registered], { operatorVersion: OperatorVersion.of(v) });
      expect(all.flat()).toEqual([]);
    });
  }
});

interface Case {
  readonly rule: string;
  readonly version?: OperatorVersionId;
  /** The input, the document under test last. */
  readonly docs: () => Doc[];
  readonly path: string;
  readonly operatorMessage?: string;
  readonly message?: RegExp;
}

const sj = (f: (d: Doc) => void) => () => { const d = sessionJob(); f(d); return [d]; };
const sp = (f: (d: Doc) => void, ...others: Doc[]) => () => { const d = snapshot(); f(d); return [...others, d]; };

const CASES: Case[] = [
  // DefaultValidator.validateSessionJobOnly
  { rule: 'SESSIONJOB-DEPLOYMENT-NAME', docs: sj((d) => (d.spec.deploymentName = 'Shared_Session')), path: '/spec/deploymentName', operatorMessage: "The FlinkDeployment name: Shared_Session is invalid, must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123'), and the length must be no more than 45 characters." },
  { rule: 'SESSIONJOB-DEPLOYMENT-NAME', docs: sj((d) => delete d.spec.deploymentName), path: '/spec/deploymentName', message: /not set/ },
  { rule: 'SESSIONJOB-JOB-MISSING', docs: sj((d) => delete d.spec.job), path: '/spec/job', operatorMessage: 'The job spec should not be empty' },
  // DefaultValidator.validateJarURI (1.15+): DefaultValidatorTest.testJarUriSchemeValidation's inputs
  { rule: 'SESSIONJOB-JAR-URI', docs: sj((d) => (d.spec.job.jarURI = 'local:///tmp/sample.jar')), path: '/spec/job/jarURI', operatorMessage: "jarURI scheme 'local' is not in the allowlist [https]. Configure 'kubernetes.operator.user.artifacts.allowed-schemes' to extend the allowlist." },
  { rule: 'SESSIONJOB-JAR-URI', docs: sj((d) => (d.spec.job.jarURI = 'http://example.com/job.jar')), path: '/spec/job/jarURI', operatorMessage: "jarURI scheme 'http' is not in the allowlist [https]. Configure 'kubernetes.operator.user.artifacts.allowed-schemes' to extend the allowlist." },
  { rule: 'SESSIONJOB-JAR-URI', docs: sj((d) => (d.spec.job.jarURI = '/no/scheme/job.jar')), path: '/spec/job/jarURI', operatorMessage: 'jarURI must include a scheme' },
  { rule: 'SESSIONJOB-JAR-URI', docs: sj((d) => (d.spec.job.jarURI = 'ht tp://bad uri')), path: '/spec/job/jarURI', operatorMessage: 'jarURI is not a valid URI: Illegal character in scheme name at index 2: ht tp://bad uri' },
  { rule: 'SESSIONJOB-JAR-URI-HOST', docs: sj((d) => (d.spec.job.jarURI = 'https://169.254.169.254/latest/meta-data/iam/security-credentials/')), path: '/spec/job/jarURI', operatorMessage: "jarURI host '169.254.169.254' resolves to a restricted address" },
  { rule: 'SESSIONJOB-JAR-URI-HOST', docs: sj((d) => (d.spec.job.jarURI = 'https://localhost/job.jar')), path: '/spec/job/jarURI', operatorMessage: "jarURI host 'localhost' resolves to a restricted address" },
  { rule: 'SESSIONJOB-JAR-URI-HOST', docs: sj((d) => (d.spec.job.jarURI = 'https:///job.jar')), path: '/spec/job/jarURI', operatorMessage: 'jarURI must include a host for http/https schemes' },
  // DefaultValidator.validateJobSpec with no TaskManagerSpec (session jobs)
  { rule: 'SESSIONJOB-PARALLELISM', docs: sj((d) => delete d.spec.job.parallelism), path: '/spec/job/parallelism', operatorMessage: 'Job parallelism must be larger than 0' },
  // DefaultValidator.validateSessionJobWithCluster: operator defaults + cluster conf + job conf
  { rule: 'SESSIONJOB-CHECKPOINT-DIR', docs: () => { const c = sessionCluster(); c.spec.flinkConfiguration = {}; const j = sessionJob(); j.spec.job.upgradeMode = 'last-state'; return [c, j]; }, path: '/spec/flinkConfiguration/state.checkpoints.dir', operatorMessage: 'Checkpoint directory[execution.checkpointing.dir] must be defined for last-state and savepoint upgrade modes' },
  { rule: 'SESSIONJOB-SAVEPOINT-DIR', docs: () => { const c = sessionCluster(); c.spec.flinkConfiguration = { 'state.checkpoints.dir': 's3://b/cp' }; return [c, sessionJob()]; }, path: '/spec/flinkConfiguration/state.savepoints.dir', operatorMessage: 'Job could not be upgraded with savepoint while config key[execution.checkpointing.savepoint-dir] is not set' },
  // DefaultValidator.validateNotApplicationCluster
  { rule: 'SESSIONJOB-APPLICATION-CLUSTER', docs: () => { const c = fd(); c.metadata.name = 'shared-session'; return [c, sessionJob()]; }, path: '/spec/deploymentName', operatorMessage: 'Can not submit session job to application cluster' },
  // DefaultValidator.validateStateSnapshot
  { rule: 'SNAPSHOT-TYPE', docs: sp((d) => (d.spec.checkpoint = {})), path: '/spec/checkpoint', operatorMessage: 'Exactly one of checkpoint or savepoint configurations has to be set.' },
  { rule: 'SNAPSHOT-TYPE', docs: sp((d) => delete d.spec.savepoint), path: '/spec', operatorMessage: 'Exactly one of checkpoint or savepoint configurations has to be set.' },
  { rule: 'SNAPSHOT-JOB-REFERENCE', docs: sp((d) => delete d.spec.jobReference), path: '/spec/jobReference', operatorMessage: 'Job reference must be supplied for this snapshot' },
  { rule: 'SNAPSHOT-JOB-REFERENCE', docs: sp((d) => delete d.spec.jobReference.name), path: '/spec/jobReference/name', operatorMessage: 'Target for snapshot flink/null was not found' },
  // StateSnapshotReconciler.reconcile: alreadyExists completes with spec.savepoint.path as the result
  { rule: 'SNAPSHOT-ALREADY-EXISTS-PATH', docs: sp((d) => (d.spec.savepoint = { alreadyExists: true })), path: '/spec/savepoint/path' },
  // Cross-document: FlinkStateSnapshotUtils.getSnapshotJobReferenceResourceId looks the name up under the kind
  { rule: 'SNAPSHOT-TARGET-KIND', docs: sp((d) => (d.spec.jobReference = { kind: 'FlinkDeployment', name: 'clicks' }), sessionJob()), path: '/spec/jobReference', operatorMessage: 'Target for snapshot flink/clicks was not found' },
  { rule: 'SNAPSHOT-TARGET-KIND', docs: () => { const b = { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkBlueGreenDeployment', metadata: { name: 'orders', namespace: 'flink' }, spec: { template: { spec: fd().spec } } }; return [b, snapshot()]; }, path: '/spec/jobReference', message: /"orders-blue" and "orders-green"/ },
  // FlinkStateSnapshotUtils.abandonSnapshotIfJobNotRunning: a session cluster runs no job of its own
  { rule: 'SNAPSHOT-TARGET-NO-JOB', docs: sp((d) => (d.spec.jobReference.name = 'shared-session'), sessionCluster()), path: '/spec/jobReference/name' },
  { rule: 'SNAPSHOT-TARGET-SUSPENDED', docs: () => { const j = fd(); j.spec.job.state = 'suspended'; return [j, snapshot()]; }, path: '/spec/jobReference/name' },
  // StateSnapshotReconciler.triggerCheckpointOrSavepoint
  { rule: 'SNAPSHOT-SAVEPOINT-PATH', docs: () => { const j = fd(); j.spec.job.upgradeMode = 'stateless'; j.spec.flinkConfiguration = {}; return [j, snapshot()]; }, path: '/spec/savepoint/path', operatorMessage: 'Either the savepoint path in the spec or configuration execution.checkpointing.savepoint-dir in the Flink resource has to be supplied' },
  // SnapshotUtils.isSnapshotTriggeringSupported: Flink 1.17+
  { rule: 'SNAPSHOT-CHECKPOINT-FLINK-VERSION', docs: () => { const j = fd(); j.spec.flinkVersion = 'v1_16'; return [j, { ...snapshot(), spec: { checkpoint: {}, jobReference: { kind: 'FlinkDeployment', name: 'orders' } } }]; }, path: '/spec/checkpoint', operatorMessage: 'Manual checkpoint triggering is not supported for this Flink job (requires Flink 1.17+)' },
  // No CRD for the kind: the API server answers "no matches for kind"
  { rule: 'FLINK-UNKNOWN-KIND', docs: () => [{ apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkSessionjob', metadata: { name: 'x' }, spec: {} }], path: '/kind', message: /not a kind of the Flink Kubernetes Operator/ },
];

describe('each rule fires on its input with the operator message', () => {
  for (const c of CASES) {
    it(`${c.rule} at ${c.path}${c.operatorMessage ? ` ("${c.operatorMessage.slice(0, 40)}...")` : ''}`, () => {
      const found = withInput(c.docs(), c.version ?? '1.15');
      const hit = found.find((f) => f.rule === c.rule && f.path === c.path);
      expect(hit, JSON.stringify(found, null, 1)).toBeDefined();
      if (c.operatorMessage) expect(hit!.operatorMessage).toBe(c.operatorMessage);
      if (c.message) expect(hit!.message).toMatch(c.message);
      expect(hit!.fix.length).toBeGreaterThan(10);
      // Only the broken rule fires (schema findings aside).
      expect(found.filter((f) => f.severity === 'error' && f.rule !== c.rule && !f.rule.startsWith('SCHEMA-'))).toEqual([]);
    });
  }

  it('covers every rule of the block', () => {
    const ids = RULES.map((r) => r.id).filter((id) => /^(SESSIONJOB-|SNAPSHOT-|FLINK-UNKNOWN-KIND$)/.test(id));
    expect(ids.filter((id) => !CASES.some((c) => c.rule === id))).toEqual([]);
  });
});

describe('field case sessionjob-jaruri-scheme', () => {
  const input = readFileSync(join(__dirname, '../fixtures/field-cases/sessionjob-jaruri-scheme/input.yaml'), 'utf8');
  const doc = parseAllDocuments(input)[0].toJS() as Doc;

  it('operator 1.15 rejects the s3:// jarURI (DefaultValidator.validateJarURI, default allowlist [https])', () => {
    const f = check(doc, '1.15');
    expect(rules(f)).toEqual(['SESSIONJOB-JAR-URI']);
    expect(f[0].operatorMessage).toBe("jarURI scheme 's3' is not in the allowlist [https]. Configure 'kubernetes.operator.user.artifacts.allowed-schemes' to extend the allowlist.");
    expect(f[0].value).toBe('s3://example-bucket/jobs/clickstream-1.4.0.jar');
  });

  it('operator 1.14 has no jarURI check: accepted', () => {
    expect(check(doc, '1.14')).toEqual([]);
  });

  it('an operator configuration that allows s3 accepts it; the job\'s own flinkConfiguration cannot', () => {
    const ok = validateDocuments([doc], { operatorConfiguration: OperatorConfiguration.fromEntries({ 'kubernetes.operator.user.artifacts.allowed-schemes': 'https;s3' }) });
    expect(ok[0]).toEqual([]);
    const own = structuredClone(doc);
    own.spec.flinkConfiguration = { 'kubernetes.operator.user.artifacts.allowed-schemes': 'https;s3' };
    const f = check(own, '1.15');
    expect(rules(f)).toEqual(['SESSIONJOB-JAR-URI']);
    expect(f[0].fix).toMatch(/has no effect/);
  });
});

describe('jarURI parsing and hosts, offline', () => {
  const p = jarUriPolicy();
  it.each([
    ['https://127.0.0.1/job.jar', 'restricted-host'],
    ['https://10.0.0.1/job.jar', 'restricted-host'],
    ['https://192.168.1.1/job.jar', 'restricted-host'],
    ['https://172.16.5.4:8443/job.jar', 'restricted-host'],
    ['https://0.0.0.0/job.jar', 'restricted-host'],
    ['https://224.0.0.1/job.jar', 'restricted-host'],
    ['https://[::1]/job.jar', 'restricted-host'],
    ['https://[fe80::1]/job.jar', 'restricted-host'],
    ['https://[::ffff:169.254.169.254]/job.jar', 'restricted-host'],
    ['https://2130706433/job.jar', 'restricted-host'], // Java reads a lone number as an IPv4 address
    ['https://user@LOCALHOST:443/job.jar', 'restricted-host'],
    ['https://my_host/job.jar', 'no-host'], // registry-based authority: URI.getHost() is null
    ['https://a%zz.jar', 'syntax'],
    ['https://repo.example.com/a b.jar', 'syntax'],
    ['S3://bucket/job.jar', 'scheme'],
  ])('%s → %s', (uri, kind) => {
    expect(checkJarUri(uri, p)?.kind).toBe(kind);
  });

  it.each(['https://artifacts.example.com/job.jar', 'https://8.8.8.8/job.jar', 'HTTPS://Example.COM/x.jar', 'https://[2001:db8::1]/job.jar', 'https://100.64.0.1/job.jar', 'https://internal.corp/job.jar'])(
    '%s is accepted (names are never resolved)',
    (uri) => expect(checkJarUri(uri, p)).toBeUndefined(),
  );

  it('the restricted-host switch and the allowlist come from the operator configuration', () => {
    const off = jarUriPolicy({ 'kubernetes.operator.user.artifacts.disallow-restricted-hosts': 'false' });
    expect(checkJarUri('https://127.0.0.1/job.jar', off)).toBeUndefined();
    const list = jarUriPolicy({ 'kubernetes.operator.user.artifacts.allowed-schemes': '[https, S3]' });
    expect(list.allowedSchemes).toEqual(['https', 's3']);
    expect(checkJarUri('s3://b/job.jar', list)).toBeUndefined();
  });

  it('a null or empty jarURI: null is accepted, empty has no scheme', () => {
    expect(checkJarUri('', p)?.kind).toBe('no-scheme');
    expect(parseJavaUri(':x')).toEqual({ ok: false, error: 'Expected scheme name at index 0: :x' });
    expect(check(((d) => { delete d.spec.job.jarURI; return d; })(sessionJob()))).toEqual([]);
  });
});

describe('cross-document matching', () => {
  it('a cluster in another namespace is not the session job\'s cluster', () => {
    const c = fd();
    c.metadata = { name: 'shared-session', namespace: 'other' };
    expect(withInput([c, sessionJob()])).toEqual([]);
  });

  it('the session job\'s configuration completes the cluster\'s (the job wins)', () => {
    const c = sessionCluster();
    c.spec.flinkConfiguration = {};
    const j = sessionJob();
    j.spec.flinkConfiguration = { 'state.checkpoints.dir': 's3://b/cp', 'state.savepoints.dir': 's3://b/sp' };
    expect(withInput([c, j])).toEqual([]);
  });

  it('the operator configuration supplies directories too', () => {
    const c = sessionCluster();
    c.spec.flinkConfiguration = {};
    expect(withInput([c, sessionJob()], '1.15', { 'state.checkpoints.dir': 's3://b/cp', 'state.savepoints.dir': 's3://b/sp' })).toEqual([]);
  });

  it('a session job naming a blue/green child is on an application cluster', () => {
    const b = { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkBlueGreenDeployment', metadata: { name: 'orders', namespace: 'flink' }, spec: { template: { spec: fd().spec } } };
    const j = sessionJob();
    j.spec.deploymentName = 'orders-green';
    expect(rules(withInput([b, j]))).toEqual(['SESSIONJOB-APPLICATION-CLUSTER']);
  });

  it('a snapshot of a blue/green colour is judged against the template', () => {
    const t = fd().spec;
    t.flinkConfiguration = { 'state.checkpoints.dir': 's3://b/cp' };
    t.job.upgradeMode = 'last-state';
    const b = { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkBlueGreenDeployment', metadata: { name: 'orders', namespace: 'flink' }, spec: { template: { spec: t } } };
    const s = snapshot();
    s.spec.jobReference.name = 'orders-blue';
    expect(rules(withInput([b, s]))).toEqual(['SNAPSHOT-SAVEPOINT-PATH']);
  });

  it('an object without a namespace and one with a namespace are not assumed to meet', () => {
    const s = snapshot();
    delete s.metadata.namespace;
    s.spec.jobReference = { kind: 'FlinkDeployment', name: 'clicks' };
    expect(withInput([sessionJob(), s])).toEqual([]); // a FlinkSessionJob "clicks" in namespace flink
    const j = sessionJob();
    delete j.metadata.namespace;
    expect(withInput([fd(), j].map((d) => (d.metadata.name === 'orders' ? { ...d, metadata: { name: 'shared-session', namespace: 'flink' } } : d)))).toEqual([]);
  });

  it('targets missing from the input are not findings', () => {
    expect(withInput([snapshot()])).toEqual([]);
    expect(withInput([sessionJob()])).toEqual([]);
  });

  it('the summary of the validate CLI counts what was checked per kind (kindsSummary)', async () => {
    const { kindsSummary } = await import('../../src/validation/format/report');
    const { countFlinkKinds } = await import('../../src/validation/kinds-checked');
    expect(kindsSummary(countFlinkKinds([fd(), sessionJob(), snapshot(), snapshot(), { apiVersion: 'v1', kind: 'ConfigMap' }]))).toBe('1 FlinkDeployment, 1 FlinkSessionJob, 2 FlinkStateSnapshot');
  });
});

describe('schema per kind and version', () => {
  it('unknown fields in a session job and a snapshot are pruned-field errors', () => {
    const j = sessionJob();
    j.spec.job.jarUri = 'https://x.example.com/a.jar';
    expect(rules(check(j)).includes('SCHEMA-UNKNOWN-FIELD')).toBe(true);
    const s = snapshot();
    s.spec.checkpoint = { type: 'FULL' };
    delete s.spec.savepoint;
    expect(rules(check(s))).toEqual(['SCHEMA-UNKNOWN-FIELD']);
    const k = snapshot();
    k.spec.jobReference.kind = 'FlinkBlueGreenDeployment';
    expect(rules(check(k))).toEqual(['SCHEMA-ENUM']);
  });
});
