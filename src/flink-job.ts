import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { credentialValues } from './masking';
import { OperatorVersion } from './operator-version';
import { renderFlinkDeploymentSpec } from './spec/flink-deployment-spec';
import type { FlinkObjectProps, FlinkSpecProps } from './spec/props';
import { checkProps, flinkSpecShape, objectShape, type PropProblem } from './spec/props-schema';
import {
  addSynthValidation,
  FlinkValidationError,
  formatPropProblem,
  type ObjectFinding,
  type RenderedObject,
  isStrict,
  validateObjects,
} from './synth-validation';
import { FLINK_DEPLOYMENT_GVK } from './gvk';

export interface FlinkJobProps extends FlinkObjectProps, FlinkSpecProps {}

const flinkJobSchema = z.strictObject({ ...objectShape, ...flinkSpecShape });

/**
 * A Flink application on the operator: one FlinkDeployment, emitted as the child `Resource`.
 */
export class FlinkJob extends Construct {
  public readonly name: string;
  public readonly operatorVersion: OperatorVersion;
  /** The FlinkDeployment. */
  public readonly resource: ApiObject;

  private readonly props: FlinkJobProps;
  private readonly extraConfiguration: Record<string, string> = {};
  // Props are immutable and only add*() changes what is rendered, so zod and rendering run once
  // per state, not once per caller (constructor, validation, and every Lazy at synth).
  private memo: {
    propProblems?: PropProblem[];
    rendered?: { object: RenderedObject; problems: PropProblem[] };
    checked?: { propProblems: PropProblem[]; findings: ObjectFinding[] };
  } = {};

  constructor(scope: Construct, id: string, props: FlinkJobProps) {
    super(scope, id);
    this.props = props;
    this.name = props?.name;
    this.operatorVersion = props?.operatorVersion ?? OperatorVersion.DEFAULT;
    this.resource = new ApiObject(this, 'Resource', {
      apiVersion: FLINK_DEPLOYMENT_GVK.apiVersion,
      kind: FLINK_DEPLOYMENT_GVK.kind,
      metadata: {
        name: props?.name,
        namespace: props?.namespace,
        labels: props?.labels ? { ...props.labels } : undefined,
        annotations: props?.annotations ? { ...props.annotations } : undefined,
      },
      spec: Lazy.any({ produce: () => this.render().object.spec }),
    });
    addSynthValidation(this, () => this.check());
  }

  /** Adds a flinkConfiguration entry (rendered at synth; the same conflict rules as the prop apply). */
  public addFlinkConfiguration(key: string, value: string): void {
    this.extraConfiguration[key] = value;
    this.memo = {};
  }

  /** Every finding on the props and on the emitted object, errors and warnings. */
  public check(): { propProblems: PropProblem[]; findings: ObjectFinding[] } {
    // cdk8s runs every validation once per chart it writes; the answer only changes with add*().
    return (this.memo.checked ??= this.computeCheck());
  }

  private computeCheck(): { propProblems: PropProblem[]; findings: ObjectFinding[] } {
    const propProblems = this.propProblems();
    if (propProblems.length > 0) return { propProblems, findings: [] };
    const { object, problems } = this.renderUnchecked();
    return { propProblems: problems, findings: validateObjects([object], this.operatorVersion, isStrict(this)) };
  }

  /** The FlinkDeployment as plain JSON (what goes into the YAML). */
  public render(): { object: RenderedObject } {
    const propProblems = this.propProblems();
    if (propProblems.length > 0) throw new FlinkValidationError(this.node.path, propProblems.map(formatPropProblem), credentialValues(this.props));
    return { object: this.renderUnchecked().object };
  }

  private propProblems(): PropProblem[] {
    return (this.memo.propProblems ??= this.computePropProblems());
  }

  private computePropProblems(): PropProblem[] {
    return checkProps(flinkJobSchema, this.mergedProps());
  }

  private mergedProps(): FlinkJobProps {
    if (Object.keys(this.extraConfiguration).length === 0) return this.props;
    return { ...this.props, flinkConfiguration: { ...(this.props.flinkConfiguration ?? {}), ...this.extraConfiguration } };
  }

  private renderUnchecked(): { object: RenderedObject; problems: PropProblem[] } {
    return (this.memo.rendered ??= this.computeRendered());
  }

  private computeRendered(): { object: RenderedObject; problems: PropProblem[] } {
    const props = this.mergedProps();
    const { spec, problems } = renderFlinkDeploymentSpec(props, { operatorVersion: this.operatorVersion });
    const metadata: Record<string, unknown> = { name: props.name };
    const namespace = props.namespace ?? this.resource.metadata.namespace;
    if (namespace) metadata.namespace = namespace;
    if (props.labels) metadata.labels = { ...props.labels };
    if (props.annotations) metadata.annotations = { ...props.annotations };
    return {
      object: { apiVersion: FLINK_DEPLOYMENT_GVK.apiVersion, kind: FLINK_DEPLOYMENT_GVK.kind, metadata: metadata as RenderedObject['metadata'], spec },
      problems,
    };
  }
}
