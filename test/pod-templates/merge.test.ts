/**
 * The operator's merge, case by case (FlinkUtils.mergePodTemplates in apache/flink-kubernetes-operator,
 * read at main 6e9caeb4; option kubernetes.operator.pod-template.merge-arrays-by-name, default false).
 */
import { describe, expect, it } from 'vitest';
import { declaredMergePodTemplates, foldJobWidePodTemplate, operatorMergePodTemplates } from '../../src/spec/pod-template-merge';
import { withOperatorAgent } from '../../src/validation/rules/pod-templates';

describe('operatorMergePodTemplates', () => {
  it('returns the other template as it is when one is absent (nothing to merge, nothing copied)', () => {
    const t = { spec: { volumes: [{ name: 'a', emptyDir: {} }] } };
    expect(operatorMergePodTemplates(t, undefined, false)).toEqual({ pod: t, events: [] });
    expect(operatorMergePodTemplates(undefined, t, false).pod).toBe(t);
    expect(operatorMergePodTemplates(null, t, true).pod).toBe(t);
  });

  it('never changes its inputs', () => {
    const base = { spec: { containers: [{ name: 'a', image: 'x' }], volumes: [{ name: 'v', emptyDir: {} }] } };
    const component = { spec: { containers: [{ name: 'b', env: [{ name: 'E', value: '1' }] }], volumes: [{ name: 'w', emptyDir: {} }] } };
    const before = JSON.stringify([base, component]);
    for (const byName of [false, true]) {
      const { pod } = operatorMergePodTemplates(base, component, byName);
      expect(pod).not.toBe(base);
      expect(JSON.stringify([base, component])).toBe(before);
    }
  });

  it('by position: element i merges into element i and takes its name; extra elements are appended', () => {
    const { pod, events } = operatorMergePodTemplates(
      { spec: { volumes: [{ name: 'logs', emptyDir: {} }, { name: 'x', emptyDir: {} }] } },
      { spec: { volumes: [{ name: 'agent', emptyDir: { medium: 'Memory' } }, { name: 'x' }, { name: 'y', emptyDir: {} }] } },
      false,
    ) as { pod: any; events: any[] };
    expect(pod.spec.volumes).toEqual([{ name: 'agent', emptyDir: { medium: 'Memory' } }, { name: 'x', emptyDir: {} }, { name: 'y', emptyDir: {} }]);
    expect(events).toEqual([{ path: ['spec', 'volumes', 0], kind: 'renamed', base: 'logs', component: 'agent' }]);
  });

  it('by position: scalar elements of the job-wide list win (Jackson merges nothing into a text node)', () => {
    const { pod, events } = operatorMergePodTemplates(
      { spec: { containers: [{ name: 'flink-main-container', args: ['a', 'b'] }] } },
      { spec: { containers: [{ name: 'flink-main-container', args: ['c', 'd', 'e'] }] } },
      false,
    ) as { pod: any; events: any[] };
    expect(pod.spec.containers[0].args).toEqual(['a', 'b', 'e']);
    expect(events.map((e) => e.kind)).toEqual(['ignored', 'ignored']);
  });

  it('by name: same names merge, new names are appended, a repeated job-wide name keeps only the last', () => {
    const { pod, events } = operatorMergePodTemplates(
      { spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }, { name: 'a', image: 'a:2' }] } },
      { spec: { containers: [{ name: 'c', image: 'c:1' }, { name: 'b', image: 'b:2' }] } },
      true,
    ) as { pod: any; events: any[] };
    expect(pod.spec.containers).toEqual([{ name: 'a', image: 'a:2' }, { name: 'b', image: 'b:2' }, { name: 'c', image: 'c:1' }]);
    expect(events).toEqual([{ path: ['spec', 'containers', 0], kind: 'collapsed', base: 'a' }]);
  });

  it('by name falls back to position when an element has no name', () => {
    const { pod } = operatorMergePodTemplates(
      { spec: { tolerations: [{ key: 'a', operator: 'Exists' }] } },
      { spec: { tolerations: [{ key: 'b' }] } },
      true,
    ) as { pod: any };
    expect(pod.spec.tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
  });

  it('a scalar or list on the component side replaces the job-wide value; objects merge', () => {
    const { pod } = operatorMergePodTemplates(
      { metadata: { labels: { a: '1' } }, spec: { serviceAccountName: 'x', nodeSelector: { z: '1' } } },
      { metadata: { labels: { b: '2' } }, spec: { serviceAccountName: 'y' } },
      false,
    ) as { pod: any };
    expect(pod).toEqual({ metadata: { labels: { a: '1', b: '2' } }, spec: { serviceAccountName: 'y', nodeSelector: { z: '1' } } });
  });
});

describe('declaredMergePodTemplates (what the constructs emit)', () => {
  it('merges by Kubernetes merge keys: containers/volumes by name, mounts by mountPath; other lists are replaced', () => {
    const out: any = declaredMergePodTemplates(
      { spec: { containers: [{ name: 'log-shipper', image: 's:1' }, { name: 'flink-main-container', args: ['a'], volumeMounts: [{ name: 'logs', mountPath: '/opt/flink/log' }] }], volumes: [{ name: 'logs', emptyDir: {} }], tolerations: [{ key: 'a' }] } },
      { spec: { containers: [{ name: 'flink-main-container', args: ['b'], volumeMounts: [{ name: 'agent', mountPath: '/opt/flink/lib/a.jar' }] }], volumes: [{ name: 'agent', emptyDir: {} }], tolerations: [{ key: 'b' }] } },
    );
    expect(out.spec.containers).toEqual([
      { name: 'log-shipper', image: 's:1' },
      { name: 'flink-main-container', args: ['b'], volumeMounts: [{ name: 'logs', mountPath: '/opt/flink/log' }, { name: 'agent', mountPath: '/opt/flink/lib/a.jar' }] },
    ]);
    expect(out.spec.volumes.map((v: any) => v.name)).toEqual(['logs', 'agent']);
    expect(out.spec.tolerations).toEqual([{ key: 'b' }]);
  });

  it('a volume of the same name is replaced whole (retainKeys): never two sources', () => {
    const out: any = declaredMergePodTemplates({ spec: { volumes: [{ name: 'data', emptyDir: {} }] } }, { spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'c' } }] } });
    expect(out.spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'c' } }]);
  });

  it('keeps both sides when a key repeats (nothing declared is lost; the pod checks report the duplicate)', () => {
    const out: any = declaredMergePodTemplates({ spec: { volumes: [{ name: 'a' }, { name: 'a' }] } }, { spec: { volumes: [{ name: 'a', emptyDir: {} }] } });
    expect(out.spec.volumes).toHaveLength(3);
  });

  it('foldJobWidePodTemplate leaves a lone job-wide template alone unless the operator adds a JobManager template', () => {
    const spec = { podTemplate: { spec: { volumes: [{ name: 'a' }] } }, jobManager: {}, taskManager: {} };
    expect(foldJobWidePodTemplate(spec)).toBe(spec);
    const folded: any = foldJobWidePodTemplate(spec, true);
    expect(folded.podTemplate).toBeUndefined();
    expect(folded.jobManager.podTemplate).toEqual(spec.podTemplate);
    expect(folded.taskManager.podTemplate).toEqual(spec.podTemplate);
  });
});

describe('withOperatorAgent', () => {
  it("adds the FLIP-504 operator's agent wiring to a copy: the job's template is unchanged", () => {
    const jm = { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'flink-main-container', volumeMounts: [{ name: 'data', mountPath: '/data' }] }], volumes: [{ name: 'data', emptyDir: {} }] } };
    const before = JSON.stringify(jm);
    const t = withOperatorAgent(jm) as typeof jm & { spec: { initContainers: Array<{ name: string }> } };
    expect(JSON.stringify(jm)).toBe(before);
    expect(t.spec.volumes.map((v) => v.name)).toEqual(['data', 'bluegreen-agent']);
    expect(t.spec.initContainers.map((c) => c.name)).toEqual(['bluegreen-agent-init']);
    expect(t.spec.containers[0].volumeMounts.map((m) => m.mountPath)).toEqual(['/data', '/opt/flink/lib/bluegreen-agent.jar']);
  });
});
