import { ApiObject } from 'cdk8s';
import { PlainApiObject } from './plain-api-object';
import { OperatorConfiguration } from './operator-configuration';
import { stampedAnnotations } from './operator-version-annotation';
import { Construct } from 'constructs';
import { z } from 'zod';
import { FLINK_DEPLOYMENT_GVK } from './gvk';
import { OperatorVersion } from './operator-version';
import { applyPlatformDefaults, type DefaultableSpecProps } from './platform-defaults';
import { renderFlinkDeploymentSpec } from './spec/flink-deployment-spec';
import type { FlinkObjectProps, FlinkSpecProps } from './spec/props';
import { checkProps, flinkSpecShape, objectShape } from './spec/props-schema';
import type { PropProblem } from './prop-problem';
import { addSynthValidation, FlinkValidationError, formatPropProblem, isStrict, type ObjectFinding, type RenderedObject, validateObjects } from './synth-validation';

/**
 * A session cluster's props: everything of a FlinkDeployment spec except the job (a session
 * cluster runs the jobs that FlinkSessionJobs submit to it).
 */
export interface FlinkSessionClusterProps extends FlinkObjectProps, Omit<DefaultableSpecProps, 'job'> {}

const { job: _job, ...sessionSpecShape } = flinkSpecShape;
const sessionClusterSchema = z.strictObject({ ...objectShape, ...sessionSpecShape });

/**
 * A Flink session cluster on the operator: one FlinkDeployment without `spec.job` (the operator's
 * SESSION mode), emitted as the child `Resource`. Jobs run on it as `FlinkSessionJob`s.
 *
 * Validated at synth by the same rules as `validate` (`DefaultValidator.validateDeployment`; the
 * job-spec checks do not apply to a session cluster). A session cluster cannot become an
 * application cluster later: the operator refuses adding `spec.job` to a deployed session cluster.
 */
export class FlinkSessionCluster extends Construct {
  /** `metadata.name`: what session jobs name in `spec.deploymentName`. */
  public readonly name: string;
  public readonly operatorVersion: OperatorVersion;
  /** The FlinkDeployment. */
  public readonly resource: ApiObject;

  private readonly props: FlinkSessionClusterProps;
  private memo: { propProblems?: PropProblem[]; rendered?: { object: RenderedObject; problems: PropProblem[] }; checked?: { propProblems: PropProblem[]; findings: ObjectFinding[] } } = {};

  constructor(scope: Construct, id: string, props: FlinkSessionClusterProps) {
    super(scope, id);
    this.props = applyPlatformDefaults(this, props) as FlinkSessionClusterProps;
    this.name = this.props?.name;
    this.operatorVersion = this.props?.operatorVersion ?? OperatorVersion.DEFAULT;
    this.resource = new PlainApiObject(this, 'Resource', {
      apiVersion: FLINK_DEPLOYMENT_GVK.apiVersion,
      kind: FLINK_DEPLOYMENT_GVK.kind,
      metadata: {
        name: this.props?.name,
        namespace: this.props?.namespace,
        labels: this.props?.labels ? { ...this.props.labels } : undefined,
        annotations: stampedAnnotations(this.props?.annotations, this.operatorVersion),
      },
    }, { spec: () => this.render().object.spec });
    addSynthValidation(this, () => this.check());
  }

  /** The namespace the cluster is deployed to (its session jobs must be in the same one). */
  public get namespace(): string | undefined {
    return this.props?.namespace ?? this.resource.metadata.namespace;
  }

  /** Every finding on the props and on the emitted object, errors and warnings. */
  public check(): { propProblems: PropProblem[]; findings: ObjectFinding[] } {
    return (this.memo.checked ??= this.computeCheck());
  }

  private computeCheck(): { propProblems: PropProblem[]; findings: ObjectFinding[] } {
    const propProblems = this.propProblems();
    if (propProblems.length > 0) return { propProblems, findings: [] };
    const { object, problems } = this.renderUnchecked();
    return { propProblems: problems, findings: validateObjects([object], this.operatorVersion, isStrict(this), OperatorConfiguration.of(this)) };
  }

  /** The FlinkDeployment as plain JSON (what goes into the YAML). Throws FlinkValidationError on invalid props. */
  public render(): { object: RenderedObject } {
    const propProblems = this.propProblems();
    if (propProblems.length > 0) throw new FlinkValidationError(this.node.path, propProblems.map(formatPropProblem));
    return { object: this.renderUnchecked().object };
  }

  private propProblems(): PropProblem[] {
    return (this.memo.propProblems ??= checkProps(sessionClusterSchema, this.props));
  }

  private renderUnchecked(): { object: RenderedObject; problems: PropProblem[] } {
    return (this.memo.rendered ??= this.computeRendered());
  }

  private computeRendered(): { object: RenderedObject; problems: PropProblem[] } {
    const props = this.props;
    // The spec renderer is shared with application jobs; a session cluster is the same spec without `job`.
    const { spec, problems } = renderFlinkDeploymentSpec({ ...props, job: { parallelism: 1 } } as FlinkSpecProps, { operatorVersion: this.operatorVersion });
    const { job: _omit, ...sessionSpec } = spec;
    const metadata: Record<string, unknown> = { name: props.name };
    if (this.namespace) metadata.namespace = this.namespace;
    if (props.labels) metadata.labels = { ...props.labels };
    const annotations = stampedAnnotations(props.annotations, this.operatorVersion);
    if (annotations) metadata.annotations = annotations;
    return { object: { apiVersion: FLINK_DEPLOYMENT_GVK.apiVersion, kind: FLINK_DEPLOYMENT_GVK.kind, metadata: metadata as RenderedObject['metadata'], spec: sessionSpec }, problems };
  }
}
