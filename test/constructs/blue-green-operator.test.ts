import { describe, expect, it } from 'vitest';
import { AgentInjection, BlueGreenFlinkJob, Cutover, Colour, Duration, Gate, GatePosition, OperatorVersion } from '../../src';
import { baseSpec, byKind, newChart, synthValidated, validationErrors } from './helpers';

const AGENT_MARKERS = ['bluegreen-agent', 'bluegreen-agent-init', '/opt/flink/lib/bluegreen-agent.jar', '-javaagent'];

describe('BlueGreenFlinkJob, operator-managed (the default)', () => {
  it('emits one FlinkBlueGreenDeployment (child Resource) with ADVANCED and only the gate config', () => {
    const { chart } = newChart();
    const job = new BlueGreenFlinkJob(chart, 'Orders', {
      name: 'orders',
      operatorVersion: OperatorVersion.FLIP_504,
      ...baseSpec({ jobManagerJvmOptions: '-XX:+UseG1GC' }),
      gate: Gate.watermark({ fieldPath: 'eventTime', timeout: Duration.minutes(15) }),
      abortGracePeriod: Duration.minutes(20),
      reconciliationRescheduleInterval: Duration.seconds(15),
      deploymentDeletionDelay: Duration.seconds(10),
    });
    expect(job.resource?.node.id).toBe('Resource');
    const out = synthValidated(chart);
    expect(out.map((o) => o.kind)).toEqual(['FlinkBlueGreenDeployment', 'Role', 'RoleBinding']);
    const bg = out[0];
    expect(bg.spec.transitionMode).toBe('ADVANCED');
    expect(bg.spec.configuration).toEqual({
      'kubernetes.operator.bluegreen.abort.grace-period': '20 min',
      'kubernetes.operator.bluegreen.deployment-deletion.delay': '10 s',
      'kubernetes.operator.bluegreen.gate.timeout': '15 min',
      'kubernetes.operator.bluegreen.reconciliation.reschedule-interval': '15 s',
    });
    const conf = bg.spec.template.spec.flinkConfiguration;
    expect(conf['bluegreen.gate.strategy']).toBe('WATERMARK');
    expect(conf['bluegreen.gate.watermark.field-path']).toBe('eventTime');
    expect(conf['bluegreen.gate.injection.position']).toBe('BEFORE_SINK');
    // The operator injects the agent and owns these: none of them may be in our output.
    expect(conf['env.java.opts.jobmanager']).toBe('-XX:+UseG1GC');
    expect(conf['bluegreen.active-deployment-type']).toBeUndefined();
    expect(conf['bluegreen.configmap.name']).toBeUndefined();
    const text = JSON.stringify(out);
    for (const marker of AGENT_MARKERS) expect(text).not.toContain(marker);
    expect(byKind(out, 'ConfigMap')).toHaveLength(0);
    for (const v of Object.values(conf)) expect(typeof v).toBe('string');
  });

  it('grants the job service account exactly the gate verbs on exactly the gate ConfigMap', () => {
    const { chart } = newChart('jobs');
    new BlueGreenFlinkJob(chart, 'Orders', {
      name: 'orders',
      operatorVersion: OperatorVersion.FLIP_504,
      ...baseSpec({ serviceAccount: 'orders-sa' }),
      gate: Gate.watermark({ extractorClass: 'com.example.OrderTime', position: GatePosition.AFTER_SOURCE }),
    });
    const out = synthValidated(chart);
    const [role] = byKind(out, 'Role');
    const [binding] = byKind(out, 'RoleBinding');
    expect(role.metadata).toEqual({ name: 'orders-bluegreen-gate', namespace: 'jobs' });
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['orders-configmap'], verbs: ['get', 'list', 'watch', 'update'] }]);
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'orders-bluegreen-gate' });
    expect(binding.subjects).toEqual([{ apiGroup: '', kind: 'ServiceAccount', name: 'orders-sa', namespace: 'jobs' }]);
    expect(out[0].spec.template.spec.flinkConfiguration['bluegreen.gate.watermark.extractor-class']).toBe('com.example.OrderTime');
    expect(out[0].spec.template.spec.flinkConfiguration['bluegreen.gate.injection.position']).toBe('AFTER_SOURCE');
  });

  it('refuses a field-index-only gate on the PR #1043 operator, quoting the operator', () => {
    const { chart } = newChart();
    new BlueGreenFlinkJob(chart, 'Idx', { name: 'idx', operatorVersion: OperatorVersion.FLIP_504, ...baseSpec(), gate: Gate.watermark({ fieldIndex: 3 }) });
    const errors = validationErrors(chart);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^\[test\/Idx\] error\[GATE-EXTRACTOR-FIELD-INDEX\] FlinkBlueGreenDeployment\/idx \/spec\/template\/spec\/flinkConfiguration\/bluegreen.gate.watermark.field-index \(prop gate\): only bluegreen.gate.watermark.field-index is set: PR #1043 operator builds reject it/,
    );
    expect(errors[0]).toContain('Operator says: "[BlueGreen] Gate strategy WATERMARK requires either');
  });

  it('refuses agent wiring in the template when the operator injects it', () => {
    const { chart } = newChart();
    new BlueGreenFlinkJob(chart, 'Op', {
      name: 'op',
      operatorVersion: OperatorVersion.FLIP_504,
      ...baseSpec({ podTemplate: { spec: { volumes: [{ name: 'bluegreen-agent', emptyDir: {} }] } } }),
      gate: Gate.watermark({ fieldPath: 'x' }),
    });
    expect(validationErrors(chart)).toEqual([
      '[test/Op] error[GATE-WIRING-COLLISION] FlinkBlueGreenDeployment/op /spec/template/spec/jobManager/podTemplate/spec/volumes/0 (prop jobManager.podTemplate): volume "bluegreen-agent" is already in the template: the operator appends it to the JobManager pod template in ADVANCED mode without de-duplication, so the pod would be rejected (duplicate volume name) Fix: remove the agent volume; the operator injects it',
    ]);
  });

  it('lets the user opt out of the RBAC', () => {
    const { chart } = newChart();
    new BlueGreenFlinkJob(chart, 'Orders', { name: 'orders', operatorVersion: OperatorVersion.FLIP_504, ...baseSpec(), gate: Gate.watermark({ fieldPath: 't' }), gateRbac: false });
    expect(synthValidated(chart).map((o) => o.kind)).toEqual(['FlinkBlueGreenDeployment']);
  });

  it('without a gate is BASIC and works on 1.15 (no transitionMode there)', () => {
    const { chart } = newChart();
    new BlueGreenFlinkJob(chart, 'Clicks', { name: 'clicks', ...baseSpec() });
    const out = synthValidated(chart);
    expect(out.map((o) => o.kind)).toEqual(['FlinkBlueGreenDeployment']);
    expect(out[0].spec.transitionMode).toBeUndefined();
    expect(out[0].spec.configuration).toBeUndefined();
    const { chart: c2 } = newChart();
    new BlueGreenFlinkJob(c2, 'Clicks', { name: 'clicks', operatorVersion: OperatorVersion.FLIP_504, ...baseSpec() });
    expect(synthValidated(c2)[0].spec.transitionMode).toBe('BASIC');
  });

  it('refuses a gate on an operator without ADVANCED, naming the three ways out', () => {
    const { chart } = newChart();
    new BlueGreenFlinkJob(chart, 'Orders', { name: 'orders', operatorVersion: OperatorVersion.V1_15, ...baseSpec(), gate: Gate.watermark({ fieldPath: 'eventTime' }) });
    expect(validationErrors(chart)).toEqual([
      '[test/Orders] invalid prop gate: an operator-injected gate needs transitionMode ADVANCED, which only FLIP-504 operator builds have (target is 1.15): set operatorVersion: OperatorVersion.FLIP_504, use injection: AgentInjection.manifest({...}) which works on any version, or remove the gate for a BASIC transition',
    ]);
  });

  it('requires exactly one extractor', () => {
    const { chart } = newChart();
    new BlueGreenFlinkJob(chart, 'A', { name: 'a', operatorVersion: OperatorVersion.FLIP_504, ...baseSpec(), gate: Gate.watermark({}) });
    new BlueGreenFlinkJob(chart, 'B', { name: 'b', operatorVersion: OperatorVersion.FLIP_504, ...baseSpec(), gate: Gate.watermark({ fieldPath: 'x', extractorClass: 'com.example.X' }) });
    expect(validationErrors(chart)).toEqual([
      '[test/A] invalid prop gate: Gate.watermark needs exactly one extractor, got none: set fieldPath (POJO records), fieldIndex (SQL/Table RowData) or extractorClass',
      '[test/B] invalid prop gate: Gate.watermark needs exactly one extractor, got 2 (fieldPath, extractorClass): keep one',
    ]);
  });

  it('refuses gate keys, nested or flat, in the flinkConfiguration escape hatch', () => {
    const { chart } = newChart();
    new BlueGreenFlinkJob(chart, 'Orders', {
      name: 'orders',
      operatorVersion: OperatorVersion.FLIP_504,
      ...baseSpec({ flinkConfiguration: { 'bluegreen.gate.strategy': 'WATERMARK', 'bluegreen.configmap.name': 'x' } }),
      gate: Gate.watermark({ fieldPath: 'eventTime' }),
    });
    new BlueGreenFlinkJob(chart, 'Nested', {
      name: 'nested',
      operatorVersion: OperatorVersion.FLIP_504,
      ...baseSpec({ flinkConfiguration: { bluegreen: { gate: { strategy: 'WATERMARK' } } } as never }),
    });
    expect(validationErrors(chart)).toEqual([
      '[test/Orders] invalid prop flinkConfiguration.bluegreen.gate.strategy: "bluegreen.gate.strategy" is set by this construct (blue/green gate wiring); remove it from flinkConfiguration and use the gate and injection props',
      '[test/Orders] invalid prop flinkConfiguration.bluegreen.configmap.name: "bluegreen.configmap.name" is set by this construct (blue/green gate wiring); remove it from flinkConfiguration and use the gate and injection props',
      '[test/Nested] invalid prop flinkConfiguration.bluegreen: "bluegreen" is a nested map; Flink configuration must use flat dotted keys with string values: write "bluegreen.gate.strategy": "WATERMARK"',
    ]);
  });

  it('refuses cutover and manifest-only options where they do not apply', () => {
    const { chart } = newChart();
    new BlueGreenFlinkJob(chart, 'Op', { name: 'op', operatorVersion: OperatorVersion.FLIP_504, ...baseSpec(), gate: Gate.watermark({ fieldPath: 't' }), cutover: Cutover.startOn(Colour.BLUE) });
    new BlueGreenFlinkJob(chart, 'Man', {
      name: 'man',
      ...baseSpec(),
      injection: AgentInjection.manifest({ agentImage: 'ghcr.io/apache/flink-kubernetes-operator:1.16.0' }),
      abortGracePeriod: Duration.minutes(5),
    });
    expect(validationErrors(chart)).toEqual([
      '[test/Op] invalid prop cutover: cutover is for AgentInjection.manifest(...): with operator injection the operator drives the transition; remove cutover',
      '[test/Man] invalid prop injection: AgentInjection.manifest(...) wires a gate agent, but no gate is set: add gate: Gate.watermark({...}) or use AgentInjection.operator()',
      "[test/Man] invalid prop abortGracePeriod: abortGracePeriod configures the operator's blue/green controller, which manifest-wired jobs do not use: remove it",
    ]);
  });

  it('an unknown prop written as the YAML knows it gets the prop that owns it: bluegreen → gate', () => {
    const { chart } = newChart();
    new BlueGreenFlinkJob(chart, 'Orders', { name: 'orders', operatorVersion: OperatorVersion.FLIP_504, ...baseSpec(), bluegreen: { gate: { strategy: 'WATERMARK' } } } as never);
    expect(validationErrors(chart)).toEqual([
      '[test/Orders] invalid prop (props): unknown prop "bluegreen" (did you mean "gate"?): check the spelling against the props interface',
    ]);
  });
});
