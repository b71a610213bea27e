import { describe, expect, it } from 'vitest';
import { InputError, parseYamlDocuments } from '../../src/io/load-documents';
import { diffFields, pointer } from '../../src/plan/diff-fields';
import { flattenFlinkConfiguration } from '../../src/plan/flink-config';
import { formatJson } from '../../src/plan/format/json';
import { formatMarkdown } from '../../src/plan/format/markdown';
import { formatText } from '../../src/plan/format/text';
import { flinkObjects } from '../../src/plan/manifest';
import { planChanges } from '../../src/plan/plan';
import { bg, fd } from './builders';

const objs = (...docs: unknown[]) => flinkObjects(docs.map((content, index) => ({ file: 'test.yaml', index, content })));

describe('JSON pointers and flattening', () => {
  it('escapes ~ and / in tokens and keeps a dotted key as one segment', () => {
    expect(pointer('/spec', 'flinkConfiguration', 'a/b~c.d')).toBe('/spec/flinkConfiguration/a~1b~0c.d');
    expect(diffFields({ a: [1, 2] }, { a: [1, 3, 4] })).toEqual([
      { path: '/a/1', from: 2, to: 3 },
      { path: '/a/2', from: undefined, to: 4 },
    ]);
  });

  it('flattens nested configuration like ConfigObjectNode.asFlatMap', () => {
    const flat = flattenFlinkConfiguration({ a: { b: 1, c: { d: true } }, 'e.f': ['x', 'y'], g: [], h: null });
    expect([...flat]).toEqual([['a.b', '1'], ['a.c.d', 'true'], ['e.f', 'x;y'], ['h', 'null']]);
  });
});

describe('planChanges', () => {
  it('matches by kind, namespace and name; CREATE and DELETE the rest; other kinds are ignored', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'ns' } };
    const plan = planChanges(objs(fd(), bg(), cm), objs(fd({ image: 'x:2' }), { ...cm, data: { a: 'b' } }, fd({}, { name: 'other', namespace: 'ns2' })));
    expect(plan.changes.map((c) => [c.kind, c.namespace, c.name, c.impact])).toEqual([
      ['FlinkBlueGreenDeployment', 'ns', 'app', 'DELETE'],
      ['FlinkDeployment', 'ns', 'app', 'UPGRADE'],
      ['FlinkDeployment', 'ns2', 'other', 'CREATE'],
    ]);
  });

  it('a missing namespace is matched literally, not as "default"', () => {
    const noNs = fd({}, { namespace: undefined });
    const dflt = fd({}, { namespace: 'default' });
    const plan = planChanges(objs(noNs), objs(dflt));
    expect(plan.changes.map((c) => [c.namespace, c.impact])).toEqual([
      [undefined, 'DELETE'],
      ['default', 'CREATE'],
    ]);
    expect(planChanges(objs(noNs), objs(noNs)).changes.map((c) => c.impact)).toEqual(['IGNORE']);
  });

  it('flags a delete plus a create of a similar job as a rename on both objects', () => {
    const plan = planChanges(objs(bg()), objs(bg({}, {}, { name: 'app-v2' })));
    expect(plan.changes.map((c) => c.impact).sort()).toEqual(['CREATE', 'DELETE']);
    for (const c of plan.changes) expect(c.dangers.some((d) => d.code === 'rename' && d.severity === 'warning')).toBe(true);
  });

  it('does not call unrelated jobs a rename', () => {
    const other = fd({ image: 'other:9', flinkVersion: 'v2_0', job: { jarURI: 'local:///other.jar', parallelism: 9 }, flinkConfiguration: { x: '1' }, serviceAccount: 'x', taskManager: { resource: { cpu: 4 } }, jobManager: { resource: { cpu: 4 } } }, { name: 'b' });
    const plan = planChanges(objs(fd()), objs(other));
    expect(plan.changes.flatMap((c) => c.dangers.map((d) => d.code))).not.toContain('rename');
  });

  it('rejects a Flink object without a name and duplicates', () => {
    expect(() => objs({ kind: 'FlinkDeployment', metadata: {} })).toThrow(InputError);
    expect(() => objs(fd(), fd())).toThrow(/also defined/);
  });

  it('expands kind: List', () => {
    const docs = parseYamlDocuments('kind: List\nitems:\n  - kind: FlinkDeployment\n    metadata: {name: a}\n', 'l.yaml');
    expect(flinkObjects(docs).map((o) => o.name)).toEqual(['a']);
  });
});

describe('formats', () => {
  const plan = planChanges(objs(bg(), fd({}, { name: 'same' })), objs(bg({ image: 'x:2' }), fd({}, { name: 'same' })));

  it('json follows the contract and includes unchanged objects as IGNORE', () => {
    const j = JSON.parse(formatJson(plan));
    expect(j.changes).toHaveLength(2);
    const [bgc, same] = j.changes;
    expect(bgc).toMatchObject({ kind: 'FlinkBlueGreenDeployment', namespace: 'ns', name: 'app', impact: 'TRANSITION', decidedBy: '/spec/template/spec/image' });
    expect(bgc.reasons[0]).toMatchObject({ path: '/spec/template/spec/image', from: 'registry.example.com/app:1.0.0', to: 'x:2' });
    expect(Array.isArray(bgc.warnings)).toBe(true);
    expect(same).toMatchObject({ name: 'same', impact: 'IGNORE', reasons: [] });
  });

  it('markdown: one table row per object, impact in bold, details for changed objects only', () => {
    const md = formatMarkdown(plan);
    expect(md).toContain('| `ns/app` | FlinkBlueGreenDeployment | **TRANSITION** |');
    expect(md).toContain('| `ns/same` | FlinkDeployment | **IGNORE** |');
    expect(md.match(/<details>/g)).toHaveLength(1);
    expect(md).toMatch(/incoming child/);
  });

  it('text: changed objects in detail, unchanged in one line, the transition note', () => {
    const t = formatText(plan);
    expect(t).toContain('FlinkBlueGreenDeployment ns/app: TRANSITION');
    expect(t).toContain('* /spec/template/spec/image: "registry.example.com/app:1.0.0" -> "x:2" [UPGRADE]');
    expect(t).toContain('Unchanged (IGNORE): FlinkDeployment ns/same');
    expect(t).toMatch(/changes arriving|incoming child/);
  });
});
