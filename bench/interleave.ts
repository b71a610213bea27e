/**
 * Interleaved measurement of whole commands: the compared commands run round by round
 * (A B C, then B C A, then C A B, ...), so a slow spell of a shared machine hits every command of a
 * round instead of one command's whole block, and each round gives one ratio per pair. Wall time,
 * user CPU and system CPU are recorded per run; CPU comes from the kernel's accounting of reaped
 * children (`/proc/self/stat` cutime/cstime), so it includes every thread and process a command
 * starts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** One run of one command. Milliseconds. */
export interface Sample {
  readonly wallMs: number;
  readonly userMs: number;
  readonly sysMs: number;
}

/** A command to compare: `run` executes it once, synchronously, and throws on failure. */
export interface Contender {
  readonly name: string;
  readonly run: () => void;
  /** Untimed, before each run: e.g. removing the previous run's output folder. */
  readonly prepare?: () => void;
}

/**
 * Writes the dirty pages of earlier runs to disk (`sync`), untimed, so that a run does not pay
 * for the write-back of the one before it: with a thousand files per run this alone moved a
 * run's wall time by a third.
 */
export function settle(): void {
  try {
    execFileSync('sync');
  } catch {
    // Without sync (not on Linux), runs are only less steady.
  }
}

let ticksPerSecond: number | undefined;
/** Clock ticks per second of the kernel's CPU accounting (CLK_TCK, usually 100). */
export function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User and system CPU (ms) of this process's reaped children so far. Linux only; zeros elsewhere. */
export function childrenCpuMs(): { userMs: number; sysMs: number } {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return { userMs: 0, sysMs: 0 };
  }
  // Fields after the command name (which may hold spaces) start at field 3; cutime is 16, cstime 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const tick = 1000 / clockTicks();
  return { userMs: Number(fields[13]) * tick, sysMs: Number(fields[14]) * tick };
}

/** Runs `fn` once and measures it with its children's CPU. */
export function measure(fn: () => void): Sample {
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  fn();
  const wallMs = performance.now() - t0;
  const c1 = childrenCpuMs();
  return { wallMs, userMs: c1.userMs - c0.userMs, sysMs: c1.sysMs - c0.sysMs };
}

/** Samples per contender, index i of each list from round i. */
export type Rounds = Record<string, Sample[]>;

/** `rounds` rounds of every contender, the order rotating by one each round. */
export function interleave(contenders: readonly Contender[], rounds: number, onRound?: (round: number) => void): Rounds {
  const out: Rounds = Object.fromEntries(contenders.map((c) => [c.name, [] as Sample[]]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(r + k) % contenders.length];
      c.prepare?.();
      settle();
      out[c.name].push(measure(c.run));
    }
    onRound?.(r);
  }
  return out;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median with the range of a list of numbers. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** (max - min) / median: how far one run can stray, as a share of the typical run. */
  readonly relativeRange: number;
}

export function spread(xs: readonly number[]): Spread {
  const m = median(xs);
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  return { median: m, min, max, relativeRange: m === 0 ? 0 : (max - min) / m };
}

export type Metric = 'wallMs' | 'userMs' | 'sysMs' | 'cpuMs';

function value(s: Sample, metric: Metric): number {
  return metric === 'cpuMs' ? s.userMs + s.sysMs : s[metric];
}

/** The ratio a/b of each round, summarized: the median of pairwise ratios, with min and max. */
export function pairwiseRatio(rounds: Rounds, a: string, b: string, metric: Metric): Spread {
  const xs = rounds[a].map((s, i) => value(s, metric) / value(rounds[b][i], metric));
  return spread(xs.filter((x) => Number.isFinite(x)));
}

/** The difference a-b of each round, summarized (e.g. our own CPU on top of raw cdk8s). */
export function pairwiseDifference(rounds: Rounds, a: string, b: string, metric: Metric): Spread {
  return spread(rounds[a].map((s, i) => value(s, metric) - value(rounds[b][i], metric)));
}

/** Per-metric spread of one contender's samples. */
export function summarizeSamples(samples: readonly Sample[]): Record<Metric, Spread> {
  return {
    wallMs: spread(samples.map((s) => s.wallMs)),
    userMs: spread(samples.map((s) => s.userMs)),
    sysMs: spread(samples.map((s) => s.sysMs)),
    cpuMs: spread(samples.map((s) => s.userMs + s.sysMs)),
  };
}
