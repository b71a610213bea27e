import { ApiObject } from 'cdk8s';
import { PlainApiObject } from './plain-api-object';
import { OperatorConfiguration } from './operator-configuration';
import { stampedAnnotations } from './operator-version-annotation';
import { Construct } from 'constructs';
import { z } from 'zod';
import { FLINK_STATE_SNAPSHOT_GVK } from './gvk';
import { JobReference, referenceProblems, referenceTargets } from './job-reference';
import { OperatorVersion } from './operator-version';
import { markDefaultsApplied } from './platform-defaults';
import { Snapshot } from './snapshot';
import type { PropProblem } from './prop-problem';
import { checkProps, instance, objectShape } from './spec/props-schema';
import { addSynthValidation, FlinkValidationError, formatPropProblem, isStrict, type ObjectFinding, type RenderedObject } from './synth-validation';
import { validateDocuments } from './validation';

export interface FlinkStateSnapshotProps {
  /** `metadata.name`. */
  readonly name: string;
  /**
   * @default - the referenced job's namespace, else the chart's
   */
  readonly namespace?: string;
  /**
   * The operator build the output is written and validated for.
   * @default OperatorVersion.V1_15
   */
  readonly operatorVersion?: OperatorVersion;
  /** @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** What to take: `Snapshot.savepoint()`, `Snapshot.checkpoint()` or `Snapshot.existingSavepoint(path)`. */
  readonly snapshot: Snapshot;
  /**
   * The job to snapshot; required unless the snapshot is `Snapshot.existingSavepoint(...)`.
   * @default - none
   */
  readonly jobReference?: JobReference;
  /**
   * Retries of a failed snapshot (`spec.backoffLimit`; -1 = retry forever).
   * @default - the operator's default (-1)
   */
  readonly backoffLimit?: number;
}

const snapshotSchema = z.strictObject({
  ...objectShape,
  snapshot: instance(Snapshot, 'Snapshot.savepoint(), Snapshot.checkpoint() or Snapshot.existingSavepoint(path)'),
  jobReference: instance(JobReference, 'JobReference.flinkJob(job), .sessionJob(job), .blueGreenColour(job, colour) or a *Named(name) reference').optional(),
  backoffLimit: z.number().int().min(-1).optional(),
});

/**
 * A savepoint or checkpoint as an object (operator 1.10+): one FlinkStateSnapshot, emitted as the
 * child `Resource`. The operator triggers it once, records the result in `status.path` /
 * `status.state`, and (with `disposeOnDelete`) deletes the files when the object is deleted.
 *
 * Validated at synth by the same rules as `validate` (`DefaultValidator.validateStateSnapshot`, and
 * against the referenced job when it is a construct: savepoint directory, Flink 1.17+ for
 * checkpoints, a job to snapshot at all).
 *
 * The operator's webhook refuses a new snapshot whose job does not exist yet ("Target for snapshot
 * <ns>/<name> was not found", `FlinkValidator.validateStateSnapshot`): commit a snapshot after its
 * job is deployed, or order it after the job (e.g. an Argo CD sync wave).
 *
 * Read the result: `kubectl -n <ns> wait flinkstatesnapshot/<name> --for=jsonpath='{.status.state}'=COMPLETED`
 * then `kubectl -n <ns> get flinkstatesnapshot <name> -o jsonpath='{.status.path}'`.
 */
export class FlinkStateSnapshot extends Construct {
  public readonly name: string;
  public readonly operatorVersion: OperatorVersion;
  /** The FlinkStateSnapshot. */
  public readonly resource: ApiObject;

  private readonly props: FlinkStateSnapshotProps;
  private memo: { propProblems?: PropProblem[]; checked?: { propProblems: PropProblem[]; findings: ObjectFinding[] } } = {};

  constructor(scope: Construct, id: string, props: FlinkStateSnapshotProps) {
    super(scope, id);
    // Of the platform defaults, the resource labels and the operator version concern a snapshot.
    const d = markDefaultsApplied(this);
    if (props && typeof props === 'object') {
      props = { ...props, ...(d.labels ? { labels: { ...d.labels, ...(props.labels ?? {}) } } : {}), ...(props.operatorVersion === undefined && d.operatorVersion ? { operatorVersion: d.operatorVersion } : {}) };
    }
    this.props = props;
    this.name = props?.name;
    this.operatorVersion = props?.operatorVersion ?? OperatorVersion.DEFAULT;
    this.resource = new PlainApiObject(this, 'Resource', {
      ...FLINK_STATE_SNAPSHOT_GVK,
      metadata: {
        name: props?.name,
        namespace: props?.namespace ?? (props?.jobReference instanceof JobReference ? props.jobReference.namespace : undefined),
        labels: props?.labels ? { ...props.labels } : undefined,
        annotations: stampedAnnotations(props?.annotations, this.operatorVersion),
      },
    }, { spec: () => this.render().object.spec });
    addSynthValidation(this, () => this.check());
  }

  /** The command that prints the snapshot's result path once it is COMPLETED. */
  public get pathCommand(): string {
    return snapshotPathCommand(this.name, this.resource.metadata.namespace);
  }

  public check(): { propProblems: PropProblem[]; findings: ObjectFinding[] } {
    return (this.memo.checked ??= this.computeCheck());
  }

  private computeCheck(): { propProblems: PropProblem[]; findings: ObjectFinding[] } {
    const propProblems = this.propProblems();
    if (propProblems.length > 0) return { propProblems, findings: [] };
    const object = this.renderUnchecked();
    const targets = this.props.jobReference ? referenceTargets(this.props.jobReference) : [];
    const findings = validateDocuments([...targets, object], { operatorVersion: this.operatorVersion, strict: isStrict(this), operatorConfiguration: OperatorConfiguration.of(this) }).at(-1)!;
    return { propProblems: [], findings: findings.map((f) => ({ ...f, kind: object.kind, name: object.metadata.name })) };
  }

  /** The FlinkStateSnapshot as plain JSON. Throws FlinkValidationError on invalid props. */
  public render(): { object: RenderedObject } {
    const propProblems = this.propProblems();
    if (propProblems.length > 0) throw new FlinkValidationError(this.node.path, propProblems.map(formatPropProblem));
    return { object: this.renderUnchecked() };
  }

  private propProblems(): PropProblem[] {
    return (this.memo.propProblems ??= this.computePropProblems());
  }

  private computePropProblems(): PropProblem[] {
    const p = this.props;
    const problems = checkProps(snapshotSchema, p);
    if (!p || !(p.snapshot instanceof Snapshot)) return problems;
    const ref = p.jobReference instanceof JobReference ? p.jobReference : undefined;
    if (!ref && !p.snapshot.alreadyExists) {
      problems.push({ path: 'jobReference', message: 'jobReference is required to take a snapshot (the operator: "Job reference must be supplied for this snapshot"): use JobReference.flinkJob(job) or similar, or Snapshot.existingSavepoint(path) to register one that exists' });
    }
    if (p.snapshot.alreadyExists && (p.snapshot.options.path ?? '').trim() === '') {
      problems.push({ path: 'snapshot', message: 'Snapshot.existingSavepoint(path) needs the path of the savepoint' });
    }
    if (ref) {
      problems.push(...referenceProblems(ref));
      const ns = this.resource.metadata.namespace;
      if (ref.namespace !== undefined && ns !== undefined && ns !== ref.namespace) {
        problems.push({ path: 'namespace', message: `namespace "${ns}" differs from the referenced job's "${ref.namespace}": the operator looks the job up in the snapshot's namespace; remove namespace` });
      }
    }
    return problems;
  }

  private renderUnchecked(): RenderedObject {
    const p = this.props;
    const spec: Record<string, unknown> = { ...p.snapshot.toSpec() };
    if (p.jobReference) spec.jobReference = { kind: p.jobReference.kind, name: p.jobReference.name };
    if (p.backoffLimit !== undefined) spec.backoffLimit = p.backoffLimit;
    const metadata: Record<string, unknown> = { name: p.name };
    const ns = this.resource.metadata.namespace;
    if (ns) metadata.namespace = ns;
    if (p.labels) metadata.labels = { ...p.labels };
    const annotations = stampedAnnotations(p.annotations, this.operatorVersion);
    if (annotations) metadata.annotations = annotations;
    return { ...FLINK_STATE_SNAPSHOT_GVK, metadata: metadata as RenderedObject['metadata'], spec };
  }
}

/** `kubectl` that waits for a FlinkStateSnapshot to complete and prints its `status.path`. */
export function snapshotPathCommand(name: string, namespace: string | undefined): string {
  const ns = namespace ? ` -n ${namespace}` : '';
  return `kubectl${ns} wait flinkstatesnapshot/${name} --for=jsonpath='{.status.state}'=COMPLETED --timeout=15m && kubectl${ns} get flinkstatesnapshot ${name} -o jsonpath='{.status.path}'`;
}
