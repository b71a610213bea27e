/**
 * Exact behaviour of the small rule modules behind the Guarantees rows (agent wiring, pod-template
 * names, suppression), odd inputs included; these are the tests `npm run mutation:ci` runs against
 * each mutant of them.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/validation';
import { specContext } from '../../src/validation/context';
import { countFlag, findAgentWiring, jmPodTemplatePointer } from '../../src/validation/rules/agent-wiring';
import { podTemplateNameFindings } from '../../src/validation/rules/pod-template-names';
import { applySuppressions } from '../../src/validation/suppression';
import { OperatorVersion } from '../../src/operator-version';

const JAR = '/opt/flink/lib/bluegreen-agent.jar';

describe('findAgentWiring', () => {
  it('finds each piece in both JobManager templates, not in the TaskManager one, and skips what is not an object', () => {
    const spec = {
      podTemplate: {
        spec: {
          volumes: [null, 'x', { name: 'bluegreen-agent' }, { name: 'other' }],
          containers: [{ name: 'bluegreen-agent-init' }, { name: 'flink-main-container', volumeMounts: [null, { mountPath: JAR, subPath: '' }, { mountPath: '/x' }] }],
        },
      },
      jobManager: {
        podTemplate: {
          spec: {
            initContainers: [7, { name: 'bluegreen-agent-init' }],
            containers: [{ name: 'bluegreen-agent-init' }, { name: 'sidecar', volumeMounts: [{ mountPath: JAR, subPath: 'a.jar' }] }, { name: 'flink-main-container', volumeMounts: [{ mountPath: JAR, subPath: 'bluegreen-agent.jar' }] }],
          },
        },
      },
      taskManager: { podTemplate: { spec: { volumes: [{ name: 'bluegreen-agent' }], initContainers: [{ name: 'bluegreen-agent-init' }] } } },
    };
    expect(findAgentWiring(spec)).toStrictEqual({
      volumes: [['podTemplate', 'spec', 'volumes', 2]],
      initContainers: [['jobManager', 'podTemplate', 'spec', 'initContainers', 1]],
      // The one beside the init container of its own template is POD-DUPLICATE-NAME's.
      containersNamedLikeInit: [['podTemplate', 'spec', 'containers', 0]],
      mounts: [
        { at: ['podTemplate', 'spec', 'containers', 1, 'volumeMounts', 1], subPath: false },
        { at: ['jobManager', 'podTemplate', 'spec', 'containers', 2, 'volumeMounts', 0], subPath: true },
      ],
    });
  });

  it('a container named like the agent init container counts unless its own template holds that init container', () => {
    const tpl = (initContainers: unknown[]) => ({ jobManager: { podTemplate: { spec: { initContainers, containers: [null, 5, { name: 'bluegreen-agent-init' }] } } } });
    expect(findAgentWiring(tpl([{ name: 'fetch-config' }, null])).containersNamedLikeInit).toStrictEqual([['jobManager', 'podTemplate', 'spec', 'containers', 2]]);
    expect(findAgentWiring(tpl([{ name: 'bluegreen-agent-init' }])).containersNamedLikeInit).toStrictEqual([]);
  });

  it('tolerates missing or malformed templates', () => {
    const none = { volumes: [], initContainers: [], containersNamedLikeInit: [], mounts: [] };
    expect(findAgentWiring({})).toStrictEqual(none);
    expect(findAgentWiring({ podTemplate: 'x', jobManager: { podTemplate: { spec: [] } } })).toStrictEqual(none);
    expect(findAgentWiring({ podTemplate: { spec: { volumes: 'x', initContainers: {}, containers: 3 } } })).toStrictEqual(none);
    expect(findAgentWiring({ jobManager: { podTemplate: { spec: { containers: [{ name: 'flink-main-container', volumeMounts: 'x' }, { name: 'flink-main-container', volumeMounts: [{ mountPath: JAR, subPath: 3 }] }] } } } }).mounts).toStrictEqual([
      { at: ['jobManager', 'podTemplate', 'spec', 'containers', 1, 'volumeMounts', 0], subPath: false },
    ]);
  });

  it('counts the -javaagent flag; points at the JobManager template', () => {
    expect(countFlag(undefined)).toBe(0);
    expect(countFlag('')).toBe(0);
    expect(countFlag(`-Xss1m -javaagent:${JAR}`)).toBe(1);
    expect(countFlag(`-javaagent:${JAR} -javaagent:${JAR}`)).toBe(2);
    expect(jmPodTemplatePointer(['spec', 'template', 'spec'])).toBe('/spec/template/spec/jobManager/podTemplate/spec');
  });
});

function names(spec: Record<string, unknown>, gate = false): Array<Pick<Finding, 'rule' | 'severity' | 'path' | 'value' | 'message' | 'fix'>> {
  const conf = gate ? { 'bluegreen.gate.strategy': 'WATERMARK' } : {};
  return podTemplateNameFindings(specContext({ ...spec, flinkConfiguration: conf }, ['spec'], 'a', undefined, OperatorVersion.DEFAULT, false));
}

describe('POD-DUPLICATE-NAME', () => {
  it('containers and init containers share one name space per template; volumes have their own', () => {
    const found = names({
      podTemplate: { spec: { initContainers: [{ name: 'a' }], containers: [{ name: 'a' }, { name: 'b' }, { name: 'b' }, { name: 7 }, null], volumes: [{ name: 'a' }, { name: 'v' }, { name: 'v' }] } },
      jobManager: { podTemplate: { spec: { containers: [{ name: 'a' }] } } },
      taskManager: { podTemplate: { spec: { initContainers: [{ name: 'x' }, { name: 'x' }] } } },
    });
    expect(found).toStrictEqual([
      {
        rule: 'POD-DUPLICATE-NAME',
        severity: 'error',
        path: '/spec/podTemplate/spec/containers/0/name',
        value: 'a',
        message: 'spec.podTemplate.spec.containers[0] is named "a" like initContainers[0]: Kubernetes requires unique container names in a pod (init containers included) and refuses the pod',
        fix: 'rename one of the two containers',
      },
      expect.objectContaining({ path: '/spec/podTemplate/spec/containers/2/name', value: 'b', message: expect.stringContaining('containers[2] is named "b" like containers[1]') }),
      {
        rule: 'POD-DUPLICATE-NAME',
        severity: 'error',
        path: '/spec/podTemplate/spec/volumes/2/name',
        value: 'v',
        message: 'spec.podTemplate.spec.volumes[2] is named "v" like volumes[1]: Kubernetes requires unique volume names in a pod and refuses the pod',
        fix: 'rename one of the two volumes',
      },
      expect.objectContaining({ path: '/spec/taskManager/podTemplate/spec/initContainers/1/name', value: 'x' }),
    ]);
  });

  it('leaves a gate job\'s second agent volume or init container in a JobManager template to the agent rules, and nothing else', () => {
    const spec = (where: 'podTemplate' | 'jobManager' | 'taskManager') => {
      const tpl = { spec: { volumes: [{ name: 'bluegreen-agent' }, { name: 'bluegreen-agent' }], initContainers: [{ name: 'bluegreen-agent-init' }, { name: 'bluegreen-agent-init' }], containers: [{ name: 'bluegreen-agent' }, { name: 'bluegreen-agent' }] } };
      return where === 'podTemplate' ? { podTemplate: tpl } : { [where]: { podTemplate: tpl } };
    };
    const paths = (f: ReturnType<typeof names>) => f.map((x) => x.path.replace(/^\/spec\/(jobManager\/|taskManager\/)?podTemplate\/spec\//, ''));
    // Not a gate job: every duplicate.
    expect(paths(names(spec('jobManager')))).toEqual(['initContainers/1/name', 'containers/1/name', 'volumes/1/name']);
    // Gate job, JobManager templates: only the containers (no agent rule owns them).
    expect(paths(names(spec('jobManager'), true))).toEqual(['containers/1/name']);
    expect(paths(names(spec('podTemplate'), true))).toEqual(['containers/1/name']);
    // Gate job, TaskManager template: the agent rules do not look there.
    expect(paths(names(spec('taskManager'), true))).toEqual(['initContainers/1/name', 'containers/1/name', 'volumes/1/name']);
    // An agent init container named like a container of the template is not the agent rules' pair.
    expect(paths(names({ jobManager: { podTemplate: { spec: { containers: [{ name: 'bluegreen-agent-init' }], initContainers: [{ name: 'bluegreen-agent-init' }] } } } }, true))).toEqual(['containers/0/name']);
  });

  it('a gate job\'s other duplicates in a JobManager template are still reported; names that are not strings are not compared', () => {
    const found = names({ jobManager: { podTemplate: { spec: { volumes: [{ name: 'cache' }, { name: 'cache' }, { name: 7 }, { name: 7 }], initContainers: [{ name: 'fetch' }, { name: 'fetch' }] } } } }, true);
    expect(found.map((f) => f.path)).toEqual(['/spec/jobManager/podTemplate/spec/initContainers/1/name', '/spec/jobManager/podTemplate/spec/volumes/1/name']);
  });

  it('nothing for missing or malformed templates', () => {
    expect(names({})).toEqual([]);
    expect(names({ podTemplate: 3, jobManager: { podTemplate: { spec: 'x' } }, taskManager: null })).toEqual([]);
  });
});

describe('applySuppressions', () => {
  const warning: Finding = { rule: 'RUNTIME-CLIENT-LIBRARY', severity: 'warning', path: '/spec', message: 'm', fix: 'f' };
  const error: Finding = { rule: 'FLINK-NAME', severity: 'error', path: '/metadata/name', message: 'm', fix: 'f' };
  const doc = (annotations: unknown) => ({ metadata: { annotations } });

  it('a reason silences that warning; other annotations and other objects change nothing', () => {
    expect(applySuppressions(doc({ 'flink.bluegreen/ignore-runtime-client-library': 'bundled' }), [warning, error])).toStrictEqual([error]);
    expect(applySuppressions(doc({ 'ignore-RUNTIME-CLIENT-LIBRARY': 'x', 'example.com/flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY': 'x' }), [warning])).toStrictEqual([warning]);
    for (const d of [undefined, null, 'x', { metadata: 'x' }, { metadata: { annotations: ['x'] } }, { metadata: {} }]) expect(applySuppressions(d, [warning])).toStrictEqual([warning]);
  });

  it('reports a missing reason, an unknown rule and an error it may not suppress, exactly', () => {
    const at = (k: string) => `/metadata/annotations/flink.bluegreen~1ignore-${k}`;
    expect(applySuppressions(doc({ 'flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY': '  ' }), [warning])).toStrictEqual([
      warning,
      {
        rule: 'SUPPRESSION-REASON',
        severity: 'error',
        path: at('RUNTIME-CLIENT-LIBRARY'),
        value: '  ',
        message: '"flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY" has no reason: a suppression must say why the rule does not apply here',
        fix: 'set the annotation\'s value to the reason, e.g. "flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY": "the job jar is built with the client library (see build.gradle)"',
      },
    ]);
    expect(applySuppressions(doc({ 'flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY': 3 }), [warning])[1]).toMatchObject({ rule: 'SUPPRESSION-REASON', value: 3 });
    expect(applySuppressions(doc({ 'flink.bluegreen/ignore-NO-SUCH-RULE': 'x' }), [])).toStrictEqual([
      {
        rule: 'SUPPRESSION-UNKNOWN-RULE',
        severity: 'warning',
        path: at('NO-SUCH-RULE'),
        value: 'NO-SUCH-RULE',
        message: '"flink.bluegreen/ignore-NO-SUCH-RULE" names no rule: "NO-SUCH-RULE" is not a rule id',
        fix: 'use a rule id from a finding, e.g. flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY',
      },
    ]);
    expect(applySuppressions(doc({ 'flink.bluegreen/ignore-FLINK-NAME': 'we know' }), [error])).toStrictEqual([
      error,
      {
        rule: 'SUPPRESSION-NOT-ALLOWED',
        severity: 'error',
        path: at('FLINK-NAME'),
        value: 'FLINK-NAME',
        message: 'FLINK-NAME is an error (the API server or the operator would reject the object) and cannot be suppressed',
        fix: 'fix the manifest and remove "flink.bluegreen/ignore-FLINK-NAME"',
      },
    ]);
  });
});
