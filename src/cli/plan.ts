/**
 * `cdk8s-flink-bluegreen plan`: what the Flink Kubernetes Operator will do with a change.
 *
 *   plan --from PATH --to PATH [--format text|json|markdown] [--fail-on IMPACT,...]
 *   plan --git REF [--dir DIR] [--format ...] [--fail-on ...]
 *
 * Exit codes: 0 done, 1 an impact listed in --fail-on is present, 2 bad input or flags.
 */
import { InputError, type LoadedDocument } from '../io/load-documents';
import { formatJson } from '../plan/format/json';
import { formatMarkdown } from '../plan/format/markdown';
import { formatText } from '../plan/format/text';
import { ALL_IMPACTS, isImpact, type Impact } from '../plan/impact';
import { flinkObjects } from '../plan/manifest';
import { planChanges, type Plan } from '../plan/plan';
import { loadFromGit, loadFromPaths } from '../plan/sources';
import { credentialValues, maskDeep } from '../masking';
import type { CliIo } from './io';

const FORMATS = { text: formatText, json: formatJson, markdown: formatMarkdown } as const;
type Format = keyof typeof FORMATS;

/** `--fail-on` also accepts these, for failing on dangers rather than on impacts. */
const DANGER_LEVELS = ['ERROR', 'WARNING'] as const;
type FailOn = Impact | (typeof DANGER_LEVELS)[number];

export const USAGE = `Usage:
  cdk8s-flink-bluegreen plan --from PATH --to PATH [options]
  cdk8s-flink-bluegreen plan --git REF [--dir DIR] [options]

Predicts what the Flink Kubernetes Operator does with each FlinkDeployment and
FlinkBlueGreenDeployment when the manifests change from one version to the other.
PATH is a YAML file or a directory (searched for *.yaml / *.yml). Objects are
matched by kind, namespace (as written) and name; other kinds are ignored.

Options:
  --from PATH          the current manifests
  --to PATH            the proposed manifests
  --git REF            compare DIR in the working tree with DIR as committed at REF
  --dir DIR            synthesized output folder for --git (default: dist)
  --format FORMAT      text (default), json or markdown (for pull-request comments)
  --fail-on LIST       exit 1 when one of these is present, comma-separated:
                       ${ALL_IMPACTS.join(', ')},
                       or ERROR / WARNING for dangers
  -h, --help           show this help

Exit codes: 0 ok, 1 --fail-on matched, 2 bad input or options.`;

interface Options {
  readonly from?: string;
  readonly to?: string;
  readonly git?: string;
  readonly dir: string;
  readonly format: Format;
  readonly failOn: readonly FailOn[];
  readonly help: boolean;
}

class UsageError extends Error {}

const VALUE_FLAGS = new Set(['--from', '--to', '--git', '--dir', '--format', '--fail-on']);

/** Parses the flags; every mistake is a UsageError (exit 2) with a one-line message. */
export function parseArgs(args: readonly string[]): Options {
  const values = new Map<string, string>();
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_FLAGS.has(flag)) throw new UsageError(arg.startsWith('-') ? `unknown option ${flag}` : `unexpected argument "${arg}"`);
    let value: string | undefined;
    if (flag !== arg) value = arg.slice(eq + 1);
    else {
      value = args[++i];
      if (value === undefined || (value.startsWith('--') && VALUE_FLAGS.has(value))) throw new UsageError(`${flag} needs a value`);
    }
    if (values.has(flag)) throw new UsageError(`${flag} given twice`);
    if (value === '') throw new UsageError(`${flag} needs a value`);
    values.set(flag, value);
  }
  const format = values.get('--format') ?? 'text';
  if (!(format in FORMATS)) throw new UsageError(`--format must be one of text, json, markdown (got "${format}")`);
  const failOn = parseFailOn(values.get('--fail-on'));
  const opts: Options = {
    from: values.get('--from'),
    to: values.get('--to'),
    git: values.get('--git'),
    dir: values.get('--dir') ?? 'dist',
    format: format as Format,
    failOn,
    help,
  };
  if (help) return opts;
  if (opts.git !== undefined) {
    if (opts.from !== undefined || opts.to !== undefined) throw new UsageError('--git cannot be combined with --from/--to');
  } else {
    if (values.has('--dir')) throw new UsageError('--dir only applies to --git');
    if (opts.from === undefined || opts.to === undefined) throw new UsageError('give --from PATH and --to PATH, or --git REF');
  }
  return opts;
}

function parseFailOn(raw: string | undefined): FailOn[] {
  if (raw === undefined) return [];
  const items = raw.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  if (items.length === 0) throw new UsageError('--fail-on needs at least one impact');
  for (const s of items) {
    if (!isImpact(s) && !(DANGER_LEVELS as readonly string[]).includes(s)) {
      throw new UsageError(`--fail-on: unknown impact "${s}" (one of ${ALL_IMPACTS.join(', ')}, ERROR, WARNING)`);
    }
  }
  return items as FailOn[];
}

/** Whether any entry of `--fail-on` is present in the plan. */
export function failOnMatches(plan: Plan, failOn: readonly FailOn[]): boolean {
  return failOn.some((f) =>
    f === 'ERROR' || f === 'WARNING'
      ? plan.changes.some((c) => c.dangers.some((d) => d.severity === f.toLowerCase()))
      : plan.changes.some((c) => c.impact === f),
  );
}

function loadVersions(opts: Options): { readonly before: LoadedDocument[]; readonly after: LoadedDocument[] } {
  if (opts.git !== undefined) {
    // Read the ref first: a bad ref is the likelier mistake and should be reported as such.
    const before = loadFromGit(opts.git, opts.dir);
    return { before, after: loadFromPaths([opts.dir]) };
  }
  return { before: loadFromPaths([opts.from!]), after: loadFromPaths([opts.to!]) };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let opts: Options;
  try {
    opts = parseArgs(args);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`plan: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (opts.help) {
    io.out(USAGE);
    return 0;
  }
  let plan: Plan;
  try {
    const { before, after } = loadVersions(opts);
    plan = planChanges(flinkObjects(before), flinkObjects(after));
    // One masking policy (src/masking.ts): credentials of either version never reach any format.
    plan = maskDeep(plan, credentialValues(...before.map((d) => d.content), ...after.map((d) => d.content)));
  } catch (e) {
    if (e instanceof InputError) {
      io.err(`plan: ${e.message}`);
      return 2;
    }
    throw e;
  }
  io.out(FORMATS[opts.format](plan));
  return failOnMatches(plan, opts.failOn) ? 1 : 0;
}
