/**
 * Metadata rules (META-*), as the API server judges them (apimachinery validation): in `validate`
 * for every kind, and at synth for every object of an app (constructs and plain ApiObjects).
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, App, Chart, YamlOutputType } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { FlinkJob, FlinkVersion, synthAtomically } from '../../src';
import { validatePaths } from '../../src/cli/validate';
import { OperatorVersion } from '../../src/operator-version';
import { validateDocuments } from '../../src/validation/validate';
import { imageReferenceProblem } from '../../src/validation/image-ref';
import { fd } from './helpers';

process.env.CDK8S_FLINK_WARNINGS = 'off';

const cm = (metadata: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata, data: {} });
const rules = (docs: unknown[]) => validateDocuments(docs).map((fs) => fs.filter((f) => f.rule.startsWith('META-')).map((f) => `${f.rule} ${f.path}`));

describe('META-* in validate, any kind', () => {
  const BAD: Array<[string, Record<string, unknown>, string]> = [
    ['upper case and underscore in a name', { name: 'Risk_Prod' }, 'META-NAME /metadata/name'],
    ['a name of 260 characters', { name: 'a'.repeat(260) }, 'META-NAME /metadata/name'],
    ['no name', {}, 'META-NAME /metadata/name'],
    ['a namespace with upper case', { name: 'x', namespace: 'Risk_Prod' }, 'META-NAMESPACE /metadata/namespace'],
    ['a namespace of 64 characters', { name: 'x', namespace: 'a'.repeat(64) }, 'META-NAMESPACE /metadata/namespace'],
    ['a namespace with a slash', { name: 'x', namespace: 'x/../../escaped' }, 'META-NAMESPACE /metadata/namespace'],
    ['a label value with a newline', { name: 'x', labels: { team: 'a\nb' } }, 'META-LABEL /metadata/labels/team'],
    ['a label value of 64 characters', { name: 'x', labels: { team: 'a'.repeat(64) } }, 'META-LABEL /metadata/labels/team'],
    ['a label value that is a number', { name: 'x', labels: { replicas: 3 } }, 'META-LABEL /metadata/labels/replicas'],
    ['a label key with two slashes', { name: 'x', labels: { 'a/b/c': 'v' } }, 'META-LABEL /metadata/labels/a~1b~1c'],
    ['a label key prefix with upper case', { name: 'x', labels: { 'Example.com/team': 'v' } }, 'META-LABEL /metadata/labels/Example.com~1team'],
    ['a label key name of 64 characters', { name: 'x', labels: { ['k'.repeat(64)]: 'v' } }, `META-LABEL /metadata/labels/${'k'.repeat(64)}`],
    ['an annotation key with a space', { name: 'x', annotations: { 'my key': 'v' } }, 'META-ANNOTATION /metadata/annotations/my key'],
    ['an annotation value that is not a string', { name: 'x', annotations: { n: 1 } }, 'META-ANNOTATION /metadata/annotations/n'],
    ['annotations over 256 KiB', { name: 'x', annotations: { a: 'x'.repeat(200 * 1024), b: 'y'.repeat(60 * 1024) } }, 'META-ANNOTATIONS-SIZE /metadata/annotations'],
  ];
  for (const [what, metadata, expected] of BAD) {
    it(`refuses ${what}`, () => {
      expect(rules([cm(metadata)])[0]).toEqual([expected]);
      const f = validateDocuments([cm(metadata)])[0].find((x) => x.rule.startsWith('META-'))!;
      expect(f.severity).toBe('error');
      expect(f.fix.length).toBeGreaterThan(5);
    });
  }

  it('accepts what the API server accepts', () => {
    const ok = cm({
      name: 'orders.v2-settings',
      namespace: 'streaming-1',
      labels: { 'app.kubernetes.io/name': 'orders', team: '', 'x_y.z': 'A-b_c.1' },
      annotations: { 'example.com/Free-Text': 'anything\nat all {{ }}', 'K': '' },
    });
    expect(rules([ok])).toEqual([[]]);
    expect(rules([{ ...ok, metadata: { ...ok.metadata, annotations: { a: 'x'.repeat(256 * 1024 - 1) } } }])).toEqual([[]]);
  });

  it('client-side configuration (kustomization.yaml) is not an API object: not judged', () => {
    expect(rules([{ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['a.yaml'] }])).toEqual([[]]);
    // Our own outputs pass: dist/ and deploy/ (one input each).
    for (const dir of ['dist', 'deploy']) {
      const { findings } = validatePaths([join(__dirname, '..', '..', dir)], OperatorVersion.FLIP_504);
      expect(findings.filter((f) => f.severity === 'error'), dir).toEqual([]);
    }
  });

  it('names by kind: Service is a DNS-1035 label, Namespace a DNS-1123 label, RBAC a path segment', () => {
    const obj = (kind: string, name: string) => ({ apiVersion: 'v1', kind, metadata: { name } });
    expect(rules([obj('Service', '1abc')])[0]).toEqual(['META-NAME /metadata/name']);
    expect(rules([obj('Namespace', 'a.b')])[0]).toEqual(['META-NAME /metadata/name']);
    expect(rules([obj('ConfigMap', 'a.b')])[0]).toEqual([]);
    expect(rules([obj('Role', 'system:Flink_Role')])[0]).toEqual([]);
    expect(rules([obj('Role', 'a/b')])[0]).toEqual(['META-NAME /metadata/name']);
  });

  it('one object per group/kind/namespace/name across all files; different namespaces or kinds are distinct', () => {
    const a = cm({ name: 'x', namespace: 'a' });
    expect(rules([a, cm({ name: 'x', namespace: 'b' }), { ...cm({ name: 'x', namespace: 'a' }), kind: 'Secret' }])).toEqual([[], [], []]);
    const found = validateDocuments([a, cm({ name: 'x', namespace: 'a' })]);
    expect(found[1].map((f) => f.rule)).toEqual(['META-DUPLICATE-OBJECT']);
    expect(found[1][0].message).toMatch(/ConfigMap a\/x is defined twice \(also document 0\)/);
    // Across files, through the CLI.
    const dir = mkdtempSync(join(tmpdir(), 'dup-'));
    writeFileSync(join(dir, 'one.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: a}\n');
    writeFileSync(join(dir, 'two.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: a}\n');
    const { findings } = validatePaths([dir], OperatorVersion.DEFAULT);
    expect(findings.map((f) => `${f.rule} ${f.file.slice(dir.length + 1)}:${f.line}`)).toEqual(['META-DUPLICATE-OBJECT two.yaml:3']);
  });

  it('pod template labels and annotations of Flink specs are judged too (the operator copies them onto pods)', () => {
    const d = fd();
    d.spec.podTemplate = { metadata: { labels: { team: 'Risk Prod' } } };
    d.spec.taskManager.podTemplate = { metadata: { annotations: { 'a b': 'x' } } };
    expect(rules([d])[0]).toEqual(['META-LABEL /spec/podTemplate/metadata/labels/team', 'META-ANNOTATION /spec/taskManager/podTemplate/metadata/annotations/a b']);
    const { chart } = { chart: new Chart(new App({ outdir: join(tmpdir(), 'unused') }), 'c') };
    new FlinkJob(chart, 'Job', { name: 'orders', image: 'flink:1.20.1-java17', flinkVersion: FlinkVersion.V1_20, job: { parallelism: 1 }, jobManager: { memory: '2048m' }, taskManager: { memory: '2048m' }, podLabels: { team: 'a\nb' } } as never);
    const errors = chart.node.findAll().flatMap((c) => c.node.validate());
    expect(errors.join('\n')).toMatch(/META-LABEL|podLabels/);
  });

  it('Flink names keep their own, stricter rule (no second finding)', () => {
    const d = fd();
    d.metadata.name = 'Orders';
    const found = validateDocuments([d])[0].map((f) => f.rule);
    expect(found).toContain('FLINK-NAME');
    expect(found).not.toContain('META-NAME');
  });

  it('kind: List items are validated like documents, paths under /items/<i>', () => {
    const d = fd();
    d.spec.job.parallelism = 0;
    d.spec.taskManager.replicas = 0;
    const list = { apiVersion: 'v1', kind: 'List', items: [cm({ name: 'ok' }), d, cm({ name: 'Bad_Name' })] };
    const found = validateDocuments([list])[0].map((f) => `${f.rule} ${f.path}`);
    expect(found).toContain('FLINK-TM-REPLICAS /items/1/spec/taskManager/replicas');
    expect(found).toContain('META-NAME /items/2/metadata/name');
    const dir = mkdtempSync(join(tmpdir(), 'list-'));
    writeFileSync(join(dir, 'list.yaml'), `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: Bad_Name\n`);
    const { findings } = validatePaths([dir], OperatorVersion.DEFAULT);
    expect(findings.map((f) => `${f.rule} ${f.kind}/${f.name} line ${f.line}`)).toEqual(['META-NAME ConfigMap/Bad_Name line 7']);
  });
});

describe('META-* at synth: bad metadata and duplicates fail the synthesis, nothing written', () => {
  function synth(build: (app: App) => void, yamlOutputType?: YamlOutputType): { error?: string; files: string[] } {
    const parent = mkdtempSync(join(tmpdir(), 'meta-synth-'));
    const app = new App({ outdir: join(parent, 'dist'), ...(yamlOutputType !== undefined ? { yamlOutputType } : {}) });
    build(app);
    try {
      synthAtomically(app);
      return { files: (readdirSync(join(parent, 'dist'), { recursive: true }) as string[]).sort() };
    } catch (e) {
      return { error: (e as Error).message, files: readdirSync(parent) };
    }
  }
  const job = (scope: Chart, id: string, props: Record<string, unknown> = {}) =>
    new FlinkJob(scope, id, { name: 'orders', image: 'flink:1.20.1-java17', flinkVersion: FlinkVersion.V1_20, job: { parallelism: 1 }, jobManager: { memory: '2048m' }, taskManager: { memory: '2048m' }, ...props });

  it('a chart namespace, job labels and annotations the API server refuses: every problem at once, with construct paths', () => {
    const { error, files } = synth((app) => {
      job(new Chart(app, 'risk', { namespace: 'Risk_Prod' }), 'Job', { labels: { team: 'a\nb' }, annotations: { 'bad key': 'v' } });
    });
    expect(files).toEqual([]);
    expect(error).toContain('Validation failed with the following errors:');
    expect(error).toContain('[risk/Job] error[META-NAMESPACE] chart risk namespace: namespace "Risk_Prod" is invalid');
    expect(error).toContain('error[META-LABEL] FlinkDeployment/orders /metadata/labels/team');
    expect(error).toContain('error[META-ANNOTATION] FlinkDeployment/orders /metadata/annotations/bad key');
  });

  it('the same kind/namespace/name in two charts: refused', () => {
    const { error, files } = synth((app) => {
      job(new Chart(app, 'a', { namespace: 'streaming' }), 'Job');
      job(new Chart(app, 'b', { namespace: 'streaming' }), 'Job');
    });
    expect(files).toEqual([]);
    expect(error).toMatch(/\[b\/Job\/Resource\] error\[META-DUPLICATE-OBJECT\].*FlinkDeployment streaming\/orders is defined twice \(also at a\/Job\/Resource\)/);
  });

  it('FILE_PER_RESOURCE keeps both of two same-named objects in different namespaces', () => {
    const { error, files } = synth((app) => {
      const a = new Chart(app, 'a', { namespace: 'one' });
      const b = new Chart(app, 'b', { namespace: 'two' });
      new ApiObject(a, 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
      new ApiObject(b, 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
      new ApiObject(b, 'Other', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other' } });
    }, YamlOutputType.FILE_PER_RESOURCE);
    expect(error).toBeUndefined();
    expect(files).toEqual(['.cdk8s-flink-bluegreen-output.json', 'ConfigMap.one.settings.k8s.yaml', 'ConfigMap.other.k8s.yaml', 'ConfigMap.two.settings.k8s.yaml']);
  });

  it('FOLDER_PER_CHART_FILE_PER_RESOURCE keeps both of two same-named objects of one chart in different namespaces', () => {
    const { error, files } = synth((app) => {
      const a = new Chart(app, 'a');
      new ApiObject(a, 'One', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'one' } });
      new ApiObject(a, 'Two', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'two' } });
    }, YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE);
    expect(error).toBeUndefined();
    expect(files).toEqual(['.cdk8s-flink-bluegreen-output.json', 'a', 'a/ConfigMap.one.settings.k8s.yaml', 'a/ConfigMap.two.settings.k8s.yaml']);
  });
});

describe('image references (IMAGE-REFERENCE): the distribution/reference grammar', () => {
  it.each([
    'flink',
    'flink:1.20.1-java17',
    'library/flink:1.20',
    'registry.example.com/streaming/orders-enrichment:2.4.0-rc.1',
    'localhost:5000/a/b_c__d---e:latest',
    'Registry.Example.com:443/team/job@sha256:' + 'a'.repeat(64),
    '[::1]:5000/job:1',
    'ghcr.io/apache/flink-kubernetes-operator:1.16.0-flip504',
  ])('accepts %s', (image) => expect(imageReferenceProblem(image)).toBeUndefined());
  it.each([
    ['', /is empty/],
    ['flink:1.20 ', /whitespace/],
    ['registry/Team/job:1', /upper-case/],
    ['flink:$(id)', /grammar/],
    ['flink:`id`', /grammar/],
    ['flink:-tag', /grammar/],
    ['flink:' + 'a'.repeat(129), /grammar/],
    ['flink@sha256:abc', /grammar/],
    ['a//b', /grammar/],
    ['-flink', /grammar/],
    ['x/' + 'a'.repeat(260), /at most 255/],
  ])('refuses %j', (image, why) => expect(imageReferenceProblem(image)).toMatch(why));
});
