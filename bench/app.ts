/**
 * The benchmarked cdk8s app, compiled by bench/run.ts into bench/out/js and run as a cold
 * subprocess:
 *
 *   BENCH_IMPL=ours  BENCH_N=1000 BENCH_OUTDIR=<dir> node bench/out/js/bench/app.js
 *   BENCH_IMPL=raw   BENCH_RAW_JSON=bench/out/raw-1000.json ...   (the same objects as plain ApiObjects)
 *   BENCH_LAYOUT=app ...   one app.k8s.yaml (YamlOutputType.FILE_PER_APP)
 *   BENCH_SYNTH=app  ...   cdk8s's own App.synth() instead of synthAtomically
 *
 * `ours` builds N jobs through the public constructs and synthesizes with validation. `raw` loads
 * the documents ours emitted (precomputed JSON) and adds each as a plain ApiObject: no typing, no
 * validation. Both write through the same synthAtomically and YAML writer.
 *
 * With BENCH_REPORT set, writes phase timings and peak RSS as JSON to that file on exit.
 */
import { performance } from 'node:perf_hooks';
const t0 = performance.now();
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ApiObject, App, Chart, YamlOutputType } from 'cdk8s';
import { synthAtomically } from '../src/atomic-synth';

// Warnings from the rule set go to stderr; the fleet acknowledges the run-time ones by annotation.
export interface RawChart {
  readonly id: string;
  readonly docs: Record<string, unknown>[];
}

export function buildRawApp(app: App, charts: readonly RawChart[]): App {
  for (const c of charts) {
    const chart = new Chart(app, c.id);
    c.docs.forEach((d, i) => new ApiObject(chart, String(i), d as never));
  }
  return app;
}

/**
 * CPU time (user + system, in clock ticks) of this process's main thread and of all its other
 * threads: V8's background compilers and garbage collector helpers (this app does no asynchronous
 * file I/O, so libuv's pool stays idle). From /proc/self/task/<tid>/stat; the parent converts
 * ticks with the machine's CLK_TCK. Undefined elsewhere than Linux.
 */
function threadCpuTicks(): { main: number; background: number } | undefined {
  try {
    let main = 0;
    let background = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // After the command name (which may hold spaces): field 3 (state) onwards; utime is 14, stime 15.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(f[11]) + Number(f[12]);
      if (Number(tid) === process.pid) main += ticks;
      else background += ticks;
    }
    return { main, background };
  } catch {
    return undefined;
  }
}

function main(): void {
  const impl = process.env.BENCH_IMPL ?? 'ours';
  const outdir = process.env.BENCH_OUTDIR ?? 'bench/out/app';
  const n = Number(process.env.BENCH_N ?? '1');
  // BENCH_LAYOUT=app: one app.k8s.yaml (YamlOutputType.FILE_PER_APP), as helm template writes one stream.
  const app = new App({ outdir, ...(process.env.BENCH_LAYOUT === 'app' ? { yamlOutputType: YamlOutputType.FILE_PER_APP } : {}) });
  let tImport: number;
  let tBuild: number;
  if (impl === 'raw') {
    const charts = JSON.parse(readFileSync(process.env.BENCH_RAW_JSON!, 'utf8')) as RawChart[];
    tImport = performance.now();
    buildRawApp(app, charts);
    tBuild = performance.now();
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildFleetApp, fleet } = require('./fleet') as typeof import('./fleet');
    tImport = performance.now();
    buildFleetApp(app, fleet(n));
    tBuild = performance.now();
  }
  // Both implementations synthesize the same way: synthAtomically (what `npm run synth` and
  // synthOrExit use), or with BENCH_SYNTH=app cdk8s's own App.synth().
  if (process.env.BENCH_SYNTH === 'app') app.synth();
  else synthAtomically(app);
  const tSynth = performance.now();
  if (process.env.BENCH_REPORT) {
    writeFileSync(
      process.env.BENCH_REPORT,
      JSON.stringify({
        impl,
        n,
        // ms since this module started (tsx and node startup come before and are in the parent's wall time)
        importMs: tImport - t0,
        buildMs: tBuild - tImport,
        synthMs: tSynth - tBuild,
        totalMs: tSynth - t0,
        sinceProcessStartMs: tSynth,
        // resourceUsage().maxRSS is in KiB on Linux
        maxRssMb: process.resourceUsage().maxRSS / 1024,
        threadCpuTicks: threadCpuTicks(),
      }),
    );
  }
}

if (require.main === module) main();
