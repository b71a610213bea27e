import { ApiObject, Chart } from 'cdk8s';
import { PlainApiObject } from './plain-api-object';
import { Construct } from 'constructs';
import { z } from 'zod';
import { AgentInjection } from './agent-injection';
import { agentImageProblems, withAgentWiring } from './agent-wiring';
import { CLUSTER_ANNOTATION, type ColourTargets } from './cluster-target';
import { placementId, placementOf, targetProblems, type Placement } from './colour-placement';
import { Colour } from './colour';
import { Cutover, type ColourDeployment, type CutoverState } from './cutover';
import { cutoverSavepointCommand, cutoverSavepointName, cutoverSavepointObject } from './cutover-savepoint';
import { applyOverrides } from './cutover-overrides';
import { Duration } from './duration';
import { Gate } from './gate';
import { gateConfigMapData, GATE_CONFIGMAP_LABEL, gateConfigMapName } from './gate-configmap';
import { ConfigMapAccess, dataConfigMap } from './k8s-plus';
import { OperatorConfiguration } from './operator-configuration';
import { credentialValues } from './masking';
import { OperatorVersion } from './operator-version';
import { applyPlatformDefaults, type DefaultableSpecProps } from './platform-defaults';
import { stampedAnnotations } from './operator-version-annotation';
import type { TypedConfigEntry } from './spec/flink-configuration';
import { DEFAULT_SERVICE_ACCOUNT, renderFlinkDeploymentSpec, type FlinkDeploymentSpec } from './spec/flink-deployment-spec';
import { foldJobWidePodTemplate } from './spec/pod-template-merge';
import type { FlinkObjectProps, FlinkSpecProps, IngressProps } from './spec/props';
import { checkProps, flinkSpecShape, instance, objectShape, stringMap } from './spec/props-schema';
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
import { FLINK_BLUE_GREEN_DEPLOYMENT_GVK, FLINK_DEPLOYMENT_GVK, FLINK_STATE_SNAPSHOT_GVK } from './gvk';

export interface BlueGreenFlinkJobProps extends FlinkObjectProps, DefaultableSpecProps {
  /**
   * The FLIP-504 record-level gate. Without one, transitions are BASIC (the new job takes over
   * when it is ready; both jobs emit for a while), which works on operator 1.14 and later.
   * @default - no gate
   */
  readonly gate?: Gate;
  /**
   * Who wires the gate agent into the JobManager: the operator (a FlinkBlueGreenDeployment, needs a
   * FLIP-504 build) or our manifests (FlinkDeployments per colour, any operator version).
   * @default AgentInjection.operator()
   */
  readonly injection?: AgentInjection;
  /**
   * Manifest-wired mode only: the declared cutover history; the last step decides what this commit contains.
   * @default Cutover.startOn(Colour.BLUE)
   */
  readonly cutover?: Cutover;
  /**
   * Operator-managed only: time the new deployment has to become ready before the transition is aborted.
   * @default - the operator's default (10 min)
   */
  readonly abortGracePeriod?: Duration;
  /**
   * Operator-managed only: reconcile interval while savepointing or transitioning.
   * @default - the operator's default (15 s)
   */
  readonly reconciliationRescheduleInterval?: Duration;
  /**
   * Extra time the old deployment is kept after the new one is ready. In manifest-wired mode it
   * is written to the gate ConfigMap as `deployment-deletion-delay-ms`.
   * @default - 0
   */
  readonly deploymentDeletionDelay?: Duration;
  /**
   * Operator-managed only: an Ingress that always points at the active deployment (`spec.ingress` of
   * the FlinkBlueGreenDeployment, named after it).
   * @default - none
   */
  readonly activeIngress?: IngressProps;
  /**
   * Emit a Role and RoleBinding that let the job's service account use the gate ConfigMap (and only it).
   * @default true when there is a gate
   */
  readonly gateRbac?: boolean;
  /**
   * Labels on the gate ConfigMap, Role and RoleBinding.
   * @default - none
   */
  readonly gateLabels?: Readonly<Record<string, string>>;
  /**
   * Manifest-wired only: the cluster and/or namespace each colour runs in, for a cutover between
   * clusters or namespaces. Each target gets that colour's FlinkDeployment, its own gate ConfigMap
   * (the same data for every target: same cutover time, same active colour, same stage keys) and
   * its own Role and RoleBinding; objects for a named cluster carry the annotation
   * `flink.bluegreen/cluster`. Savepoints must then be on storage both sides can read: a
   * `file://`, `local://` or bare-path `savepointPath`/`savepointsDir` is refused.
   * @default - both colours in the job's chart and namespace
   */
  readonly targets?: ColourTargets;
}

const blueGreenSchema = z.strictObject({
  ...objectShape,
  ...flinkSpecShape,
  gate: instance(Gate, 'Gate.watermark({...})').optional(),
  injection: instance(AgentInjection, 'AgentInjection.operator() or AgentInjection.manifest({...})').optional(),
  cutover: instance(Cutover, 'Cutover.startOn(...)').optional(),
  abortGracePeriod: instance(Duration, 'a Duration').optional(),
  reconciliationRescheduleInterval: instance(Duration, 'a Duration').optional(),
  deploymentDeletionDelay: instance(Duration, 'a Duration').optional(),
  activeIngress: flinkSpecShape.ingress,
  gateRbac: z.boolean().optional(),
  gateLabels: stringMap.optional(),
  targets: z.custom<ColourTargets>(() => true).optional(),
});

/** Label the operator puts on its children; we put the same on ours so tooling treats them alike. */
export const DEPLOYMENT_TYPE_LABEL = 'flink/blue-green-deployment-type';

/**
 * A Flink job upgraded blue/green, with an optional FLIP-504 record-level gate.
 *
 * Operator-managed (default): one FlinkBlueGreenDeployment, child `Resource`, plus the gate RBAC.
 * Manifest-wired: FlinkDeployments `Blue`/`Green` as the cutover requires, the gate ConfigMap
 * `GateConfigMap` and its RBAC `GateRbac`.
 */
export class BlueGreenFlinkJob extends Construct {
  public readonly name: string;
  public readonly operatorVersion: OperatorVersion;
  public readonly injection: AgentInjection;
  /** The FlinkBlueGreenDeployment (operator-managed mode only). */
  public readonly resource?: ApiObject;
  /** The FlinkDeployments by colour (manifest-wired mode only; only those the cutover state needs). */
  public readonly deployments: ReadonlyMap<Colour, ApiObject>;

  private props: BlueGreenFlinkJobProps & FlinkSpecProps;
  private readonly extraConfiguration: Record<string, string> = {};
  // Props are immutable and only add*() changes what is rendered, so zod and rendering run once
  // per state, not once per caller (constructor, validation, and every Lazy at synth).
  private memo: {
    propProblems?: PropProblem[];
    rendered?: { objects: RenderedObject[]; problems: PropProblem[] };
    checked?: { propProblems: PropProblem[]; findings: ObjectFinding[] };
  } = {};
  private readonly namespace?: string;

  constructor(scope: Construct, id: string, props: BlueGreenFlinkJobProps) {
    super(scope, id);
    props = applyPlatformDefaults(this, props);
    this.props = props as BlueGreenFlinkJobProps & FlinkSpecProps;
    this.name = props?.name;
    this.operatorVersion = props?.operatorVersion ?? OperatorVersion.DEFAULT;
    this.injection = props?.injection ?? AgentInjection.operator();
    this.namespace = props?.namespace ?? Chart.of(this).namespace;
    const deployments = new Map<Colour, ApiObject>();
    this.deployments = deployments;

    const structural = this.propProblems();
    if (this.injection.mode === 'operator') {
      this.resource = new PlainApiObject(this, 'Resource', {
        apiVersion: FLINK_BLUE_GREEN_DEPLOYMENT_GVK.apiVersion,
        kind: FLINK_BLUE_GREEN_DEPLOYMENT_GVK.kind,
        metadata: this.metadata(props?.name, props?.labels),
      }, { spec: () => this.renderOrThrow()[0].spec });
      if (props?.gate && props.gateRbac !== false) this.addGateRbac();
      addSynthValidation(this, () => this.check());
      return;
    }

    // Manifest-wired: which objects exist depends on the cutover state, so resolve it now. With
    // invalid props nothing is created and validation reports why.
    const state = structural.length === 0 ? this.cutoverState().state : undefined;
    if (state) {
      // One FlinkDeployment per colour; one gate ConfigMap and RBAC per place the colours run in,
      // every ConfigMap with the same data (the cutover is scheduled in Git, so no side reads the other's).
      for (const [placement, group] of this.placements(state)) {
        const scope = props.targets === undefined ? this : new Construct(placement.chart ?? this, placementId(this, placement));
        for (const d of group) {
          const colour = d.colour;
          deployments.set(
            colour,
            new PlainApiObject(scope, colour === Colour.BLUE ? 'Blue' : 'Green', {
              apiVersion: FLINK_DEPLOYMENT_GVK.apiVersion,
              kind: FLINK_DEPLOYMENT_GVK.kind,
              metadata: this.placedMetadata(colour, this.metadata(this.childName(colour), { ...(props.labels ?? {}), [DEPLOYMENT_TYPE_LABEL]: colour.value })),
            }, { spec: () => this.renderOrThrow().find((o) => o.metadata.name === this.childName(colour))!.spec }),
          );
        }
        const sp = state.savepoint;
        if (sp && group.some((d) => d.colour === sp.colour)) {
          // The snapshot lives beside the colour it is taken of: same cluster, same namespace.
          new PlainApiObject(scope, 'Savepoint', {
            ...FLINK_STATE_SNAPSHOT_GVK,
            metadata: this.placedMetadata(sp.colour, this.metadata(cutoverSavepointName(props.name, sp), props.labels)),
          }, { spec: () => this.renderOrThrow().find((o) => o.kind === FLINK_STATE_SNAPSHOT_GVK.kind)!.spec });
        }
        dataConfigMap(scope, 'GateConfigMap', {
          name: gateConfigMapName(props.name),
          namespace: placement.namespace,
          data: gateConfigMapData(state, this.props.deploymentDeletionDelay),
          labels: { ...(props.gateLabels ?? {}), [GATE_CONFIGMAP_LABEL]: 'true' },
          annotations: placement.cluster ? { [CLUSTER_ANNOTATION]: placement.cluster } : undefined,
        });
        if (props.gateRbac !== false) this.addGateRbac(scope, placement, group);
      }
    }
    addSynthValidation(this, () => this.check());
  }

  /**
   * Manifest-wired mode, while a `savepoint()` step's snapshot is emitted: the command that waits
   * for the savepoint and prints its path, to pass as `cutoverTo(..., { savepointPath })`.
   * Undefined when this commit emits no savepoint.
   */
  public get savepointPathCommand(): string | undefined {
    if (this.injection.mode !== 'manifest') return undefined;
    const sp = this.propProblems().length === 0 ? this.cutoverState().state?.savepoint : undefined;
    return sp ? cutoverSavepointCommand(this.props.name, sp, this.namespace) : undefined;
  }

  /** Adds a flinkConfiguration entry to every deployment (rendered at synth; the prop's conflict rules apply). */
  public addFlinkConfiguration(key: string, value: string): void {
    this.extraConfiguration[key] = value;
    this.memo = {};
  }

  /** Every finding on the props and on the emitted Flink objects. */
  public check(): { propProblems: PropProblem[]; findings: ObjectFinding[] } {
    // cdk8s runs every validation once per chart it writes; the answer only changes with add*().
    return (this.memo.checked ??= this.computeCheck());
  }

  private computeCheck(): { propProblems: PropProblem[]; findings: ObjectFinding[] } {
    // Every problem in one round (see checkAll): findings on the rendered objects come with the prop problems.
    const structural = this.propProblems();
    const render = () =>
      structural.length === 0 ? this.renderUnchecked() : this.withProps(withoutProblemProps(this.props, structural), () => this.computeRendered());
    return checkAll(structural, render, this.operatorVersion, isStrict(this), OperatorConfiguration.of(this));
  }

  /** Runs `fn` with other props (invalid ones taken out, for checkAll); never memoized. */
  private withProps<T>(props: BlueGreenFlinkJobProps & FlinkSpecProps, fn: () => T): T {
    const saved = this.props;
    this.props = props;
    try {
      return fn();
    } finally {
      this.props = saved;
    }
  }

  /** The Flink objects as plain JSON (what goes into the YAML). */
  public render(): RenderedObject[] {
    return this.renderOrThrow();
  }

  private renderOrThrow(): RenderedObject[] {
    const structural = this.propProblems();
    if (structural.length > 0) throw new FlinkValidationError(this.node.path, structural.map(formatPropProblem), credentialValues(this.props));
    return this.renderUnchecked().objects;
  }

  private childName(colour: Colour): string {
    return `${this.props.name}-${colour.suffix}`;
  }

  private metadata(name: string, labels?: Readonly<Record<string, string>>) {
    return {
      name,
      namespace: this.props?.namespace,
      labels: labels && Object.keys(labels).length > 0 ? { ...labels } : undefined,
      annotations: stampedAnnotations(this.props?.annotations, this.operatorVersion),
    };
  }

  private addGateRbac(scope: Construct = this, placement?: Placement, group?: readonly ColourDeployment[]): void {
    new ConfigMapAccess(scope, 'GateRbac', {
      name: `${this.props.name}-bluegreen-gate`,
      namespace: placement ? placement.namespace : this.namespace,
      configMapName: gateConfigMapName(this.props.name),
      serviceAccounts: group ? this.accountsOf(group) : this.serviceAccounts(),
      labels: this.props.gateLabels,
      annotations: placement?.cluster ? { [CLUSTER_ANNOTATION]: placement.cluster } : undefined,
    });
  }

  /** The colours of a state grouped by where they run (one group without targets). */
  private placements(state: CutoverState): Map<Placement, ColourDeployment[]> {
    const byKey = new Map<string, [Placement, ColourDeployment[]]>();
    for (const d of this.deploymentsOf(state)) {
      const p = placementOf(this.props.targets, d.colour, this.namespace);
      const entry = byKey.get(p.key) ?? [p, []];
      entry[1].push(d);
      byKey.set(p.key, entry);
    }
    return new Map([...byKey.values()]);
  }

  /** Metadata of a colour's object moved to its target (unchanged without targets). */
  private placedMetadata<M extends { namespace?: string; annotations?: Record<string, string> }>(colour: Colour, m: M): M {
    if (this.props.targets === undefined) return m;
    const p = placementOf(this.props.targets, colour, this.namespace);
    const out: M = { ...m };
    if (p.namespace) out.namespace = p.namespace;
    if (p.cluster) out.annotations = { ...(m.annotations ?? {}), [CLUSTER_ANNOTATION]: p.cluster };
    return out;
  }

  /** The accounts the job's pods run under: with a cutover, each colour may override it. */
  private serviceAccounts(): string[] {
    if (this.injection.mode === 'operator') return [this.props.serviceAccount ?? DEFAULT_SERVICE_ACCOUNT];
    const { state } = this.cutoverState();
    return this.accountsOf(state ? this.deploymentsOf(state) : []);
  }

  /** The accounts these colours' pods run under (one place, for the RBAC of every placement). */
  private accountsOf(deployments: readonly ColourDeployment[]): string[] {
    const base = this.props.serviceAccount ?? DEFAULT_SERVICE_ACCOUNT;
    return deployments.map((d) => d.overrides?.serviceAccount ?? base);
  }

  private mergedProps(): BlueGreenFlinkJobProps & FlinkSpecProps {
    if (Object.keys(this.extraConfiguration).length === 0) return this.props;
    return { ...this.props, flinkConfiguration: { ...(this.props.flinkConfiguration ?? {}), ...this.extraConfiguration } };
  }

  private cutoverState(): { state?: CutoverState; problems: PropProblem[] } {
    const cutover = this.props.cutover ?? Cutover.startOn(Colour.BLUE);
    return cutover.resolve(this.props.job.upgradeMode?.isStateful ?? false);
  }

  private deploymentsOf(state: CutoverState): ColourDeployment[] {
    return state.phase === 'stable' ? [state.active] : [state.from, state.to].sort((a, b) => (a.colour.value < b.colour.value ? -1 : 1));
  }

  /**
   * Problems that prevent rendering at all: prop types, and choices that contradict each other.
   * The semantic checks run even when some props have the wrong type, each guarded by the type
   * it needs, so one synth reports everything.
   */
  private propProblems(): PropProblem[] {
    return (this.memo.propProblems ??= this.computePropProblems());
  }

  private computePropProblems(): PropProblem[] {
    const p = this.props;
    const problems = checkProps(blueGreenSchema, p);
    if (!p || typeof p !== 'object') return problems;
    const gate = p.gate instanceof Gate ? p.gate : undefined;
    problems.push(...(gate?.problems() ?? []));
    if (!(this.injection instanceof AgentInjection)) return problems;
    if (this.injection.mode === 'operator') {
      if (gate && !this.operatorVersion.hasTransitionMode) {
        problems.push({
          path: 'gate',
          message: `an operator-injected gate needs transitionMode ADVANCED, which only FLIP-504 operator builds have (target is ${this.operatorVersion.id}): set operatorVersion: OperatorVersion.FLIP_504, use injection: AgentInjection.manifest({...}) which works on any version, or remove the gate for a BASIC transition`,
        });
      }
      if (p.cutover !== undefined) {
        problems.push({ path: 'cutover', message: 'cutover is for AgentInjection.manifest(...): with operator injection the operator drives the transition; remove cutover' });
      }
      if (p.targets !== undefined) {
        problems.push({ path: 'targets', message: "targets is for AgentInjection.manifest(...): the operator's FlinkBlueGreenDeployment keeps both colours in its own namespace; remove targets" });
      }
      return problems;
    }
    if (p.gate === undefined) {
      problems.push({ path: 'injection', message: 'AgentInjection.manifest(...) wires a gate agent, but no gate is set: add gate: Gate.watermark({...}) or use AgentInjection.operator()' });
    }
    problems.push(...agentImageProblems(this.injection.manifestOptions!.agentImage, this.injection.manifestOptions!.agentJarPath));
    for (const key of ['abortGracePeriod', 'reconciliationRescheduleInterval', 'activeIngress'] as const) {
      if (p[key] !== undefined) {
        problems.push({ path: key, message: `${key} configures the operator's blue/green controller, which manifest-wired jobs do not use: remove it` });
      }
    }
    if (gate?.options.timeout !== undefined) {
      problems.push({ path: 'gate.timeout', message: "gate timeout configures the operator's blue/green controller, which manifest-wired jobs do not use: remove it" });
    }
    if ((p.cutover === undefined || p.cutover instanceof Cutover) && p.job && typeof p.job === 'object') problems.push(...this.cutoverState().problems);
    if (p.cutover instanceof Cutover) problems.push(...overrideProblems(p, p.cutover, problems));
    if (p.targets !== undefined) problems.push(...targetProblems(p.targets, p, p.cutover instanceof Cutover ? p.cutover : undefined, this.namespace, this.node.root));
    return problems;
  }

  private renderUnchecked(): { objects: RenderedObject[]; problems: PropProblem[] } {
    return (this.memo.rendered ??= this.computeRendered());
  }

  private computeRendered(): { objects: RenderedObject[]; problems: PropProblem[] } {
    return this.injection.mode === 'operator' ? this.renderOperatorManaged() : this.renderManifestWired();
  }

  private renderOperatorManaged(): { objects: RenderedObject[]; problems: PropProblem[] } {
    const props = this.mergedProps();
    const { spec: template, problems } = renderFlinkDeploymentSpec(props, {
      operatorVersion: this.operatorVersion,
      constructConfig: props.gate?.configEntries() ?? [],
      operatorAddsJobManagerTemplate: this.operatorVersion.hasTransitionMode && props.gate !== undefined,
    });
    const configuration: Record<string, string> = {};
    const timing = (key: string, d?: Duration) => {
      if (d) configuration[`kubernetes.operator.bluegreen.${key}`] = d.toFlinkString();
    };
    timing('abort.grace-period', props.abortGracePeriod);
    timing('reconciliation.reschedule-interval', props.reconciliationRescheduleInterval);
    timing('deployment-deletion.delay', props.deploymentDeletionDelay);
    timing('gate.timeout', props.gate?.options.timeout);

    const spec: Record<string, unknown> = { template: { spec: template } };
    if (Object.keys(configuration).length > 0) spec.configuration = configuration;
    if (props.activeIngress) spec.ingress = JSON.parse(JSON.stringify(props.activeIngress));
    if (this.operatorVersion.hasTransitionMode) spec.transitionMode = props.gate ? 'ADVANCED' : 'BASIC';

    return {
      objects: [{ apiVersion: FLINK_BLUE_GREEN_DEPLOYMENT_GVK.apiVersion, kind: FLINK_BLUE_GREEN_DEPLOYMENT_GVK.kind, metadata: this.objectMetadata(props.name, props.labels), spec }],
      problems,
    };
  }

  private renderManifestWired(): { objects: RenderedObject[]; problems: PropProblem[] } {
    const { state } = this.cutoverState();
    const problems: PropProblem[] = [];
    const objects: RenderedObject[] = [];
    for (const d of this.deploymentsOf(state!)) {
      const { spec, problems: p } = this.renderColour(d);
      problems.push(...p);
      objects.push({
        apiVersion: FLINK_DEPLOYMENT_GVK.apiVersion,
        kind: FLINK_DEPLOYMENT_GVK.kind,
        metadata: this.placedMetadata(d.colour, this.objectMetadata(this.childName(d.colour), { ...(this.props.labels ?? {}), [DEPLOYMENT_TYPE_LABEL]: d.colour.value })),
        spec,
      });
    }
    if (state!.savepoint) {
      objects.push(cutoverSavepointObject(this.props.name, state!.savepoint, { namespace: this.namespace, labels: this.props.labels, annotations: this.props.annotations }));
    }
    return { objects, problems };
  }

  private renderColour(d: ColourDeployment): { spec: FlinkDeploymentSpec; problems: PropProblem[] } {
    const props = applyOverrides(this.mergedProps(), d.overrides);
    const withRestore = d.restoredFrom ? { ...props, job: { ...props.job, initialSavepointPath: d.restoredFrom } } : props;
    const gateWiring: TypedConfigEntry[] = [
      ...(props.gate?.configEntries() ?? []),
      { prop: 'injection', key: 'bluegreen.gate.injection.enabled', value: 'true' },
      // The job's OWN colour: the gate compares it with the ConfigMap's active colour to decide
      // whether it is the new (ACTIVE) or old (STANDBY) job.
      { prop: 'injection', key: 'bluegreen.active-deployment-type', value: d.colour.value },
      { prop: 'injection', key: 'bluegreen.configmap.name', value: gateConfigMapName(this.props.name) },
    ];
    // A user template that already holds the agent's names is caught by the rule set on the
    // output (WIRED-AGENT-*), the same rules `validate` applies to hand-written YAML.
    const { spec, problems } = renderFlinkDeploymentSpec(withRestore, { operatorVersion: this.operatorVersion, constructConfig: gateWiring });
    // The wiring adds a JobManager template: fold the job-wide one into it (no positional merge by the operator).
    return { spec: foldJobWidePodTemplate(withAgentWiring(spec, this.injection.manifestOptions!)), problems };
  }

  private objectMetadata(name: string, labels?: Readonly<Record<string, string>>): RenderedObject['metadata'] {
    const m: Record<string, unknown> = { name };
    if (this.namespace) m.namespace = this.namespace;
    if (labels && Object.keys(labels).length > 0) m.labels = { ...labels };
    const annotations = stampedAnnotations(this.props.annotations, this.operatorVersion);
    if (annotations) m.annotations = annotations;
    return m as RenderedObject['metadata'];
  }
}

/**
 * Overrides go through the same prop checks as the props: a colour's props are the job's props
 * with its overrides applied, so a value refused as a prop is refused as an override. Problems
 * the props already have are not repeated.
 */
function overrideProblems(props: BlueGreenFlinkJobProps & FlinkSpecProps, cutover: Cutover, known: readonly PropProblem[]): PropProblem[] {
  const seen = new Set(known.map((k) => `${k.path}\n${k.message}`));
  const out: PropProblem[] = [];
  cutover.steps.forEach((step, i) => {
    if (step.type === 'complete' || step.type === 'savepoint' || step.overrides === undefined) return;
    if (step.overrides === null || typeof step.overrides !== 'object') {
      out.push({ path: `cutover.steps[${i}].overrides`, message: `overrides must be an object of props, got ${JSON.stringify(step.overrides)}` });
      return;
    }
    for (const problem of checkProps(blueGreenSchema, applyOverrides(props, step.overrides))) {
      if (seen.has(`${problem.path}\n${problem.message}`)) continue;
      out.push({ path: `cutover.steps[${i}].overrides.${problem.path}`, message: problem.message });
    }
  });
  return out;
}
