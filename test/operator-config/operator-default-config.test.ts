/**
 * The operator's default configuration as an input (FLINK-27029): DefaultValidator.validateDeployment
 * checks FlinkConfigManager.getDefaultConfig(namespace, flinkVersion) merged under the job's
 * flinkConfiguration. Field case `operator-default-config`: the operator accepts the manifest.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FlinkJob, OperatorConfiguration, OperatorConfigurationError, UpgradeMode } from '../../src';
import { validateDocument } from '../../src/validation';
import { OperatorVersion } from '../../src/operator-version';
import { baseSpec, validationErrors } from '../constructs/helpers';
import { fd } from '../validation/helpers';

const CASE = join(__dirname, '..', 'fixtures', 'field-cases', 'operator-default-config');
const BIN = join(__dirname, '..', '..', 'bin', 'cdk8s-flink-bluegreen.js');
const input = () => parse(readFileSync(join(CASE, 'input.yaml'), 'utf8'));
const errors = (doc: unknown, oc?: OperatorConfiguration) =>
  validateDocument(doc, { operatorVersion: OperatorVersion.V1_15, operatorConfiguration: oc }).filter((f) => f.severity === 'error').map((f) => f.rule);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: join(__dirname, '..', '..') });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('field case operator-default-config', () => {
  it('without the operator configuration: the three errors the issue reports', () => {
    expect(errors(input()).sort()).toEqual(['FLINK-CHECKPOINT-DIR', 'FLINK-JM-HA', 'FLINK-SAVEPOINT-DIR']);
  });

  it('with the Helm values: accepted, as the operator does', () => {
    const oc = OperatorConfiguration.fromFile(join(CASE, 'operator-values.yaml'));
    expect(oc.entries.get('high-availability.type')).toBe('kubernetes');
    expect(errors(input(), oc)).toEqual([]);
  });

  it('validate --operator-config (the real CLI): exit 0 with the values, 1 without', () => {
    const file = join(CASE, 'input.yaml');
    expect(cli('validate', file).code).toBe(1);
    const r = cli('validate', '--operator-config', join(CASE, 'operator-values.yaml'), file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('validate --operator-config with a file that is not one: usage error, exit 2, no stack', () => {
    const r = cli('validate', '--operator-config', join(CASE, 'input-missing.yaml'), join(CASE, 'input.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot read operator configuration');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('defaults can also make a manifest invalid; the finding points at the manifest', () => {
    const oc = OperatorConfiguration.fromEntries({ 'kubernetes.operator.deployment.rollback.enabled': 'true' });
    const f = validateDocument(fd(), { operatorVersion: OperatorVersion.V1_15, operatorConfiguration: oc }).find((x) => x.rule === 'FLINK-ROLLBACK-REQUIRES-HA');
    expect(f?.path).toBe('/spec/flinkConfiguration/kubernetes.operator.deployment.rollback.enabled');
    expect(f?.message).toContain(`"kubernetes.operator.deployment.rollback.enabled" comes from the operator's default configuration`);
    // The job's own value wins over the default.
    const d = fd();
    d.spec.flinkConfiguration['kubernetes.operator.deployment.rollback.enabled'] = 'false';
    expect(errors(d, oc)).toEqual([]);
  });

  it("lints only what the manifest writes: a credential in the operator's defaults is not the job's finding", () => {
    const oc = OperatorConfiguration.fromEntries({ 's3.secret-key': 'not-in-this-file' });
    const rules = validateDocument(fd(), { operatorVersion: OperatorVersion.V1_15, operatorConfiguration: oc }).map((f) => f.rule);
    expect(rules).not.toContain('SEC-PLAINTEXT-CREDENTIAL');
  });

  it('applies to the template of a FlinkBlueGreenDeployment too', () => {
    const doc = input();
    const bg = { apiVersion: doc.apiVersion, kind: 'FlinkBlueGreenDeployment', metadata: doc.metadata, spec: { template: { spec: doc.spec } } };
    expect(errors(bg)).toContain('FLINK-CHECKPOINT-DIR');
    expect(errors(bg, OperatorConfiguration.fromFile(join(CASE, 'operator-values.yaml')))).toEqual([]);
  });
});

describe('OperatorConfiguration precedence (FlinkConfigManager.getDefaultConfig)', () => {
  const oc = OperatorConfiguration.fromEntries({
    a: 'plain',
    'kubernetes.operator.default-configuration.namespace.streaming.a': 'namespace',
    'kubernetes.operator.default-configuration.namespace.streaming.b': 'namespace',
    'kubernetes.operator.default-configuration.flink-version.v1_18+.b': 'v1_18+',
    'kubernetes.operator.default-configuration.flink-version.v1_19+.b': 'v1_19+',
    'kubernetes.operator.default-configuration.flink-version.v1_20.c': 'v1_20',
    'kubernetes.operator.default-configuration.flink-version.v2_0+.c': 'v2_0+',
  });
  it('plain keys, then the namespace, then versions (oldest "+" first, then the exact version)', () => {
    const d = oc.defaultsFor('streaming', 'v1_20');
    expect([d.get('a'), d.get('b'), d.get('c')]).toEqual(['namespace', 'v1_19+', 'v1_20']);
    const other = oc.defaultsFor('payments', 'v1_18');
    expect([other.get('a'), other.get('b'), other.get('c')]).toEqual(['plain', 'v1_18+', undefined]);
    expect(oc.defaultsFor(undefined, 'v2_1').get('c')).toBe('v2_0+');
  });
});

describe('OperatorConfiguration.parse', () => {
  it('reads config.yaml nested or flat', () => {
    const nested = OperatorConfiguration.parse('execution:\n  checkpointing:\n    dir: s3://b/cp\nparallelism.default: 2\n');
    expect(Object.fromEntries(nested.entries)).toEqual({ 'execution.checkpointing.dir': 's3://b/cp', 'parallelism.default': '2' });
  });

  it('reads a legacy flink-conf.yaml line by line, # starting a comment anywhere (GlobalConfiguration)', () => {
    const oc = OperatorConfiguration.parse('# header\nstate.savepoints.dir: s3://b/sp # trailing\nbroken-line\nempty.value: \nenv.java.opts.all: -Da=b\n', '/x/flink-conf.yaml');
    expect(Object.fromEntries(oc.entries)).toEqual({ 'state.savepoints.dir': 's3://b/sp', 'env.java.opts.all': '-Da=b' });
  });

  it('reads Helm values, preferring config.yaml over flink-conf.yaml', () => {
    const oc = OperatorConfiguration.parse('defaultConfiguration:\n  create: true\n  config.yaml: |\n    a:\n      b: 1\n  flink-conf.yaml: |\n    a.b: 2\n', 'values.yaml');
    expect(oc.entries.get('a.b')).toBe('1');
  });

  it("reads the operator's ConfigMap and an umbrella chart's values", () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flink-operator-config}\ndata:\n  flink-conf.yaml: |\n    state.savepoints.dir: s3://b/sp\n';
    expect(OperatorConfiguration.parse(cm, 'cm.yaml').entries.get('state.savepoints.dir')).toBe('s3://b/sp');
    const umbrella = 'flink-kubernetes-operator:\n  defaultConfiguration:\n    flink-conf.yaml: |\n      high-availability.type: kubernetes\n';
    expect(OperatorConfiguration.parse(umbrella, 'values.yaml').entries.get('high-availability.type')).toBe('kubernetes');
  });

  it('refuses what is not an operator configuration, saying why', () => {
    expect(() => OperatorConfiguration.parse('- a\n- b\n', 'v.yaml')).toThrow(OperatorConfigurationError);
    expect(() => OperatorConfiguration.parse('defaultConfiguration:\n  create: true\n', 'v.yaml')).toThrow(/neither a "config.yaml" nor a "flink-conf.yaml"/);
    expect(() => OperatorConfiguration.parse('a: [', 'v.yaml')).toThrow(/v.yaml is not YAML/);
  });
});

describe('constructs: the operator configuration once per app', () => {
  const job = (chart: Chart) =>
    new FlinkJob(chart, 'Router', { name: 'router', ...baseSpec({ checkpointsDir: undefined, savepointsDir: undefined, job: { jarURI: 'local:///opt/flink/usrlib/r.jar', parallelism: 2, upgradeMode: UpgradeMode.SAVEPOINT } }) });

  it('synth fails without it, as validate does', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'streaming' });
    job(chart);
    expect(validationErrors(chart).join('\n')).toMatch(/FLINK-CHECKPOINT-DIR[\s\S]*FLINK-SAVEPOINT-DIR/);
  });

  it('synth passes with OperatorConfiguration.use(app, ...), as validate --operator-config does', () => {
    const app = Testing.app();
    OperatorConfiguration.use(app, OperatorConfiguration.fromFile(join(CASE, 'operator-values.yaml')));
    const chart = new Chart(app, 'c', { namespace: 'streaming' });
    job(chart);
    expect(validationErrors(chart)).toEqual([]);
  });
});
