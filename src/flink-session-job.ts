import { ApiObject } from 'cdk8s';
import { PlainApiObject } from './plain-api-object';
import { inPropTerms } from './prop-of-field';
import { OperatorConfiguration } from './operator-configuration';
import { stampedAnnotations } from './operator-version-annotation';
import { Construct } from 'constructs';
import { z } from 'zod';
import { Duration } from './duration';
import { FlinkSessionCluster } from './flink-session-cluster';
import { FLINK_SESSION_JOB_GVK } from './gvk';
import { OperatorVersion } from './operator-version';
import { markDefaultsApplied } from './platform-defaults';
import { buildFlinkConfiguration } from './spec/flink-configuration';
import { renderJob } from './spec/flink-deployment-spec';
import type { FlinkObjectProps, FlinkSpecProps, JobProps } from './spec/props';
import { checkProps, instance, jobSchema, objectShape, stringMap } from './spec/props-schema';
import type { PropProblem } from './prop-problem';
import { addSynthValidation, FlinkValidationError, formatPropProblem, isStrict, type ObjectFinding, type RenderedObject } from './synth-validation';
import { validateDocuments } from './validation';


export interface FlinkSessionJobProps extends FlinkObjectProps {
  /**
   * The session cluster that runs the job: the construct (its name and namespace are used, and the
   * job is checked against the cluster's configuration at synth), or the `metadata.name` of a
   * session FlinkDeployment managed elsewhere (rendered as `spec.deploymentName`).
   */
  readonly cluster: FlinkSessionCluster | string;
  /**
   * The job (`spec.job`), as for FlinkJob. On operator 1.15+ `jarURI` must use a scheme the operator
   * allows (`kubernetes.operator.user.artifacts.allowed-schemes`, default `https` only) and an
   * http(s) host that is not loopback/link-local/site-local (`DefaultValidator.validateJarURI`).
   */
  readonly job: JobProps;
  /**
   * Durable checkpoint directory for this job (`state.checkpoints.dir` in the session job's
   * flinkConfiguration); the cluster's applies when not set.
   * @default - the session cluster's
   */
  readonly checkpointsDir?: string;
  /**
   * Durable savepoint directory for this job (`state.savepoints.dir`).
   * @default - the session cluster's
   */
  readonly savepointsDir?: string;
  /**
   * Checkpoint interval (`execution.checkpointing.interval`).
   * @default - the session cluster's
   */
  readonly checkpointInterval?: Duration;
  /**
   * Escape hatch: job-level Flink configuration (`spec.flinkConfiguration`), flat dotted keys,
   * string values; merged by the operator over the cluster's. A key a typed prop sets must hold the
   * same value. Operator-level options (e.g. the jarURI allowlist) are not read from here.
   * @default - none
   */
  readonly flinkConfiguration?: Readonly<Record<string, string>>;
  /**
   * Change to restart the job (`spec.restartNonce`).
   * @default - not set
   */
  readonly restartNonce?: number;
}

const sessionJobSchema = z.strictObject({
  ...objectShape,
  cluster: z.union([instance(FlinkSessionCluster, 'a FlinkSessionCluster'), z.string().min(1)], { error: 'cluster must be a FlinkSessionCluster or the name of a session cluster' }),
  job: jobSchema,
  checkpointsDir: z.string().min(1).optional(),
  savepointsDir: z.string().min(1).optional(),
  checkpointInterval: instance(Duration, 'a Duration, e.g. Duration.seconds(30)').optional(),
  flinkConfiguration: stringMap.optional(),
  restartNonce: z.number().int().optional(),
});

/**
 * A job submitted to a session cluster: one FlinkSessionJob, emitted as the child `Resource`.
 *
 * Validated at synth by the same rules as `validate`: the CRD schema, `DefaultValidator`'s session-job
 * checks (deploymentName, jarURI allowlist and restricted hosts on 1.15+, parallelism) and, when the
 * cluster is a construct, the job-spec checks against the operator-merged configuration of cluster
 * and job (`validateSessionJobWithCluster`).
 */
export class FlinkSessionJob extends Construct {
  public readonly name: string;
  public readonly operatorVersion: OperatorVersion;
  /** The FlinkSessionJob. */
  public readonly resource: ApiObject;
  /** The session cluster construct, when one was given. */
  public readonly cluster?: FlinkSessionCluster;

  private readonly props: FlinkSessionJobProps;
  private memo: { propProblems?: PropProblem[]; rendered?: { object: RenderedObject; problems: PropProblem[] }; checked?: { propProblems: PropProblem[]; findings: ObjectFinding[] } } = {};

  constructor(scope: Construct, id: string, props: FlinkSessionJobProps) {
    super(scope, id);
    // Of the platform defaults only the resource labels and the operator version concern a session job.
    const d = markDefaultsApplied(this);
    this.props = props && typeof props === 'object'
      ? { ...props, ...(d.labels ? { labels: { ...d.labels, ...(props.labels ?? {}) } } : {}), ...(props.operatorVersion === undefined && d.operatorVersion && !(props.cluster instanceof FlinkSessionCluster) ? { operatorVersion: d.operatorVersion } : {}) }
      : props;
    this.name = this.props?.name;
    this.cluster = this.props?.cluster instanceof FlinkSessionCluster ? this.props.cluster : undefined;
    this.operatorVersion = this.props?.operatorVersion ?? this.cluster?.operatorVersion ?? OperatorVersion.DEFAULT;
    this.resource = new PlainApiObject(this, 'Resource', {
      apiVersion: FLINK_SESSION_JOB_GVK.apiVersion,
      kind: FLINK_SESSION_JOB_GVK.kind,
      metadata: {
        name: this.props?.name,
        namespace: this.props?.namespace ?? this.cluster?.namespace,
        labels: this.props?.labels ? { ...this.props.labels } : undefined,
        annotations: stampedAnnotations(this.props?.annotations, this.operatorVersion),
      },
    }, { spec: () => this.render().object.spec });
    addSynthValidation(this, () => this.check());
  }

  /** The namespace of the job (the cluster's, unless set). */
  public get namespace(): string | undefined {
    return this.props?.namespace ?? this.cluster?.namespace ?? this.resource.metadata.namespace;
  }

  /** `spec.deploymentName`: the session cluster's name. */
  public get deploymentName(): string {
    return this.cluster ? this.cluster.name : (this.props.cluster as string);
  }

  /** Every finding on the props and on the emitted object (checked with its cluster when known). */
  public check(): { propProblems: PropProblem[]; findings: ObjectFinding[] } {
    return (this.memo.checked ??= this.computeCheck());
  }

  private computeCheck(): { propProblems: PropProblem[]; findings: ObjectFinding[] } {
    const propProblems = this.propProblems();
    if (propProblems.length > 0) return { propProblems, findings: [] };
    const { object, problems } = this.renderUnchecked();
    const findings = validateDocuments([...this.clusterObjects(), object], { operatorVersion: this.operatorVersion, strict: isStrict(this), operatorConfiguration: OperatorConfiguration.of(this) }).at(-1)!;
    return { propProblems: problems, findings: findings.map((f) => inPropTerms({ ...f, kind: object.kind, name: object.metadata.name })) };
  }

  /** The cluster's object for the cross-kind rules; none when it cannot render (its own validation says why). */
  private clusterObjects(): RenderedObject[] {
    if (!this.cluster) return [];
    try {
      return [this.cluster.render().object];
    } catch {
      return [];
    }
  }

  /** The FlinkSessionJob as plain JSON. Throws FlinkValidationError on invalid props. */
  public render(): { object: RenderedObject } {
    const propProblems = this.propProblems();
    if (propProblems.length > 0) throw new FlinkValidationError(this.node.path, propProblems.map(formatPropProblem));
    return { object: this.renderUnchecked().object };
  }

  private propProblems(): PropProblem[] {
    return (this.memo.propProblems ??= this.computePropProblems());
  }

  private computePropProblems(): PropProblem[] {
    const problems = checkProps(sessionJobSchema, this.props);
    const cluster = this.cluster;
    if (cluster && this.props.namespace !== undefined && cluster.namespace !== undefined && this.props.namespace !== cluster.namespace) {
      problems.push({
        path: 'namespace',
        message: `namespace "${this.props.namespace}" differs from the session cluster's "${cluster.namespace}": the operator looks the cluster up in the job's namespace; remove namespace (it defaults to the cluster's)`,
      });
    }
    if (cluster && this.props.operatorVersion !== undefined && this.props.operatorVersion !== cluster.operatorVersion) {
      problems.push({ path: 'operatorVersion', message: `operatorVersion ${this.props.operatorVersion.id} differs from the session cluster's ${cluster.operatorVersion.id}: one operator runs both; remove it (it defaults to the cluster's)` });
    }
    return problems;
  }

  private renderUnchecked(): { object: RenderedObject; problems: PropProblem[] } {
    return (this.memo.rendered ??= this.computeRendered());
  }

  private computeRendered(): { object: RenderedObject; problems: PropProblem[] } {
    const p = this.props;
    // The typed config props mean the same as on a FlinkJob, so they share the renderer and its conflict rules.
    const { configuration, problems } = buildFlinkConfiguration({
      checkpointsDir: p.checkpointsDir,
      savepointsDir: p.savepointsDir,
      checkpointInterval: p.checkpointInterval,
      flinkConfiguration: p.flinkConfiguration,
    } as FlinkSpecProps);
    const spec: Record<string, unknown> = { deploymentName: this.deploymentName, job: renderJob(p) };
    if (Object.keys(configuration).length > 0) spec.flinkConfiguration = configuration;
    if (p.restartNonce !== undefined) spec.restartNonce = p.restartNonce;
    const metadata: Record<string, unknown> = { name: p.name };
    if (this.namespace) metadata.namespace = this.namespace;
    if (p.labels) metadata.labels = { ...p.labels };
    const annotations = stampedAnnotations(p.annotations, this.operatorVersion);
    if (annotations) metadata.annotations = annotations;
    return { object: { ...FLINK_SESSION_JOB_GVK, metadata: metadata as RenderedObject['metadata'], spec }, problems };
  }
}
