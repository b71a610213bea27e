/** Picking the Flink objects out of parsed YAML documents, with their identity. */
import { InputError, type LoadedDocument } from '../io/load-documents';
import { isPlainObject } from './diff-fields';
import { FLINK_KINDS, type FlinkKind } from './impact';

/** One FlinkDeployment or FlinkBlueGreenDeployment manifest. */
export interface ManifestObject {
  readonly kind: FlinkKind;
  /** As written: a missing namespace is not "default", it is matched literally as missing. */
  readonly namespace: string | undefined;
  readonly name: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** `file` and document index, for messages. */
  readonly source: string;
}

/** The identity objects are matched on across the two versions. */
export function objectKey(o: { readonly kind: string; readonly namespace: string | undefined; readonly name: string }): string {
  return JSON.stringify([o.kind, o.namespace ?? null, o.name]);
}

export function displayName(o: { readonly namespace: string | undefined; readonly name: string }): string {
  return o.namespace === undefined ? o.name : `${o.namespace}/${o.name}`;
}

function isFlinkKind(k: unknown): k is FlinkKind {
  return typeof k === 'string' && (FLINK_KINDS as readonly string[]).includes(k);
}

/** `kind: List` (as written by `kubectl get -o yaml`) holds objects in `items`. */
function expandLists(content: unknown): unknown[] {
  if (isPlainObject(content) && content.kind === 'List' && Array.isArray(content.items)) return content.items.flatMap(expandLists);
  return [content];
}

/**
 * The Flink objects among the documents; everything else (other kinds, empty documents) is
 * skipped. A Flink object without a name, or the same object twice, is bad input: the comparison
 * would be guesswork.
 */
export function flinkObjects(docs: readonly LoadedDocument[]): ManifestObject[] {
  const out: ManifestObject[] = [];
  const seen = new Map<string, string>();
  for (const doc of docs) {
    for (const item of expandLists(doc.content)) {
      if (!isPlainObject(item) || !isFlinkKind(item.kind)) continue;
      const source = `${doc.file} (document ${doc.index + 1})`;
      const meta = isPlainObject(item.metadata) ? item.metadata : {};
      if (typeof meta.name !== 'string' || meta.name === '') throw new InputError(`${source}: ${item.kind} without metadata.name`);
      const namespace = typeof meta.namespace === 'string' ? meta.namespace : undefined;
      const obj: ManifestObject = { kind: item.kind, namespace, name: meta.name, body: item, source };
      const key = objectKey(obj);
      const previous = seen.get(key);
      if (previous !== undefined) throw new InputError(`${source}: ${obj.kind} ${displayName(obj)} is also defined in ${previous}`);
      seen.set(key, source);
      out.push(obj);
    }
  }
  return out;
}
