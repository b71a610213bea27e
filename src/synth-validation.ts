import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { OperatorConfiguration } from './operator-configuration';
import { OperatorVersion } from './operator-version';
import { coveredByPropProblem, inPropTerms } from './prop-of-field';
import type { PropProblem } from './prop-problem';
import { type Finding, validateDocuments } from './validation';
import { namespaceFindings } from './validation/rules/metadata';
import { credentialValues, maskText } from './masking';

/** One object a construct emits, before cdk8s renders it. */
export interface RenderedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [k: string]: unknown };
  readonly [k: string]: unknown;
}

/** A finding on one emitted object, as a construct reports it. */
export interface ObjectFinding extends Finding {
  /** Kind of the emitted object, e.g. `FlinkDeployment`. */
  readonly kind: string;
  /** `metadata.name` of the emitted object. */
  readonly name: string;
  /**
   * The prop that sets the field at `path` (dotted, as in PropProblem.path, e.g. `checkpointsDir`,
   * `jobManager.memory`); absent when the field is the construct's own wiring.
   */
  readonly prop?: string;
}

/** Thrown when a construct's props are invalid and nothing can be rendered. */
export class FlinkValidationError extends Error {
  public readonly problems: readonly string[];
  /**
   * @param secrets credential values of the props (see `credentialValues`): masked in the problems
   */
  constructor(
    public readonly constructPath: string,
    problems: readonly string[],
    secrets: ReadonlySet<string> = new Set(),
  ) {
    const safe = problems.map((p) => maskText(p, secrets));
    super(`Invalid props for ${constructPath}:\n  ${safe.join('\n  ')}`);
    this.problems = safe;
    this.name = 'FlinkValidationError';
  }
}

export function formatPropProblem(p: PropProblem): string {
  return `invalid prop ${p.path}: ${p.message}`;
}

export function formatFinding(f: ObjectFinding): string {
  const said = f.operatorMessage ? ` Operator says: "${f.operatorMessage}".` : '';
  const prop = f.prop !== undefined ? ` (prop ${f.prop})` : '';
  return `${f.severity}[${f.rule}] ${f.kind}/${f.name} ${f.path || '/'}${prop}: ${f.message}${said} Fix: ${f.fix}`;
}

/** Context key (or `CDK8S_FLINK_STRICT=true`) that makes the security lints fail synthesis. */
export const STRICT_CONTEXT = 'flink.bluegreen/strict';

/**
 * Context key that stops synthesis from printing warnings for the constructs below the scope it
 * is set on: `app.node.setContext(WARNINGS_CONTEXT, 'off')` right after `new App()` for the whole
 * app, or on a Chart before its jobs are added. Warnings still appear in `check()` and in
 * `validate`; errors are never silenced. `CDK8S_FLINK_WARNINGS=off` in the environment does the
 * same for one run. To acknowledge one warning on one job, with a reason, use the annotation
 * `flink.bluegreen/ignore-<RULE-ID>` instead (it also silences `validate`).
 */
export const WARNINGS_CONTEXT = 'flink.bluegreen/warnings';

/** Whether warnings are printed for this construct (see WARNINGS_CONTEXT). */
function warningsOn(scope: Construct): boolean {
  const v: unknown = scope.node.tryGetContext(WARNINGS_CONTEXT);
  return v !== 'off' && v !== false && process.env.CDK8S_FLINK_WARNINGS !== 'off';
}

/**
 * Whether synthesis is strict for this construct: `app.node.setContext('flink.bluegreen/strict', true)`
 * (or on any scope above the job), or `CDK8S_FLINK_STRICT=true` in the environment for CI.
 */
export function isStrict(scope: Construct): boolean {
  const v: unknown = scope.node.tryGetContext(STRICT_CONTEXT) ?? process.env.CDK8S_FLINK_STRICT;
  return v === true || v === 'true' || v === '1';
}

/**
 * Runs the shared rule set over every object a construct emits (the same rules as `validate`),
 * as one input (rules that relate two objects, a snapshot and its job, see both), each finding
 * naming the prop it concerns, with a fix in prop terms where one is known.
 */
export function validateObjects(objects: readonly RenderedObject[], operatorVersion: OperatorVersion, strict = false, operatorConfiguration?: OperatorConfiguration): ObjectFinding[] {
  const all = validateDocuments(objects, { operatorVersion, strict, operatorConfiguration });
  return objects.flatMap((o, i) => all[i].map((f) => inPropTerms({ ...f, kind: o.kind, name: o.metadata.name })));
}

/**
 * Everything a construct can report in one round: the prop problems, and the findings on what
 * the props render to, even when some props are invalid (a value the rules cannot read is
 * reported once, as the prop problem; a finding on the same prop is dropped as a repeat). When the
 * props are too broken to render, only the prop problems.
 */
export function checkAll(
  propProblems: readonly PropProblem[],
  render: () => { objects: readonly RenderedObject[]; problems: readonly PropProblem[] },
  operatorVersion: unknown,
  strict: boolean,
  operatorConfiguration?: OperatorConfiguration,
): { propProblems: PropProblem[]; findings: ObjectFinding[] } {
  let rendered: { objects: readonly RenderedObject[]; problems: readonly PropProblem[] };
  try {
    rendered = render();
  } catch {
    return { propProblems: [...propProblems], findings: [] };
  }
  const seen = new Set<string>();
  const all = [...propProblems, ...rendered.problems].filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (!(operatorVersion instanceof OperatorVersion)) return { propProblems: all, findings: [] };
  let findings: ObjectFinding[];
  try {
    findings = validateObjects(rendered.objects, operatorVersion, strict, operatorConfiguration);
  } catch {
    // Only reachable with invalid props: the rule set never throws on well-formed objects.
    findings = [];
  }
  const paths = propProblems.map((p) => p.path);
  return { propProblems: all, findings: findings.filter((f) => !coveredByPropProblem(f.prop, paths)) };
}

// cdk8s 2.70 validates the whole app in App.synth() and again for every chart it writes, so a
// validation runs (charts + 1) times per synth. Synthesis is synchronous: warnings printed in the
// same task are duplicates, and the set is cleared once the task ends (the next synth prints again).
let printedThisTask: Set<string> | undefined;

/** The set of lines printed in the current task; a new (empty) set in every task. */
function currentTask(): Set<string> {
  if (!printedThisTask) {
    printedThisTask = new Set();
    queueMicrotask(() => (printedThisTask = undefined));
  }
  return printedThisTask;
}

function printOnce(line: string): void {
  const printed = currentTask();
  if (printed.has(line)) return;
  printed.add(line);
  process.stderr.write(line);
}

/**
 * Registers synth-time validation: errors fail `cdk8s synth` before any file is written (cdk8s
 * collects every construct's errors, so all problems are reported at once); warnings go to stderr.
 */
export function addSynthValidation(scope: Construct, collect: () => { propProblems: PropProblem[]; findings: ObjectFinding[] }): void {
  // The same answer in the same task (cdk8s asking again for the next chart) is returned as is:
  // with one chart per job, this runs charts × jobs times per synth.
  let last: { answer: object; task: object; errors: string[] } | undefined;
  scope.node.addValidation({
    validate: () => {
      const answer = collect();
      const task = currentTask();
      if (last && last.answer === answer && last.task === task) return last.errors;
      const { propProblems, findings } = answer;
      // One masking policy (src/masking.ts): the constructs keep their props in \`props\`.
      // Collected on first use: a clean job prints nothing and need not walk its props.
      let secrets: Set<string> | undefined;
      const mask = (line: string) => maskText(line, (secrets ??= credentialValues((scope as unknown as { props?: unknown }).props)));
      const warnings = findings.filter((f) => f.severity === 'warning');
      if (warnings.length > 0 && warningsOn(scope)) {
        for (const w of warnings) printOnce(mask(`[${scope.node.path}] ${formatFinding(w)}\n`));
      }
      const errors = [...propProblems.map(formatPropProblem), ...findings.filter((f) => f.severity === 'error').map(formatFinding)].map(mask);
      // The chart's namespace becomes the objects' namespace: judged here so every problem is reported at once.
      const chartNamespace = Chart.of(scope).namespace;
      if (chartNamespace !== undefined) {
        errors.push(...namespaceFindings(chartNamespace).map((f) => `${f.severity}[${f.rule}] chart ${Chart.of(scope).node.path} namespace: ${f.message} Fix: ${f.fix}`));
      }
      last = { answer, task, errors };
      return errors;
    },
  });
}
