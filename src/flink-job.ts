import { ApiObject } from 'cdk8s';
import { PlainApiObject } from './plain-api-object';
import { Construct } from 'constructs';
import { z } from 'zod';
import { OperatorConfiguration } from './operator-configuration';
import { credentialValues } from './masking';
import { OperatorVersion } from './operator-version';
import { applyPlatformDefaults, type DefaultableSpecProps } from './platform-defaults';
import { stampedAnnotations } from './operator-version-annotation';
import { renderFlinkDeploymentSpec } from './spec/flink-deployment-spec';
import type { FlinkObjectProps, FlinkSpecProps } from './spec/props';
import { checkProps, flinkSpecShape, objectShape } from './spec/props-schema';
import { withoutProblemProps } from './spec/without-problem-props';
import type { PropProblem } from './prop-problem';
import {
  addSynthValidation,
  FlinkValidationError,
  formatPropProblem,
  type ObjectFinding,
  type RenderedObject,
  isStrict,
  checkAll,
} from './synth-validation';
import { FLINK_DEPLOYMENT_GVK } from './gvk';

/** A FlinkJob's props: identity and the spec; platform defaults (PlatformDefaults) fill what is left out. */
export interface FlinkJobProps extends FlinkObjectProps, DefaultableSpecProps {}

const flinkJobSchema = z.strictObject({ ...objectShape, ...flinkSpecShape });

/**
 * A Flink application on the operator: one FlinkDeployment, emitted as the child `Resource`.
 */
export class FlinkJob extends Construct {
  public readonly name: string;
  public readonly operatorVersion: OperatorVersion;
  /** The FlinkDeployment. */
  public readonly resource: ApiObject;

  private props: FlinkObjectProps & FlinkSpecProps;
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
    props = applyPlatformDefaults(this, props);
    this.props = props as FlinkObjectProps & FlinkSpecProps;
    this.name = props?.name;
    this.operatorVersion = props?.operatorVersion ?? OperatorVersion.DEFAULT;
    this.resource = new PlainApiObject(this, 'Resource', {
      apiVersion: FLINK_DEPLOYMENT_GVK.apiVersion,
      kind: FLINK_DEPLOYMENT_GVK.kind,
      metadata: {
        name: props?.name,
        namespace: props?.namespace,
        labels: props?.labels ? { ...props.labels } : undefined,
        annotations: stampedAnnotations(props?.annotations, this.operatorVersion),
      },
    }, { spec: () => this.render().object.spec });
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
    // Every problem in one round: the findings on what the props render to are reported next to
    // the prop problems, not after they are fixed.
    const propProblems = this.propProblems();
    return checkAll(
      propProblems,
      () => {
        // Invalid props: render what the others give (the bad ones at their defaults), unmemoized.
        const { object, problems } = propProblems.length === 0 ? this.renderUnchecked() : this.withProps(withoutProblemProps(this.props, propProblems), () => this.computeRendered());
        return { objects: [object], problems };
      },
      this.operatorVersion,
      isStrict(this),
      OperatorConfiguration.of(this),
    );
  }

  private withProps<T>(props: FlinkObjectProps & FlinkSpecProps, fn: () => T): T {
    const saved = this.props;
    this.props = props;
    try {
      return fn();
    } finally {
      this.props = saved;
    }
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

  private mergedProps(): FlinkObjectProps & FlinkSpecProps {
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
    const annotations = stampedAnnotations(props.annotations, this.operatorVersion);
    if (annotations) metadata.annotations = annotations;
    return {
      object: { apiVersion: FLINK_DEPLOYMENT_GVK.apiVersion, kind: FLINK_DEPLOYMENT_GVK.kind, metadata: metadata as RenderedObject['metadata'], spec },
      problems,
    };
  }
}
