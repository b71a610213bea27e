import { ApiObject, App, Chart, YamlOutputType } from 'cdk8s';
import { Construct, Node } from 'constructs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { writeCharts } from '../src/chart-writer';

/** Every folder these tests write goes under one scratch folder, removed at the end. */
const scratch = mkdtempSync(join(tmpdir(), 'chart-writer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function files(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

/** Builds the same app twice: once written by App.synth(), once by writeCharts. */
function compare(build: (app: App) => void, props: ConstructorParameters<typeof App>[0] = {}): Record<string, string> {
  const root = mkdtempSync(join(scratch, 'w-'));
  const a = new App({ ...props, outdir: join(root, 'cdk8s') });
  build(a);
  a.synth();
  const b = new App({ ...props, outdir: join(root, 'unused') });
  build(b);
  writeCharts(b, join(root, 'ours'));
  const expected = files(join(root, 'cdk8s'));
  expect(files(join(root, 'ours'))).toEqual(expected);
  return expected;
}

function cm(scope: Construct, id: string, name: string): ApiObject {
  return new ApiObject(scope, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: name } } as never);
}

describe('writeCharts: what App.synth() writes, in linear time', () => {
  it('many charts, objects ordered by their dependencies, objects nested in constructs', () => {
    const out = compare((app) => {
      for (let i = 0; i < 30; i++) {
        const chart = new Chart(app, `job-${i}`, { namespace: 'ns' });
        const group = new Construct(chart, 'Group');
        const late = cm(group, 'Late', `late-${i}`);
        const early = cm(chart, 'Early', `early-${i}`);
        late.addDependency(early);
      }
    });
    expect(Object.keys(out)).toHaveLength(30);
    expect(out['job-3.k8s.yaml'].indexOf('early-3')).toBeLessThan(out['job-3.k8s.yaml'].indexOf('late-3'));
  });

  it('charts that depend on other charts: indexed names, as cdk8s writes them', () => {
    const out = compare((app) => {
      const a = new Chart(app, 'a');
      const b = new Chart(app, 'b');
      cm(a, 'X', 'x');
      cm(b, 'Y', 'y');
      a.addDependency(b);
    });
    expect(Object.keys(out)).toEqual(['0000-b.k8s.yaml', '0001-a.k8s.yaml']);
  });

  it('FILE_PER_APP: every chart in one app.k8s.yaml, in chart order, also with charts that depend on others', () => {
    const out = compare(
      (app) => {
        const a = new Chart(app, 'a', { namespace: 'ns-a' });
        const b = new Chart(app, 'b');
        const late = cm(a, 'Late', 'late');
        late.addDependency(cm(a, 'Early', 'early'));
        cm(b, 'Y', 'y');
        a.addDependency(b);
        for (let i = 0; i < 20; i++) cm(new Chart(app, `c-${i}`), 'Z', `z-${i}`);
      },
      { yamlOutputType: YamlOutputType.FILE_PER_APP },
    );
    expect(Object.keys(out)).toEqual(['app.k8s.yaml']);
    const text = out['app.k8s.yaml'];
    expect(text.split('\n---\n')).toHaveLength(23);
    expect(text.indexOf('name: y')).toBeLessThan(text.indexOf('name: early'));
    expect(text.indexOf('name: early')).toBeLessThan(text.indexOf('name: late'));
  });

  it('FILE_PER_APP is written in linear time too, not through App.synth() (which renders the whole app once per chart)', () => {
    const app = new App({ yamlOutputType: YamlOutputType.FILE_PER_APP });
    for (let i = 0; i < 5; i++) cm(new Chart(app, `c-${i}`), 'Z', `z-${i}`);
    const synth = vi.spyOn(App.prototype, 'synth');
    try {
      writeCharts(app, join(mkdtempSync(join(scratch, 'w-')), 'out'));
      expect(synth).not.toHaveBeenCalled();
    } finally {
      synth.mockRestore();
    }
  });

  it('FILE_PER_APP without charts writes nothing, like App.synth()', () => {
    const out = compare(() => undefined, { yamlOutputType: YamlOutputType.FILE_PER_APP });
    expect(out).toEqual({});
  });

  it('other layouts go through App.synth()', () => {
    const out = compare(
      (app) => {
        cm(new Chart(app, 'a'), 'X', 'x');
        cm(new Chart(app, 'b'), 'Y', 'y');
      },
      { yamlOutputType: YamlOutputType.FILE_PER_RESOURCE },
    );
    expect(Object.keys(out)).toEqual(['ConfigMap.x.k8s.yaml', 'ConfigMap.y.k8s.yaml']);
  });

  it('charts inside charts (cdk8s makes the parent depend on the child): each object in its closest chart, as cdk8s writes them', () => {
    const out = compare((app) => {
      cm(new Chart(app, 'first'), 'F', 'f'); // the first chart is rendered by cdk8s itself
      const parent = new Chart(app, 'parent');
      cm(parent, 'P', 'p');
      cm(new Chart(parent, 'child'), 'C', 'c');
    });
    const texts = Object.values(out);
    expect(texts).toHaveLength(3);
    expect(texts.filter((t) => t.includes('name: p\n'))).toEqual([expect.not.stringContaining('name: c\n')]);
    expect(texts.filter((t) => t.includes('name: c\n'))).toEqual([expect.not.stringContaining('name: p\n')]);
  });

  it('a chart class with its own toJson() goes through App.synth(), and the app keeps its outdir', () => {
    class Custom extends Chart {
      public override toJson(): any[] {
        return [...super.toJson(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra' } }];
      }
    }
    const out = compare((app) => {
      cm(new Chart(app, 'a'), 'Y', 'y'); // the first chart is rendered by its own toJson() anyway
      cm(new Custom(app, 'b'), 'X', 'x');
    });
    expect(out['b.k8s.yaml']).toContain('name: extra');
    const app = new App({ outdir: join(mkdtempSync(join(scratch, 'w-')), 'original') });
    cm(new Custom(app, 'a'), 'X', 'x');
    writeCharts(app, join(mkdtempSync(join(scratch, 'w-')), 'elsewhere'));
    expect(app.outdir).toMatch(/original$/);
  });

  it('an app without charts writes an empty folder, creating its parents', () => {
    const outdir = join(mkdtempSync(join(scratch, 'w-')), 'a', 'b');
    writeCharts(new App(), outdir);
    expect(readdirSync(outdir)).toEqual([]);
    const one = new App();
    cm(new Chart(one, 'x'), 'X', 'x');
    const nested = join(mkdtempSync(join(scratch, 'w-')), 'deep', 'er');
    writeCharts(one, nested);
    expect(readdirSync(nested)).toEqual(['x.k8s.yaml']);
  });

  it('validates the whole app once, with cdk8s\'s own error listing every problem', () => {
    const app = new App({ outdir: join(mkdtempSync(join(scratch, 'w-')), 'x') });
    let calls = 0;
    for (const id of ['a', 'b', 'c']) {
      const chart = new Chart(app, id);
      cm(chart, 'X', id);
      chart.node.addValidation({ validate: () => (calls++, id === 'a' ? [] : [`bad ${id}`]) });
    }
    expect(() => writeCharts(app, join(mkdtempSync(join(scratch, 'w-')), 'out'))).toThrow('Validation failed with the following errors:\n  [b] bad b\n  [c] bad c');
    expect(calls).toBe(3);
    const ok = new App();
    for (const id of ['a', 'b', 'c']) cm(new Chart(ok, id), 'X', id).node.addValidation({ validate: () => (calls++, []) });
    calls = 0;
    writeCharts(ok, join(mkdtempSync(join(scratch, 'w-')), 'out'));
    expect(calls).toBe(3); // App.synth() would run each 4 times (once, then once per chart)
  });

  it('linear work: construct-tree visits and object renderings grow with the number of charts, not its square', () => {
    // Counts work instead of timing it: every walk of the construct tree (Node.findAll, which app
    // preparation, dependency graphs and validation use) and every ApiObject rendering.
    const work = (charts: number): { visits: number; renders: number; validations: number } => {
      const app = new App();
      let validations = 0;
      for (let i = 0; i < charts; i++) {
        const chart = new Chart(app, `job-${i}`);
        const group = new Construct(chart, 'Group');
        cm(group, 'A', `a-${i}`).addDependency(cm(chart, 'B', `b-${i}`));
        chart.node.addValidation({ validate: () => (validations++, []) });
      }
      const findAll = vi.spyOn(Node.prototype, 'findAll');
      const toJson = vi.spyOn(ApiObject.prototype, 'toJson');
      const root = mkdtempSync(join(scratch, 'w-'));
      try {
        writeCharts(app, join(root, 'out'));
        return { visits: findAll.mock.results.reduce((n, r) => n + (r.value as unknown[]).length, 0), renders: toJson.mock.calls.length, validations };
      } finally {
        findAll.mockRestore();
        toJson.mockRestore();
      }
    };
    const small = work(20);
    const large = work(80);
    expect(small.validations).toBe(20);
    expect(large.validations).toBe(80); // the app is prepared once
    expect(large.renders).toBe(4 * small.renders); // each object rendered a fixed number of times
    // Four times the charts: about four times the visits (quadratic would be sixteen).
    expect(large.visits / small.visits).toBeLessThan(4.5);
  });
});
