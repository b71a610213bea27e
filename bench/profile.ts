/**
 * Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by module
 * (package or repo file), plus inclusive time of selected repo functions.
 *
 *   node node_modules/tsx/dist/cli.mjs bench/profile.ts bench/out/prof/x.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileRow {
  readonly name: string;
  readonly ms: number;
  readonly pct: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly selfByFunction: ProfileRow[];
  readonly selfByModule: ProfileRow[];
  /** Inclusive (self + callees) time of each function, top entries from the repo and key libraries. */
  readonly inclusiveByFunction: ProfileRow[];
}

const ROOT = process.cwd();

function moduleOf(url: string): string {
  if (!url) return '(native/gc/idle)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (path.startsWith('node:')) return path;
  return relative(ROOT, path) || path;
}

function label(f: CallFrame): string {
  const where = f.url ? `${moduleOf(f.url)}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
}

export function summarize(file: string, top = 25): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  p.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const selfFn = new Map<string, number>();
  const selfMod = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    const f = n.callFrame;
    const idle = f.functionName === '(idle)' || f.functionName === '(program)';
    selfFn.set(label(f), (selfFn.get(label(f)) ?? 0) + us);
    const mod = f.functionName === '(garbage collector)' ? '(garbage collector)' : idle ? '(idle/program)' : moduleOf(f.url);
    selfMod.set(mod, (selfMod.get(mod) ?? 0) + us);
    // Inclusive: charge every distinct frame on the stack once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!.callFrame);
      if (seen.has(l)) continue;
      seen.add(l);
      incl.set(l, (incl.get(l) ?? 0) + us);
    }
  }
  const rows = (m: Map<string, number>, filter: (k: string) => boolean = () => true): ProfileRow[] =>
    [...m.entries()]
      .filter(([k]) => filter(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10, pct: Math.round((1000 * us) / total) / 10 }));
  return {
    totalMs: Math.round(total / 1000),
    selfByFunction: rows(selfFn),
    selfByModule: rows(selfMod),
    inclusiveByFunction: rows(incl, (k) => / (src\/|lib\/|bench\/|cdk8s|ajv|zod|yaml|constructs)/.test(k) && !/^\(anonymous\) /.test(k)),
  };
}

/**
 * Where a synth's main-thread time goes, by stage. A sample in the garbage collector, in a file
 * system call or in node's module loader counts as that; otherwise it goes to the innermost stage
 * marker on its stack (validation that renders counts as "render"; a helper the rules call, as
 * "validation"; code run while a module is required, as "module loading"), else to the package
 * its own frame is in.
 */
export const STAGES = [
  'module loading',
  'construct tree (cdk8s, constructs)',
  'props check (zod)',
  'render (our constructs)',
  'our constructs (other)',
  'validation (rule set, CRD schema)',
  'resolve (cdk8s toJson)',
  'YAML',
  'file system',
  'garbage collector',
  'other',
] as const;
export type Stage = (typeof STAGES)[number];

const FS_CALLS = /^(writeFileUtf8|readFileUtf8|writeFileSync|readFileSync|writeSync|openSync|closeSync|fsyncSync|renameSync|mkdirSync|rmSync|unlink|lstat|stat|readdir|rename|mkdir|open|close|fsync|rmdir|realpath|existsSync|internalModuleStat)$/;

function leafStage(f: CallFrame): Stage | undefined {
  if (f.functionName === '(garbage collector)') return 'garbage collector';
  if (/^node:internal\/modules\//.test(f.url) || f.functionName === 'wrapSafe' || f.functionName === 'compileFunction') return 'module loading';
  if (FS_CALLS.test(f.functionName) && (f.url === '' || f.url.startsWith('node:fs'))) return 'file system';
  return undefined;
}

const MARKERS: Array<[Stage, (f: CallFrame) => boolean]> = [
  ['module loading', (f) => f.functionName === 'require' && f.url.startsWith('node:internal/modules')],
  ['YAML', (f) => f.functionName === 'stringifyDocuments' || /\/node_modules\/yaml\//.test(f.url)],
  ['validation (rule set, CRD schema)', (f) => /^(validateDocuments|validateDocument|validateFileDocument|checkObjects|metadataProblems|duplicateObjectProblems|schemaFindings)$/.test(f.functionName)],
  ['render (our constructs)', (f) => /^(renderUnchecked|computeRendered)$/.test(f.functionName)],
  ['props check (zod)', (f) => f.functionName === 'checkProps'],
  ['resolve (cdk8s toJson)', (f) => /\/node_modules\/cdk8s\//.test(f.url) && /^(resolve|sanitizeValue|sanitize)$/.test(f.functionName)],
];

export function stagesOf(file: string): Record<Stage, number> {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const markerOf = new Map<number, Stage | null>();
  const marker = (id: number): Stage | null => {
    if (markerOf.has(id)) return markerOf.get(id)!;
    const own = MARKERS.find(([, test]) => test(byId.get(id)!.callFrame))?.[0];
    const up = parent.get(id);
    const stage = own ?? (up === undefined ? null : marker(up));
    markerOf.set(id, stage);
    return stage;
  };
  const out = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)' || f.functionName === '(root)') return;
    const stage: Stage =
      leafStage(f) ??
      marker(id) ??
      (/\/node_modules\/(cdk8s|constructs)\//.test(f.url)
        ? 'construct tree (cdk8s, constructs)'
        : /\/node_modules\/zod\//.test(f.url)
          ? 'props check (zod)'
          : /\/(src|lib)\//.test(f.url) && !/\/node_modules\//.test(f.url)
            ? 'our constructs (other)'
            : 'other');
    out[stage] += (p.timeDeltas[i] ?? 0) / 1000;
  });
  return out;
}

export function printSummary(s: ProfileSummary): void {
  const table = (title: string, rows: ProfileRow[]) => {
    console.log(`\n${title}`);
    for (const r of rows) console.log(`  ${r.ms.toFixed(1).padStart(9)} ms ${r.pct.toFixed(1).padStart(5)}%  ${r.name}`);
  };
  console.log(`profile: ${s.totalMs} ms sampled`);
  table('self time by module', s.selfByModule);
  table('self time by function', s.selfByFunction);
  table('inclusive time (repo and key libraries)', s.inclusiveByFunction);
}

if (require.main === module) {
  printSummary(summarize(process.argv[2], Number(process.argv[3] ?? 25)));
}
