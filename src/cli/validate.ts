import { readFileSync } from 'node:fs';
import { expandPaths, InputError, loadFileWithText } from '../io/load-documents';
import { OPERATOR_VERSION_IDS, OperatorVersion } from '../operator-version';
import { findPackageRoot } from '../validation/crd';
import { formatJson } from '../validation/format/json';
import { YamlLocator } from '../validation/format/locate';
import type { FileFinding } from '../validation/format/report';
import { formatSarif } from '../validation/format/sarif';
import { formatText } from '../validation/format/text';
import { objectAt } from '../validation/list-items';
import { validateDocuments } from '../validation/validate';
import type { CliIo } from './io';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export const VALIDATE_USAGE = `Usage: cdk8s-flink-bluegreen validate [--operator-version ${OPERATOR_VERSION_IDS.join('|')}] [--format text|json|sarif] [--strict] FILE|DIR...

Checks FlinkDeployment and FlinkBlueGreenDeployment manifests against the CRD schema of the
target operator build, the operator's own validation rules, the blue/green and FLIP-504 gate
rules, and reports run-time pitfalls and security lints (SEC-*) as warnings. Directories are
walked for *.yaml / *.yml; other kinds are ignored, except gate RBAC (Roles that name a gate
ConfigMap), which is checked against the Flink objects of all files given. Documents that are not Kubernetes objects (scalars, lists, mappings
without kind) are reported as warnings; empty documents are skipped.

Options:
  --operator-version V  operator build to check against (default ${OperatorVersion.DEFAULT.id})
  --format F            text (default), json or sarif
  --strict              report security lints (SEC-*) as errors, unless suppressed by annotation
  -h, --help            show this help

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or input error.`;

export interface ValidateArgs {
  readonly version: OperatorVersion;
  readonly format: Format;
  readonly paths: readonly string[];
  readonly strict: boolean;
}

/** Parses the arguments; a string is a usage error to print. */
export function parseArgs(args: readonly string[]): ValidateArgs | 'help' | string {
  let version = OperatorVersion.DEFAULT;
  let format: Format = 'text';
  let strict = false;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--strict') {
      strict = true;
      continue;
    }
    const m = /^(--operator-version|--format)(?:=(.*))?$/.exec(a);
    if (m) {
      const value = m[2] ?? args[++i];
      if (value === undefined) return `${m[1]} needs a value`;
      if (m[1] === '--format') {
        if (!(FORMATS as readonly string[]).includes(value)) return `unknown format "${value}": expected ${FORMATS.join(', ')}`;
        format = value as Format;
      } else {
        if (!(OPERATOR_VERSION_IDS as readonly string[]).includes(value)) {
          return `unknown operator version "${value}": expected one of ${OPERATOR_VERSION_IDS.join(', ')}`;
        }
        version = OperatorVersion.of(value);
      }
    } else if (a === '--') {
      paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      return `unknown option "${a}"`;
    } else {
      paths.push(a);
    }
  }
  if (paths.length === 0) return 'no FILE or DIR given';
  return { version, format, paths, strict };
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** Validates files and directories; the findings in file order, with line numbers where found. */
export function validatePaths(paths: readonly string[], version: OperatorVersion, strict = false): { findings: FileFinding[]; files: number } {
  const files = expandPaths(paths);
  // Each input is read once (bounded), so pipes and devices work and the text cannot change in between.
  const loaded = files.map((file) => ({ file, ...loadFileWithText(file) }));
  // All files are one input: gate RBAC in one file is judged against Flink objects in another.
  const all = validateDocuments(loaded.flatMap((l) => l.docs.map((d) => d.content)), { operatorVersion: version, strict });
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
  return { findings, files: files.length };
}

/** Whether a JSON Pointer's nearest existing node is the document itself. */
function atDocumentRoot(content: unknown, path: string): boolean {
  if (path === '') return true;
  const first = path.slice(1).split('/')[0].replace(/~1/g, '/').replace(/~0/g, '~');
  return typeof content !== 'object' || content === null || !Object.prototype.hasOwnProperty.call(content, first);
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(`${findPackageRoot()}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
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
  let result: { findings: FileFinding[]; files: number };
  try {
    result = validatePaths(parsed.paths, parsed.version, parsed.strict);
  } catch (e) {
    if (e instanceof InputError) {
      io.err(`validate: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const report = { findings: result.findings, filesChecked: result.files };
  io.out(parsed.format === 'json' ? formatJson(report) : parsed.format === 'sarif' ? formatSarif(report, packageVersion()) : formatText(report));
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
