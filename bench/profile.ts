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
    inclusiveByFunction: rows(incl, (k) => / (src\/|bench\/|cdk8s|ajv|zod|yaml|constructs)/.test(k) && !/^\(anonymous\) /.test(k)),
  };
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
