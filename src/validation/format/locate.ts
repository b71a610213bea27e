import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';

/** Finds the line/column of JSON Pointers in a YAML text (the nearest existing parent if missing). */
export class YamlLocator {
  private readonly lc = new LineCounter();
  private readonly docs;

  constructor(text: string) {
    this.docs = parseAllDocuments(text, { lineCounter: this.lc, keepSourceTokens: false });
  }

  locate(document: number, ptr: string): { line: number; column: number } | undefined {
    const docs = Array.isArray(this.docs) ? this.docs : [];
    const doc = docs[document];
    if (!doc) return undefined;
    const segs = ptr === '' ? [] : ptr.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node: unknown = doc.contents;
    let best: number | undefined = (doc.contents as Node | null)?.range?.[0];
    for (const seg of segs) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
        if (!pair) break;
        const keyNode = pair.key as Node | null;
        if (keyNode?.range) best = keyNode.range[0];
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)] as Node | undefined;
        if (!item) break;
        if (item.range) best = item.range[0];
        node = item;
      } else {
        break;
      }
    }
    if (best === undefined) return undefined;
    const pos = this.lc.linePos(best);
    return { line: pos.line, column: pos.col };
  }
}
