/**
 * Memory and quantity parsing as the operator does it: Flink's MemorySize first, Kubernetes
 * quantity syntax as the fallback (ResourceConfigUtils.parseResourceMemoryString).
 */

const FLINK_MEMORY_UNITS: Record<string, number> = {
  '': 1, b: 1, bytes: 1,
  k: 1024, kb: 1024, kibibytes: 1024,
  m: 1024 ** 2, mb: 1024 ** 2, mebibytes: 1024 ** 2,
  g: 1024 ** 3, gb: 1024 ** 3, gibibytes: 1024 ** 3,
  t: 1024 ** 4, tb: 1024 ** 4, tebibytes: 1024 ** 4,
};

/** Bytes for Flink MemorySize syntax (`2048m`, `1 g`; `m` is MiB), undefined when Flink rejects it. */
export function parseFlinkMemory(text: string): number | undefined {
  const m = /^\s*(\d+)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const factor = FLINK_MEMORY_UNITS[m[2].toLowerCase()];
  return factor === undefined ? undefined : Number(m[1]) * factor;
}

const K8S_SUFFIX: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6,
};

/** Numeric amount of a Kubernetes quantity (`2Gi`, `500m`, `1e3`), undefined when it does not parse. */
export function parseK8sQuantity(text: string): number | undefined {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(text.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return base * Math.pow(10, Number(m[2].slice(1)));
  return base * K8S_SUFFIX[m[3] ?? ''];
}

/** Bytes for a memory string as the operator reads `resource.memory`, or undefined if it cannot. */
export function parseOperatorMemory(text: string): number | undefined {
  const flink = parseFlinkMemory(text);
  if (flink !== undefined) return flink;
  // The operator upper-cases, drops a trailing B and lower-cases a trailing I ("2gb" → "2G", "2GIB" → "2Gi").
  let q = text.trim().replace(/\s/g, '').toUpperCase();
  if (q.endsWith('B')) q = q.slice(0, -1);
  if (q.endsWith('I')) q = q.slice(0, -1) + 'i';
  const amount = parseK8sQuantity(q);
  // The numeric amount is then read back by MemorySize, which takes whole non-negative bytes only.
  if (amount === undefined || amount < 0 || !Number.isFinite(amount)) return undefined;
  return Math.floor(amount);
}

/** A Kubernetes quantity value from YAML: strings and numbers both occur (int-or-string). */
export function quantityText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}
