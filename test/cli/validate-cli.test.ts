import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fd } from '../validation/helpers';

const BIN = join(__dirname, '..', '..', 'bin', 'cdk8s-flink-bluegreen.js');
const dir = mkdtempSync(join(tmpdir(), 'validate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: join(__dirname, '..', '..') });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function noStack(r: { out: string; err: string }) {
  expect(r.err + r.out).not.toMatch(/\n\s+at .*:\d+:\d+/);
}

const good = file('good.yaml', stringify(fd()));
const bad = (() => {
  const d = fd();
  d.spec.job.parallelism = 'two';
  return file('bad.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n${stringify(d)}`);
})();

describe('validate CLI', () => {
  it('--help prints usage, exit 0', () => {
    const r = cli('validate', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: cdk8s-flink-bluegreen validate');
  });

  it('exit 0 on a clean file; 1 with errors; json shape and document index', () => {
    expect(cli('validate', good).code).toBe(0);
    const r = cli('validate', '--format', 'json', bad);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.findings).toEqual([
      expect.objectContaining({
        file: bad, document: 1, kind: 'FlinkDeployment', name: 'orders', path: '/spec/job/parallelism',
        rule: 'SCHEMA-TYPE', severity: 'error', message: 'spec.job.parallelism is "two" (string), expected integer',
        fix: expect.any(String), line: 27, column: 5,
      }),
    ]);
  });

  it('usage errors exit 2', () => {
    for (const args of [['validate'], ['validate', '--format', 'xml', good], ['validate', '--operator-version', '1.16', good], ['validate', '--bogus', good]]) {
      const r = cli(...args);
      expect(r.code).toBe(2);
      noStack(r);
    }
  });

  it('missing file and YAML syntax error exit 2 with file:line:col', () => {
    const missing = cli('validate', join(dir, 'nope.yaml'));
    expect(missing.code).toBe(2);
    const broken = file('broken.yaml', 'apiVersion: v1\nkind: [a,\n');
    const r = cli('validate', broken);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: YAML syntax error`));
    noStack(r);
  });

  it('alias bomb is refused with exit 2, no stack trace', () => {
    let y = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n';
    const names = 'abcdefghij';
    for (let i = 1; i < names.length; i++) y += `${names[i]}: &${names[i]} [${Array(10).fill(`*${names[i - 1]}`).join(',')}]\n`;
    const r = cli('validate', file('bomb.yaml', y));
    expect(r.code).toBe(2);
    noStack(r);
  });

  it('empty files and non-object documents: warnings only, exit 0 next to a Flink object', () => {
    file('empty.yaml', '');
    const scalars = file('scalars.yaml', '# a comment belongs to the next document\n---\n42\n---\n- a\n---\nfoo: bar\n');
    const r = cli('validate', '--format', 'json', scalars, good, join(dir, 'empty.yaml'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).findings.map((f: { rule: string; document: number }) => [f.rule, f.document])).toEqual([
      ['DOC-NOT-OBJECT', 0], ['DOC-NOT-OBJECT', 1], ['DOC-NO-KIND', 2],
    ]);
  });

  it('input without any Flink object (a wrong path, an empty folder): "no Flink objects found", exit 2', () => {
    const empty = cli('validate', file('empty.yaml', ''));
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/^validate: no Flink objects found in 1 file \(.*empty\.yaml\): expected FlinkDeployment, FlinkBlueGreenDeployment, FlinkSessionJob or FlinkStateSnapshot/);
    const other = mkdtempSync(join(dir, 'no-flink-'));
    writeFileSync(join(other, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
    const r = cli('validate', '--format', 'json', other);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no Flink objects found in 1 file');
    // The report is still written, for tools reading it.
    expect(JSON.parse(r.out).findings).toEqual([]);
  });

  it('walks directories for *.yaml/*.yml, text format has a summary', () => {
    const sub = join(dir, 'tree');
    mkdirSync(join(sub, 'nested'), { recursive: true });
    writeFileSync(join(sub, 'nested', 'a.yml'), readFileSync(bad, 'utf8'));
    writeFileSync(join(sub, 'ignored.txt'), 'not: yaml: at all: [');
    const r = cli('validate', sub);
    expect(r.code).toBe(1);
    expect(r.out).toContain('error[SCHEMA-TYPE] FlinkDeployment/orders');
    expect(r.out).toMatch(/1 error, 0 warnings in 1 file \(1 file checked: 1 FlinkDeployment\)$/m);
  });

  it('--operator-version changes the verdict (upstream laststate example)', () => {
    expect(cli('validate', '--operator-version', 'main', 'examples-upstream/bluegreen-laststate.yaml').code).toBe(0);
    const r = cli('validate', '--operator-version=1.15', '--format=json', 'examples-upstream/bluegreen-laststate.yaml');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).findings.map((f: { rule: string; path: string }) => f.path)).toContain('/spec/template/spec/jobManager/resources');
  });

  it('sarif 2.1.0 with rules, results and regions', () => {
    const r = cli('validate', '--format', 'sarif', bad);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.out);
    expect(s.version).toBe('2.1.0');
    const run = s.runs[0];
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toContain('SCHEMA-TYPE');
    expect(run.results).toHaveLength(1);
    expect(run.results[0]).toMatchObject({ ruleId: 'SCHEMA-TYPE', level: 'error' });
    expect(run.results[0].locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: expect.stringContaining('bad.yaml') }, region: { startLine: 27, startColumn: 5 } });
  });

  it('a big file (2,000 documents) validates, every document checked', () => {
    const one = stringify(fd());
    const big = file('big.yaml', Array.from({ length: 2000 }, (_, i) => one.replace('name: orders', `name: orders-${i}`)).join('---\n'));
    const r = cli('validate', '--format', 'json', '--strict', big);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).findings).toEqual([]);
    // Every document was read: a duplicate among them is found.
    const dup = file('big-dup.yaml', `${readFileSync(big, 'utf8')}---\n${one.replace('name: orders', 'name: orders-1999')}`);
    expect(cli('validate', '--format', 'json', dup).code).toBe(1);
  });
});

describe('schemas CLI', () => {
  it('writes both kubeconform files', () => {
    const out = join(dir, 'schemas');
    const r = cli('schemas', '--operator-version', 'flip-504', '--out', out);
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'flinkbluegreendeployment_v1beta1.json'), 'utf8'));
    expect(s.properties.spec.properties.transitionMode.enum).toEqual(['ADVANCED', 'BASIC']);
    expect(s.properties.spec.additionalProperties).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'flinkdeployment_v1beta1.json'), 'utf8')).properties.kind.enum).toEqual(['FlinkDeployment']);
    expect(cli('schemas', '--operator-version', '9').code).toBe(2);
  });
});

describe('validate --strict and gate RBAC across files', () => {
  const unpinned = (() => {
    const d = fd();
    d.spec.image = 'flink';
    return file('unpinned.yaml', stringify(d));
  })();

  it('security lints are warnings (exit 0) unless --strict (exit 1)', () => {
    const relaxed = cli('validate', unpinned);
    expect(relaxed.code).toBe(0);
    expect(relaxed.out).toContain('warning[SEC-UNPINNED-IMAGE]');
    const strict = cli('validate', '--strict', unpinned);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('error[SEC-UNPINNED-IMAGE]');
    noStack(strict);
    expect(cli('validate', '--strict', good).code).toBe(0);
  });

  it('judges a Role in one file against the gate job in another', () => {
    const d = fd();
    Object.assign(d.spec.flinkConfiguration, { 'bluegreen.gate.injection.enabled': 'true', 'bluegreen.configmap.name': 'orders-configmap' });
    const job = file('gate-job.yaml', stringify(d));
    const role = file('gate-role.yaml', stringify({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'gate' }, rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['orders-configmap'], verbs: ['get', 'patch'] }] }));
    const r = cli('validate', '--format', 'json', job, role);
    const found = JSON.parse(r.out).findings.filter((f: { rule: string }) => f.rule === 'SEC-BROAD-GATE-ROLE');
    expect(found.map((f: { file: string; path: string }) => [f.file, f.path])).toEqual([[role, '/rules/0']]);
    expect(cli('validate', '--format', 'json', role).out).not.toContain('SEC-BROAD-GATE-ROLE');
  });
});

