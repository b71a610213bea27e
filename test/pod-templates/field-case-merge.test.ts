/**
 * Field case `podtemplate-positional-merge` (FLINK-30786): the operator merges `spec.podTemplate` and
 * `spec.jobManager.podTemplate` by list position (`FlinkUtils.mergePodTemplates`, option
 * `kubernetes.operator.pod-template.merge-arrays-by-name` default false) and Flink keeps one
 * `flink-main-container`. Expected values are what the operator and the API server do.
 */
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { operatorMergePodTemplates } from '../../src/spec/pod-template-merge';
import { validateDocument } from '../../src/validation';
import { OperatorVersion } from '../../src/operator-version';
import { buildLedger } from '../fixtures/field-cases/podtemplate-positional-merge/app';
import { synthValidated } from '../constructs/helpers';

const names = (xs: any[] | undefined) => (xs ?? []).map((x) => x.name);

/** What the construct emitted before the fix: the user's job-wide template plus a JobManager template with only the agent. */
function previousOutput(): any {
  const app = Testing.app();
  const job = buildLedger(app);
  const blue = JSON.parse(JSON.stringify(job.render()[0]));
  const jm = blue.spec.jobManager.podTemplate;
  blue.spec.podTemplate = {
    spec: {
      containers: [
        { name: 'log-shipper', image: 'registry.example.com/infra/log-shipper:2.2.0', volumeMounts: [{ name: 'flink-logs', mountPath: '/flink-logs' }] },
        { name: 'flink-main-container', volumeMounts: [{ name: 'flink-logs', mountPath: '/opt/flink/log' }] },
      ],
      volumes: [{ name: 'flink-logs', emptyDir: {} }],
    },
  };
  jm.spec.volumes = jm.spec.volumes.filter((v: any) => v.name === 'bluegreen-agent');
  jm.spec.containers = [{ name: 'flink-main-container', volumeMounts: jm.spec.containers.find((c: any) => c.name === 'flink-main-container').volumeMounts.filter((m: any) => m.name === 'bluegreen-agent') }];
  return blue;
}

describe('field case podtemplate-positional-merge', () => {
  it('the operator merge of what used to be emitted drops the sidecar and the flink-logs volume (as the field case reports)', () => {
    const doc = previousOutput();
    const { pod } = operatorMergePodTemplates(doc.spec.podTemplate, doc.spec.jobManager.podTemplate, false) as { pod: any };
    // Index 0: log-shipper merged with the agent's flink-main-container -> renamed; Flink keeps the LAST flink-main-container.
    expect(names(pod.spec.containers)).toEqual(['flink-main-container', 'flink-main-container']);
    expect(pod.spec.containers[0].image).toBe('registry.example.com/infra/log-shipper:2.2.0');
    expect(pod.spec.containers[1].volumeMounts).toEqual([{ name: 'flink-logs', mountPath: '/opt/flink/log' }]);
    expect(names(pod.spec.volumes)).toEqual(['bluegreen-agent']);
  });

  it('validate reports the overwrite, the missing volume, the duplicate main container and the lost agent wiring', () => {
    const findings = validateDocument(previousOutput(), { operatorVersion: OperatorVersion.V1_15 });
    const rules = findings.map((f) => f.rule);
    expect(rules).toContain('POD-MERGE-OVERWRITE');
    expect(rules).toContain('POD-MAIN-CONTAINER');
    expect(rules).toContain('POD-AGENT-WIRING-LOST');
    const missing = findings.find((f) => f.rule === 'POD-VOLUME-NOT-FOUND');
    expect(missing?.value).toBe('flink-logs');
    expect(missing?.message).toContain('Not found: "flink-logs"');
    // Pointed at where the mount is written: the job-wide template's flink-main-container.
    expect(missing?.path).toBe('/spec/podTemplate/spec/containers/1/volumeMounts/0/name');
    const overwrite = findings.filter((f) => f.rule === 'POD-MERGE-OVERWRITE').map((f) => f.path);
    expect(overwrite).toContain('/spec/podTemplate/spec/containers/0');
    expect(overwrite).toContain('/spec/podTemplate/spec/volumes/0');
  });

  it('the same manifest with merge-arrays-by-name true is clean', () => {
    const doc = previousOutput();
    doc.spec.flinkConfiguration['kubernetes.operator.pod-template.merge-arrays-by-name'] = 'true';
    const rules = validateDocument(doc, { operatorVersion: OperatorVersion.V1_15 }).filter((f) => f.rule.startsWith('POD-'));
    expect(rules).toEqual([]);
  });

  it('the construct now emits no pair: the job-wide template is folded into both component templates', () => {
    const app = Testing.app();
    buildLedger(app);
    const objects = synthValidated(app.node.findChild('ledger') as any);
    const blue = objects.find((o) => o.kind === 'FlinkDeployment');
    expect(blue.spec.podTemplate).toBeUndefined();
    const jm = blue.spec.jobManager.podTemplate.spec;
    expect(names(jm.containers)).toEqual(['log-shipper', 'flink-main-container']);
    expect(jm.containers[1].volumeMounts.map((m: any) => m.mountPath)).toEqual(['/opt/flink/log', '/opt/flink/lib/bluegreen-agent.jar']);
    expect(names(jm.volumes)).toEqual(['flink-logs', 'bluegreen-agent']);
    expect(names(jm.initContainers)).toEqual(['bluegreen-agent-init']);
    const tm = blue.spec.taskManager.podTemplate.spec;
    expect(names(tm.containers)).toEqual(['log-shipper', 'flink-main-container']);
    expect(names(tm.volumes)).toEqual(['flink-logs']);
    // Whatever the operator's merge setting, nothing is left to merge.
    for (const byName of [false, true]) {
      expect(operatorMergePodTemplates(blue.spec.podTemplate, blue.spec.jobManager.podTemplate, byName).pod).toEqual(blue.spec.jobManager.podTemplate);
    }
    expect(validateDocument(blue, { operatorVersion: OperatorVersion.V1_15 }).filter((f) => f.rule.startsWith('POD-'))).toEqual([]);
  });
});
