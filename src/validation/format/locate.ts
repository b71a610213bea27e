import { Composer, isMap, isScalar, isSeq, LineCounter, Parser, type Document, type Node } from 'yaml';

/**
 * Finds the line/column of JSON Pointers in a YAML text (the nearest existing parent if missing).
 * Documents are composed one at a time, as asked for (findings come in document order), so a
 * large file never has more than one document's syntax tree in memory.
 */
export class YamlLocator {
  private lc = new LineCounter();
  private docs: Iterator<Document.Parsed> | undefined;
  private current: { index: number; doc: Document.Parsed } | undefined;

  constructor(private readonly text: string) {}

  private document(index: number): Document.Parsed | undefined {
    if (!this.docs || (this.current && this.current.index > index)) {
      this.lc = new LineCounter();
      this.docs = new Composer({ uniqueKeys: false, merge: true }).compose(new Parser(this.lc.addNewLine).parse(this.text), true, this.text.length);
      this.current = undefined;
    }
    while (!this.current || this.current.index < index) {
      const next = this.docs.next();
      if (next.done) return undefined;
      this.current = { index: this.current ? this.current.index + 1 : 0, doc: next.value };
    }
    return this.current.doc;
  }

  locate(document: number, ptr: string): { line: number; column: number } | undefined {
    const doc = this.document(document);
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
