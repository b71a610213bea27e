import { ApiObject, App, Chart, JsonPatch, Lazy, type IResolver, type ResolutionContext } from 'cdk8s';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/main';
import { PlainApiObject } from '../src/plain-api-object';
import { memoryApp } from './helpers/memory-app';

process.env.CDK8S_FLINK_WARNINGS = 'off';

/** What cdk8s's own ApiObject.toJson() renders for the same object, as text (key order counts). */
const cdk8sJson = (o: ApiObject): string => JSON.stringify(ApiObject.prototype.toJson.call(o));

/** Counts the calls that went through cdk8s's own rendering (PlainApiObject's fallback calls it). */
function cdk8sCalls() {
  return vi.spyOn(ApiObject.prototype, 'toJson');
}

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.CDK8S_DISABLE_SORT;
});

function configMap(app: App, data: Record<string, unknown>, lazyBody?: Record<string, () => unknown>): PlainApiObject {
  const chart = new Chart(app, 'c', { labels: { team: 'data' } });
  return new PlainApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', annotations: { b: '1', a: '2' } }, ...data }, lazyBody);
}

describe('PlainApiObject renders what ApiObject.toJson() renders, without resolving tokens', () => {
  it('every object of the example app: the same JSON, key order included, and cdk8s rendering is never called', () => {
    const app = buildApp(memoryApp());
    const objects = app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
    expect(objects.length).toBeGreaterThan(20);
    expect(objects.every((o) => o instanceof PlainApiObject)).toBe(true);
    const expected = objects.map(cdk8sJson);
    const spy = cdk8sCalls();
    expect(objects.map((o) => JSON.stringify(o.toJson()))).toEqual(expected);
    expect(spy).not.toHaveBeenCalled();
  });

  it('top-level keys: apiVersion, kind, metadata first, then the rest sorted; nulls dropped; nested keys sorted', () => {
    const o = configMap(memoryApp(), { immutable: false, data: { z: '1', a: '2', gone: null }, binaryData: undefined }, { spec: () => ({ b: [3, null, { y: 1, x: 2 }], a: {} }) });
    const spy = cdk8sCalls();
    const json = o.toJson();
    expect(spy).not.toHaveBeenCalled();
    expect(Object.keys(json)).toEqual(['apiVersion', 'kind', 'metadata', 'data', 'immutable', 'spec']);
    expect(JSON.stringify(json)).toBe(cdk8sJson(o));
    expect(json.spec).toEqual({ a: {}, b: [3, undefined, { x: 2, y: 1 }] });
    expect(json.metadata).toEqual({ annotations: { a: '2', b: '1' }, labels: { team: 'data' }, name: 'cm' });
  });

  it('a label added after construction is rendered (metadata comes from metadata.toJson())', () => {
    const o = configMap(memoryApp(), { data: { a: '1' } });
    o.metadata.addLabel('added', 'later');
    expect(o.toJson().metadata.labels).toEqual({ added: 'later', team: 'data' });
    expect(JSON.stringify(o.toJson())).toBe(cdk8sJson(o));
  });

  it('any JSON body: the same result as cdk8s (value or error)', () => {
    const outcome = (f: () => unknown): string => {
      try {
        return JSON.stringify(f());
      } catch (e) {
        return `threw ${(e as Error).message}`;
      }
    };
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue(), (data, spec) => {
        const o = configMap(memoryApp(), { data }, { spec: () => spec });
        expect(outcome(() => o.toJson())).toBe(outcome(() => ApiObject.prototype.toJson.call(o)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("PlainApiObject leaves to cdk8s what only cdk8s's rendering does", () => {
  it('a Lazy (or any class instance) in the body: resolved by cdk8s', () => {
    const o = configMap(memoryApp(), { data: { a: Lazy.any({ produce: () => 'from-lazy' }) } });
    const spy = cdk8sCalls();
    expect(o.toJson().data).toEqual({ a: 'from-lazy' });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('a produced field holding a Lazy: resolved by cdk8s', () => {
    const o = configMap(memoryApp(), {}, { spec: () => ({ x: Lazy.any({ produce: () => 42 }) }) });
    const spy = cdk8sCalls();
    expect(o.toJson().spec).toEqual({ x: 42 });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('a key named __proto__ (JSON.parse makes it an own key): whatever cdk8s does with it', () => {
    const o = configMap(memoryApp(), {}, { spec: () => JSON.parse('{"a": {"__proto__": null}}') });
    const spy = cdk8sCalls();
    // cdk8s's copy assigns it, which gives the copy a null prototype, and then refuses the copy.
    expect(() => o.toJson()).toThrow(/Failed serializing construct at path 'c\/o'/);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('a producer that throws: the error as cdk8s reports it, with the construct path', () => {
    const o = configMap(memoryApp(), {}, {
      spec: () => {
        throw new Error('cannot render');
      },
    });
    expect(() => o.toJson()).toThrow("Failed serializing construct at path 'c/o' with name 'cm': Error: cannot render");
  });

  it('a JSON patch: applied by cdk8s', () => {
    const o = configMap(memoryApp(), { data: { a: '1' } });
    o.addJsonPatch(JsonPatch.add('/data/b', '2'));
    const spy = cdk8sCalls();
    expect(o.toJson().data).toEqual({ a: '1', b: '2' });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("the app's own resolvers: applied by cdk8s", () => {
    class Upper implements IResolver {
      public resolve(context: ResolutionContext): void {
        if (typeof context.value === 'string' && context.value.startsWith('shout:')) context.replaceValue(context.value.slice(6).toUpperCase());
      }
    }
    const o = configMap(new App({ outdir: memoryApp().outdir, resolvers: [new Upper()] }), { data: { a: 'shout:hello' } });
    const spy = cdk8sCalls();
    expect(o.toJson().data).toEqual({ a: 'HELLO' });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('CDK8S_DISABLE_SORT: cdk8s keeps the written key order', () => {
    process.env.CDK8S_DISABLE_SORT = '1';
    const o = configMap(memoryApp(), { data: { z: '1', a: '2' } });
    const spy = cdk8sCalls();
    expect(Object.keys(o.toJson().data)).toEqual(['z', 'a']);
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
