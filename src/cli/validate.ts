import { expandPaths, InputError, loadFileWithText } from '../io/load-documents';
import { OperatorConfiguration, OperatorConfigurationError } from '../operator-configuration';
import { OPERATOR_VERSION_IDS, OperatorVersion } from '../operator-version';
import { OPERATOR_VERSION_ANNOTATION } from '../operator-version-annotation';
import { formatJson } from '../validation/format/json';
import { YamlLocator } from '../validation/format/locate';
import type { FileFinding } from '../validation/format/report';
import { formatSarif } from '../validation/format/sarif';
import { formatText } from '../validation/format/text';
import { countFlinkKinds } from '../validation/kinds-checked';
import { objectAt } from '../validation/list-items';
import { validateDocuments } from '../validation/validate';
import { parseCommandArgs, stringOption, UsageError } from './args';
import type { CliIo } from './io';
import { packageVersion } from './version';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export const VALIDATE_USAGE = `Usage: cdk8s-flink-bluegreen validate [--operator-version ${OPERATOR_VERSION_IDS.join('|')}] [--format text|json|sarif] [--strict] [--operator-config FILE] FILE|DIR...

Checks FlinkDeployment, FlinkBlueGreenDeployment, FlinkSessionJob and FlinkStateSnapshot
manifests against the CRD schema of the target operator build, the operator's own validation
rules, the blue/green and FLIP-504 gate rules, and reports run-time pitfalls and security lints
(SEC-*) as warnings. All files are one input: a session job is checked against its session
cluster and a snapshot against its job when the input holds them. Another kind of group
flink.apache.org is an error. Directories are walked for *.yaml / *.yml; kinds of other groups
are ignored, except gate RBAC (Roles that name a gate ConfigMap), which is checked against the
Flink objects of all files given. The summary counts the Flink objects checked per kind. Documents that are not Kubernetes objects (scalars, lists, mappings
without kind) are reported as warnings; empty documents are skipped.

Options:
  --operator-version V  check every object against this operator build (default: the build named
                        by each object's ${OPERATOR_VERSION_ANNOTATION} annotation, which
                        the constructs write, else ${OperatorVersion.DEFAULT.id})
  --format F            text (default), json or sarif
  --strict              report security lints (SEC-*) as errors, unless suppressed by annotation
  --operator-config F   the operator's default configuration: its Helm values (defaultConfiguration),
                        a Flink config.yaml (nested or flat) or a flink-conf.yaml; merged under each
                        job's flinkConfiguration as the operator does (namespace and flink-version
                        scoped defaults included) before the rules read it
  -h, --help            show this help

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or input error (including\ninput that holds no Flink object at all).`;

export interface ValidateArgs {
  /** The build every object is checked against; undefined: each object's annotation, else the default. */
  readonly version?: OperatorVersion;
  readonly format: Format;
  readonly paths: readonly string[];
  readonly strict: boolean;
  /** Path of the operator's configuration (--operator-config), if given. */
  readonly operatorConfig?: string;
}

/** Parses the arguments; a string is a usage error to print. */
export function parseArgs(args: readonly string[]): ValidateArgs | 'help' | string {
  let parsed;
  try {
    parsed = parseCommandArgs(args, { 'operator-version': { type: 'string' }, format: { type: 'string' }, strict: { type: 'boolean' }, 'operator-config': { type: 'string' } }, true);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  if (parsed.values.has('help')) return 'help';
  const format = stringOption(parsed, 'format') ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) return `unknown format "${format}": expected ${FORMATS.join(', ')}`;
  const id = stringOption(parsed, 'operator-version');
  if (id !== undefined && !(OPERATOR_VERSION_IDS as readonly string[]).includes(id)) {
    return `unknown operator version "${id}": expected one of ${OPERATOR_VERSION_IDS.join(', ')}`;
  }
  if (parsed.positionals.length === 0) return 'no FILE or DIR given';
  return {
    version: id === undefined ? undefined : OperatorVersion.of(id),
    format: format as Format,
    paths: parsed.positionals,
    strict: parsed.values.has('strict'),
    operatorConfig: stringOption(parsed, 'operator-config'),
  };
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** Validates files and directories; the findings in file order, with line numbers where found. */
export function validatePaths(
  paths: readonly string[],
  version: OperatorVersion | undefined,
  strict = false,
  operatorConfiguration?: OperatorConfiguration,
): { findings: FileFinding[]; files: number; kinds: Record<string, number>; flinkObjects: number } {
  const files = expandPaths(paths);
  // Each input is read once (bounded), so pipes and devices work and the text cannot change in between.
  const loaded = files.map((file) => ({ file, ...loadFileWithText(file) }));
  // All files are one input: gate RBAC in one file is judged against Flink objects in another.
  const contents = loaded.flatMap((l) => l.docs.map((d) => d.content));
  const all = validateDocuments(contents, { operatorVersion: version, strict, operatorConfiguration });
  const kinds = countFlinkKinds(contents);
  let next = 0;
  const findings: FileFinding[] = [];
  for (const { file, docs, text } of loaded) {
    const here: FileFinding[] = [];
    for (const d of docs) {
      for (const f of all[next++]) {
        // A finding in a List item names the item, not the List.
        const c = objectAt(d.content, f.path) as { kind?: unknown; metadata?: { name?: unknown } } | null;
        const isObj = typeof c === 'object' && c !== null && !Array.isArray(c);
        here.push({ ...f, file, document: d.index, kind: isObj ? str(c.kind) : null, name: isObj ? str(c.metadata?.name) : null });
      }
    }
    if (here.length) {
      // Re-parse only files with findings, to place them on lines; a finding on the document itself
      // (or on a field it lacks at the top) is placed from the first parse, without re-parsing.
      let locator: YamlLocator | undefined;
      for (const f of here) {
        const doc = docs[f.document];
        const pos = doc.position && atDocumentRoot(doc.content, f.path) ? doc.position : (locator ??= new YamlLocator(text)).locate(f.document, f.path);
        findings.push(pos ? { ...f, line: pos.line, column: pos.column } : f);
      }
    }
  }
  const flinkObjects = Object.values(kinds).reduce((n, c) => n + c, 0);
  return { findings, files: files.length, kinds, flinkObjects };
}

/** Whether a JSON Pointer's nearest existing node is the document itself. */
function atDocumentRoot(content: unknown, path: string): boolean {
  if (path === '') return true;
  const first = path.slice(1).split('/')[0].replace(/~1/g, '/').replace(/~0/g, '~');
  return typeof content !== 'object' || content === null || !Object.prototype.hasOwnProperty.call(content, first);
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (parsed === 'help') {
    io.out(VALIDATE_USAGE);
    return 0;
  }
  if (typeof parsed === 'string') {
    io.err(`validate: ${parsed}\n\n${VALIDATE_USAGE}`);
    return 2;
  }
  let result: ReturnType<typeof validatePaths>;
  try {
    const oc = parsed.operatorConfig !== undefined ? OperatorConfiguration.fromFile(parsed.operatorConfig) : undefined;
    result = validatePaths(parsed.paths, parsed.version, parsed.strict, oc);
  } catch (e) {
    if (e instanceof InputError || e instanceof OperatorConfigurationError) {
      io.err(`validate: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const report = { findings: result.findings, filesChecked: result.files, kindsChecked: result.kinds };
  io.out(parsed.format === 'json' ? formatJson(report) : parsed.format === 'sarif' ? formatSarif(report, packageVersion()) : formatText(report));
  const hasErrors = result.findings.some((f) => f.severity === 'error');
  if (result.flinkObjects === 0 && !hasErrors) {
    // A typo in a path, or the wrong folder, must not pass CI as "0 errors" (errors found in other kinds' metadata say 1 themselves).
    io.err(`validate: no Flink objects found in ${result.files} file${result.files === 1 ? '' : 's'} (${parsed.paths.join(', ')}): expected FlinkDeployment, FlinkBlueGreenDeployment, FlinkSessionJob or FlinkStateSnapshot documents; check the paths`);
    return 2;
  }
  return hasErrors ? 1 : 0;
}
