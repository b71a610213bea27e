/**
 * One masking policy for every output: secrets planted in flinkConfiguration credential keys, in
 * a nested configuration map, in blue/green spec.configuration, in a JAAS line and in the `value`
 * of credential-named environment variables must not appear in any output format of `validate`
 * (text, json, sarif), `plan` (text, json, markdown) or synthesis (errors, warnings).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { BlueGreenFlinkJob, FlinkJob, FlinkValidationError, FlinkVersion } from '../../src';
import { credentialValues, maskText } from '../../src/masking';
import { bg, fd } from '../validation/helpers';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin/cdk8s-flink-bluegreen.js');

/** Every planted value, old and new: none may appear anywhere in any output. */
const SECRETS = {
  s3Old: 'AKIAOLDs3cr3tV4lue0001',
  s3New: 'AKIANEWs3cr3tV4lue0002',
  hadoop: 'hadoopS3aSecretKey-777',
  nested: 'nestedSecretKeyValue-888',
  bgPassword: 'bg-Configuration-Passw0rd',
  jaasPassword: 'jaasPa55wordInline',
  envOld: 'envAwsSecretOld-111',
  envNew: 'envAwsSecretNew-222',
  dbPassword: 'envDbPassw0rd-333',
  kafkaCredentials: 'envKafkaCredentials-444',
};

function withSecrets(doc: Record<string, any>, version: 'old' | 'new'): Record<string, any> {
  const spec = doc.kind === 'FlinkDeployment' ? doc.spec : doc.spec.template.spec;
  Object.assign(spec.flinkConfiguration, {
    's3.secret-key': version === 'old' ? SECRETS.s3Old : SECRETS.s3New,
    'fs.s3a.secret.key': SECRETS.hadoop,
    'security.sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="${SECRETS.jaasPassword}";`,
    // Upper case is not allowed in keys of a map the schema does not know: this also makes findings.
    'parallelism.default': version === 'old' ? '2' : '3',
  });
  spec.podTemplate = {
    spec: {
      containers: [
        {
          name: 'flink-main-container',
          env: [
            { name: 'AWS_SECRET_ACCESS_KEY', value: version === 'old' ? SECRETS.envOld : SECRETS.envNew },
            { name: 'DB_PASSWORD', value: SECRETS.dbPassword },
            { name: 'KAFKA_CREDENTIALS', value: SECRETS.kafkaCredentials },
            { name: 'REGION', value: 'eu-west-1' },
          ],
        },
      ],
    },
  };
  if (doc.kind === 'FlinkBlueGreenDeployment') doc.spec.configuration['kubernetes.operator.bluegreen.client.password'] = SECRETS.bgPassword;
  return doc;
}

function expectNoSecret(output: string, where: string): void {
  for (const [name, value] of Object.entries(SECRETS)) expect(output.includes(value), `${where} shows the planted ${name}`).toBe(false);
}

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('planted secrets never reach an output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
  const docsOf = (version: 'old' | 'new') => {
    const a = withSecrets(fd(), version);
    // A nested configuration map: the nested-map rules print the leaf, which here is a secret.
    a.spec.flinkConfiguration.s3 = { 'secret-key': SECRETS.nested };
    const b = withSecrets(bg(), version);
    b.metadata.name = 'orders-bg';
    return [a, b];
  };
  for (const v of ['old', 'new'] as const) {
    mkdirSync(join(dir, v));
    writeFileSync(join(dir, v, 'jobs.yaml'), docsOf(v).map((d) => stringify(d)).join('---\n'));
  }

  it('credentialValues collects every planted value, and nothing ordinary', () => {
    const found = credentialValues(...docsOf('old'), ...docsOf('new'));
    for (const [name, value] of Object.entries(SECRETS)) {
      if (name === 'jaasPassword') expect([...found].some((f) => f.includes(value))).toBe(true);
      else expect(found.has(value), name).toBe(true);
    }
    expect(found.has('eu-west-1')).toBe(false);
    expect(credentialValues({ apiVersion: 'v1', kind: 'Secret', data: { 'tls.key': 'LS0tLS1CRUdJTi0tLS0t' }, stringData: { anything: 'plain-secret' } })).toEqual(new Set(['LS0tLS1CRUdJTi0tLS0t', 'plain-secret']));
    expect(found.has('s3://b/cp')).toBe(false);
  });

  for (const format of ['text', 'json', 'sarif']) {
    it(`validate --format ${format}`, () => {
      const r = cli('validate', '--strict', '--format', format, '--operator-version', 'flip-504', join(dir, 'new'));
      expect(r.status).toBe(1); // the findings exist (e.g. SEC-PLAINTEXT-CREDENTIAL), only the values are hidden
      expect(r.out).toContain('SEC-PLAINTEXT-CREDENTIAL');
      expectNoSecret(r.out, `validate ${format}`);
    });
  }

  for (const format of ['text', 'json', 'markdown']) {
    it(`plan --format ${format}: changed credentials are reported as changed, masked`, () => {
      const r = cli('plan', '--from', join(dir, 'old'), '--to', join(dir, 'new'), '--format', format);
      expect(r.status).toBe(0);
      expect(r.out).toContain('s3.secret-key');
      expect(r.out).toMatch(/\*\*\*/);
      expectNoSecret(r.out, `plan ${format}`);
    });
  }

  it('synthesis: a FlinkValidationError and the synth error lines mask the props\' credentials', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const job = new FlinkJob(chart, 'Job', {
      name: 'orders',
      image: 'flink:1.20.1-java17',
      flinkVersion: FlinkVersion.V1_20,
      job: { parallelism: 1 },
      jobManager: { memory: '2048m' },
      taskManager: { memory: '2048m' },
      flinkConfiguration: { s3: { 'secret-key': SECRETS.nested } } as never,
    });
    let error: unknown;
    try {
      job.render();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlinkValidationError);
    expect((error as Error).message).toContain('nested map');
    expectNoSecret((error as Error).message, 'FlinkValidationError');
    let synthError = '';
    try {
      app.synth();
    } catch (e) {
      synthError = (e as Error).message;
    }
    expect(synthError).toContain('Validation failed');
    expectNoSecret(synthError, 'synth validation error');
  });

  it('synthesis: warnings (stderr) and errors of a blue/green job with planted credentials', () => {
    const app = new App({ outdir: join(tmpdir(), 'unused') });
    new BlueGreenFlinkJob(new Chart(app, 'c'), 'Job', {
      name: 'orders',
      image: 'flink:1.20.1-java17',
      flinkVersion: FlinkVersion.V1_20,
      job: { parallelism: 0 },
      jobManager: { memory: '2048m' },
      taskManager: { memory: '2048m' },
      flinkConfiguration: { 's3.secret-key': SECRETS.s3New, 'fs.s3a.secret.key': SECRETS.hadoop },
    });
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    } finally {
      process.stderr.write = original;
    }
    expect(message).toContain('Validation failed');
    expectNoSecret(message + written.join(''), 'blue/green synth output');
  });

  it('maskText: whole values show their length, substrings become ***; short values are matched only whole', () => {
    const s = new Set(['Sup3rSecret', 'abc']);
    expect(maskText('Sup3rSecret', s)).toBe('*** (11 characters, hidden)');
    expect(maskText('password="Sup3rSecret";', s)).toBe('password="***";');
    expect(maskText('abcdef', s)).toBe('abcdef');
    expect(maskText('abc', s)).toBe('*** (3 characters, hidden)');
  });
});
