/**
 * `kind: List` (what `kubectl get -o yaml` writes, and what `kubectl apply` accepts) holds objects
 * in `items`: each is validated like a document of its own. Lists nest; the path prefix says
 * where each item is (`/items/3`, `/items/0/items/1`).
 */
export interface ListItem {
  readonly item: unknown;
  /** JSON Pointer of the item within its document ('' for the document itself). */
  readonly prefix: string;
}

function isList(doc: unknown): doc is { kind: 'List'; items: unknown[] } {
  return typeof doc === 'object' && doc !== null && !Array.isArray(doc) && (doc as { kind?: unknown }).kind === 'List' && Array.isArray((doc as { items?: unknown }).items);
}

/** The objects of one document: the document itself, or the items of a List (recursively). */
export function listItems(doc: unknown, prefix = ''): ListItem[] {
  if (!isList(doc)) return [{ item: doc, prefix }];
  return doc.items.flatMap((item, i) => listItems(item, `${prefix}/items/${i}`));
}

/** The object a finding's path points into (the List item, or the document). */
export function objectAt(doc: unknown, path: string): unknown {
  let current = doc;
  let rest = path;
  for (;;) {
    const m = /^\/items\/(\d+)(?=\/|$)/.exec(rest);
    if (!m || !isList(current)) return current;
    current = current.items[Number(m[1])];
    rest = rest.slice(m[0].length);
  }
}
