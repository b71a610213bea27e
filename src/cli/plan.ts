/**
 * `cdk8s-flink-bluegreen plan`: what the Flink Kubernetes Operator will do with a change.
 *
 *   plan --from PATH --to PATH [--format text|json|markdown] [--fail-on IMPACT,...]
 *   plan --git REF [--dir DIR] [--allow-missing-base] [--format ...] [--fail-on ...]
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
import { OPERATOR_VERSION_IDS, OperatorVersion } from '../operator-version';
import { parseCommandArgs, stringOption, UsageError } from './args';
import { isRecord } from '../validation/flink-config';
import { targetVersion } from '../validation/target-version';
import { credentialValues, maskDeep } from '../masking';
import type { CliIo } from './io';

const FORMATS = { text: formatText, json: formatJson, markdown: formatMarkdown } as const;
type Format = keyof typeof FORMATS;

/** `--fail-on` also accepts these, for failing on dangers rather than on impacts. */
const DANGER_LEVELS = ['ERROR', 'WARNING'] as const;
type FailOn = Impact | (typeof DANGER_LEVELS)[number];

export const USAGE = `Usage:
  cdk8s-flink-bluegreen plan --from PATH --to PATH [options]
  cdk8s-flink-bluegreen plan --git REF [--dir DIR] [--allow-missing-base] [options]

Predicts what the Flink Kubernetes Operator does with each FlinkDeployment and
FlinkBlueGreenDeployment when the manifests change from one version to the other.
PATH is a YAML file or a directory (searched for *.yaml / *.yml). Objects are
matched by kind, namespace (as written) and name; gate ConfigMaps of manifest-wired
cutovers are shown key by key; other kinds are ignored.

Options:
  --from PATH          the current manifests
  --to PATH            the proposed manifests
  --git REF            compare DIR in the working tree with DIR as committed at REF
  --dir DIR            synthesized output folder for --git (default: dist)
  --allow-missing-base with --git: when DIR does not exist at REF (not committed
                       there, e.g. a gitignored dist/), plan against an empty base
                       (everything is CREATE) instead of exiting 2
  --format FORMAT      text (default), json or markdown (for pull-request comments)
  --operator-version V the operator build the manifests go to (${OPERATOR_VERSION_IDS.join(', ')}):
                       fields its CRD prunes are left out of the comparison, as the operator never
                       sees them (default: each object's flink.bluegreen/operator-version annotation,
                       else ${OperatorVersion.DEFAULT.id})
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
  /** `--git`: a DIR that does not exist at REF is an empty base (everything is new) instead of an error. */
  readonly allowMissingBase: boolean;
  readonly help: boolean;
  /** `--operator-version`: every object against one build; else each object's annotation, else the default. */
  readonly operatorVersion?: OperatorVersion;
}

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  git: { type: 'string' },
  dir: { type: 'string' },
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  'allow-missing-base': { type: 'boolean' },
  'operator-version': { type: 'string' },
} as const;

/** Parses the flags; every mistake is a UsageError (exit 2) with a one-line message. */
export function parseArgs(args: readonly string[]): Options {
  const parsed = parseCommandArgs(args, OPTIONS, false);
  const help = parsed.values.has('help');
  const format = stringOption(parsed, 'format') ?? 'text';
  if (!(format in FORMATS)) throw new UsageError(`--format must be one of text, json, markdown (got "${format}")`);
  const failOn = parseFailOn(stringOption(parsed, 'fail-on'));
  const v = stringOption(parsed, 'operator-version');
  if (v !== undefined && !(OPERATOR_VERSION_IDS as readonly string[]).includes(v)) throw new UsageError(`--operator-version must be one of ${OPERATOR_VERSION_IDS.join(', ')} (got "${v}")`);
  const opts: Options = {
    operatorVersion: v === undefined ? undefined : OperatorVersion.of(v),
    from: stringOption(parsed, 'from'),
    to: stringOption(parsed, 'to'),
    git: stringOption(parsed, 'git'),
    dir: stringOption(parsed, 'dir') ?? 'dist',
    format: format as Format,
    failOn,
    allowMissingBase: parsed.values.has('allow-missing-base'),
    help,
  };
  if (help) return opts;
  if (opts.git !== undefined) {
    if (opts.from !== undefined || opts.to !== undefined) throw new UsageError('--git cannot be combined with --from/--to');
  } else {
    if (parsed.values.has('dir')) throw new UsageError('--dir only applies to --git');
    if (opts.allowMissingBase) throw new UsageError('--allow-missing-base only applies to --git');
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
    const before = loadFromGit(opts.git, opts.dir, process.cwd(), { allowMissing: opts.allowMissingBase });
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
    plan = planChanges(
      flinkObjects(before),
      flinkObjects(after),
      { operatorVersion: opts.operatorVersion ?? OperatorVersion.DEFAULT, operatorVersionOf: (body) => (isRecord(body) ? targetVersion(body, opts.operatorVersion).version : undefined) },
      { before, after },
    );
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
