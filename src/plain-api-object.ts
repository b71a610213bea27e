import { ApiObject, type ApiObjectProps, App, ImplicitTokenResolver, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import type { Construct } from 'constructs';

/**
 * An `ApiObject` whose body our model produces as plain JSON (strings, numbers, booleans, plain
 * objects and arrays), rendered without cdk8s's token resolution when nothing could resolve.
 *
 * Why: cdk8s's `ApiObject.toJson()` resolves every value of a document (one context object and
 * one key-path array per value, per resolver) before sorting its keys; for the documents our
 * constructs emit that resolution changes nothing, and at fleet scale it was the largest single
 * cost of writing. The fast path returns exactly what `ApiObject.toJson()` returns (a test compares
 * both on every construct and on generated fleets); it is taken only when:
 * - no JSON patch was added (`addJsonPatch`),
 * - the app has only cdk8s's built-in resolvers (no `AppProps.resolvers`),
 * - `CDK8S_DISABLE_SORT` is not set,
 * - every value, `metadata.toJson()` included, is plain JSON: a `Lazy`, an object with its own
 *   class, a function or a symbol, or a key named `__proto__` anywhere sends the whole object
 *   through `ApiObject.toJson()`.
 * Otherwise it is `ApiObject.toJson()` itself.
 */
export class PlainApiObject extends ApiObject {
  private readonly body: ApiObjectProps;
  private readonly lazyBody: Readonly<Record<string, () => unknown>>;

  /**
   * @param lazyBody top-level fields produced at synth (e.g. `spec` from the rendered model);
   *   cdk8s's own path receives them as `Lazy` values
   */
  constructor(scope: Construct, id: string, props: ApiObjectProps, lazyBody: Readonly<Record<string, () => unknown>> = {}) {
    const lazies = Object.fromEntries(Object.entries(lazyBody).map(([k, produce]) => [k, Lazy.any({ produce })]));
    super(scope, id, { ...props, ...lazies });
    this.body = props;
    this.lazyBody = lazyBody;
  }

  public override toJson(): any {
    let plain: Record<string, unknown> | undefined;
    try {
      plain = this.plainJson();
    } catch {
      // A producer that throws (props too broken to render): cdk8s's path throws it, wrapped with
      // the construct path as `ApiObject.toJson()` always does.
      plain = undefined;
    }
    return plain ?? super.toJson();
  }

  /** The document without token resolution, or undefined when cdk8s's own path is needed. */
  private plainJson(): Record<string, unknown> | undefined {
    if (process.env.CDK8S_DISABLE_SORT) return undefined;
    const patches: unknown = (this as unknown as { patches?: unknown }).patches;
    if (!Array.isArray(patches) || patches.length > 0) return undefined;
    if (!onlyBuiltInResolvers(App.of(this).resolvers)) return undefined;
    const data: Record<string, unknown> = { ...this.body };
    for (const [k, produce] of Object.entries(this.lazyBody)) data[k] = produce();
    data.metadata = this.metadata.toJson();
    const sorted = sortedPlain(data);
    if (sorted === NOT_PLAIN) return undefined;
    // Top-level order as cdk8s writes it: apiVersion, kind, metadata, then the rest sorted.
    const doc = sorted as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(doc)]) if (k in doc) out[k] = doc[k];
    return out;
  }
}

/** cdk8s's three built-in resolvers pass plain JSON values through unchanged; custom ones may not. */
function onlyBuiltInResolvers(resolvers: readonly unknown[]): boolean {
  return resolvers.every((r) => r instanceof LazyResolver || r instanceof ImplicitTokenResolver || r instanceof NumberStringUnionResolver);
}

const NOT_PLAIN = Symbol('not plain JSON');

/**
 * What cdk8s's `sanitizeValue(resolve(v), { sortKeys: true })` gives for plain JSON: keys sorted,
 * null and undefined fields dropped, null array items as undefined. NOT_PLAIN for anything a
 * resolver could act on or sanitizeValue would refuse.
 */
function sortedPlain(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean') return v;
  if (t !== 'object') return NOT_PLAIN;
  if (Array.isArray(v)) {
    const items = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      // `in`: a hole stays a hole, as Array.prototype.map (what cdk8s uses) leaves it.
      if (!(i in v)) continue;
      const s = sortedPlain(v[i]);
      if (s === NOT_PLAIN) return NOT_PLAIN;
      items[i] = s;
    }
    return items;
  }
  // The same test cdk8s's resolve uses to walk into an object; a Lazy or a class instance is not one.
  if ((v as object).constructor !== Object) return NOT_PLAIN;
  const keys = Object.keys(v);
  // Most of our objects are rendered with their keys in order already: checking is cheaper than sorting.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1] > keys[i]) {
      keys.sort();
      break;
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    // cdk8s assigns `__proto__` like any key, which sets the copy's prototype: its path decides.
    if (k === '__proto__') return NOT_PLAIN;
    const s = sortedPlain((v as Record<string, unknown>)[k]);
    if (s === NOT_PLAIN) return NOT_PLAIN;
    if (s !== undefined) out[k] = s;
  }
  return out;
}
