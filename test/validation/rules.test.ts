import { describe, expect, it } from 'vitest';
import { OPERATOR_VERSION_IDS, type OperatorVersionId } from '../../src/operator-version';
import { RULES } from '../../src/validation';
import { advanced, bg, check, type Doc, errors, fd, wired } from './helpers';

interface Case {
  readonly rule: string;
  readonly version: OperatorVersionId;
  /** Builds a clean document, then breaks exactly this rule. */
  readonly base: () => Doc;
  readonly breakIt: (d: Doc) => void;
  readonly path: string;
  readonly message?: RegExp;
  readonly operatorMessage?: string;
}

const FC = '/spec/flinkConfiguration';
const TFC = '/spec/template/spec/flinkConfiguration';
const T = '/spec/template/spec';
const jmPod = (d: Doc) => d.spec.jobManager.podTemplate.spec;

const CASES: Case[] = [
  { rule: 'SCHEMA-API-VERSION', version: '1.15', base: fd, breakIt: (d) => (d.apiVersion = 'flink.apache.org/v1'), path: '/apiVersion' },
  { rule: 'SCHEMA-UNKNOWN-FIELD', version: '1.15', base: fd, breakIt: (d) => (d.spec.jobManager.resources = { requests: { memory: '1Gi' } }), path: '/spec/jobManager/resources', message: /unknown field "resources" in spec\.jobManager/ },
  { rule: 'SCHEMA-TYPE', version: '1.15', base: fd, breakIt: (d) => (d.spec.job.parallelism = 'two'), path: '/spec/job/parallelism', message: /^spec\.job\.parallelism is "two" \(string\), expected integer$/ },
  { rule: 'SCHEMA-ENUM', version: '1.15', base: fd, breakIt: (d) => (d.spec.job.upgradeMode = 'Savepoint'), path: '/spec/job/upgradeMode', message: /expected one of "last-state", "savepoint", "stateless"/ },
  { rule: 'IMAGE-REFERENCE', version: '1.15', base: fd, breakIt: (d) => (d.spec.image = 'Registry.example.com/Team/Flink:1.20$(id)'), path: '/spec/image', message: /does not follow the image reference grammar|upper-case/ },
  { rule: 'FLINK-NAME', version: '1.15', base: fd, breakIt: (d) => (d.metadata.name = 'Orders'), path: '/metadata/name', operatorMessage: "The FlinkDeployment name: Orders is invalid, must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123'), and the length must be no more than 45 characters." },
  { rule: 'FLINK-VERSION-MISSING', version: '1.15', base: fd, breakIt: (d) => delete d.spec.flinkVersion, path: '/spec/flinkVersion', operatorMessage: 'Flink Version must be defined.' },
  { rule: 'FLINK-VERSION-UNSUPPORTED', version: '1.15', base: fd, breakIt: (d) => (d.spec.flinkVersion = 'v1_14'), path: '/spec/flinkVersion', operatorMessage: 'Flink version v1_14 is not supported by this operator version' },
  { rule: 'FLINK-FORBIDDEN-CONFIG-KEY', version: '1.15', base: fd, breakIt: (d) => (d.spec.flinkConfiguration['kubernetes.cluster-id'] = 'x'), path: `${FC}/kubernetes.cluster-id`, operatorMessage: 'Forbidden Flink config key: kubernetes.cluster-id' },
  { rule: 'FLINK-ROLLBACK-REQUIRES-HA', version: '1.15', base: fd, breakIt: (d) => (d.spec.flinkConfiguration['kubernetes.operator.deployment.rollback.enabled'] = 'true'), path: `${FC}/kubernetes.operator.deployment.rollback.enabled`, operatorMessage: 'HA must be enabled for rollback support.' },
  { rule: 'FLINK-HEALTH-CHECK-REQUIRES-RECOVERY', version: '1.15', base: fd, breakIt: (d) => Object.assign(d.spec.flinkConfiguration, { 'kubernetes.operator.cluster.health-check.enabled': 'true', 'kubernetes.operator.jm-deployment-recovery.enabled': 'false' }), path: `${FC}/kubernetes.operator.jm-deployment-recovery.enabled` },
  { rule: 'FLINK-INGRESS-TEMPLATE', version: '1.15', base: fd, breakIt: (d) => (d.spec.ingress = { className: 'nginx' }), path: '/spec/ingress/template', operatorMessage: 'Ingress template must be defined' },
  { rule: 'FLINK-INGRESS-URL', version: '1.15', base: fd, breakIt: (d) => (d.spec.ingress = { template: 'example.com:port' }), path: '/spec/ingress/template' },
  { rule: 'FLINK-LOG-CONFIG-KEY', version: '1.15', base: fd, breakIt: (d) => (d.spec.logConfiguration = { 'log4j.properties': 'x' }), path: '/spec/logConfiguration/log4j.properties', operatorMessage: 'Invalid log config key: log4j.properties. Allowed keys are [log4j-console.properties, logback-console.xml]' },
  { rule: 'FLINK-CHECKPOINT-DIR', version: '1.15', base: fd, breakIt: (d) => { delete d.spec.flinkConfiguration['state.checkpoints.dir']; }, path: `${FC}/state.checkpoints.dir`, operatorMessage: 'Checkpoint directory[execution.checkpointing.dir] must be defined for last-state and savepoint upgrade modes' },
  { rule: 'FLINK-SAVEPOINT-DIR', version: '1.15', base: fd, breakIt: (d) => { delete d.spec.flinkConfiguration['state.savepoints.dir']; }, path: `${FC}/state.savepoints.dir`, operatorMessage: 'Job could not be upgraded with savepoint while config key[execution.checkpointing.savepoint-dir] is not set' },
  { rule: 'FLINK-PARALLELISM', version: '1.15', base: fd, breakIt: (d) => delete d.spec.job.parallelism, path: '/spec/job/parallelism', operatorMessage: 'Job parallelism must be larger than 0' },
  { rule: 'FLINK-TM-REPLICAS', version: '1.15', base: fd, breakIt: (d) => (d.spec.taskManager.replicas = 0), path: '/spec/taskManager/replicas', operatorMessage: 'TaskManager replicas must be larger than 0' },
  { rule: 'FLINK-JM-REPLICAS', version: '1.15', base: fd, breakIt: (d) => (d.spec.jobManager.replicas = 0), path: '/spec/jobManager/replicas' },
  { rule: 'FLINK-JM-HA', version: '1.15', base: fd, breakIt: (d) => (d.spec.jobManager.replicas = 2), path: '/spec/jobManager/replicas', operatorMessage: 'High availability should be enabled when starting standby JobManagers.' },
  { rule: 'FLINK-JM-MEMORY', version: '1.15', base: fd, breakIt: (d) => delete d.spec.jobManager.resource.memory, path: '/spec/jobManager/resource/memory', operatorMessage: 'JobManager resource memory must be defined using `spec.jobManager.resource.memory`' },
  { rule: 'FLINK-TM-MEMORY', version: 'main', base: fd, breakIt: (d) => delete d.spec.taskManager.resource.memory, path: '/spec/taskManager/resource/memory', operatorMessage: 'TaskManager resource memory must be defined using `spec.taskManager.resource.memory` or `spec.taskManager.resources.requests.memory`' },
  { rule: 'FLINK-MEMORY-PARSE', version: '1.15', base: fd, breakIt: (d) => (d.spec.jobManager.resource.memory = 'two gigs'), path: '/spec/jobManager/resource/memory' },
  { rule: 'FLINK-EPHEMERAL-STORAGE-PARSE', version: '1.15', base: fd, breakIt: (d) => (d.spec.taskManager.resource.ephemeralStorage = 'lots'), path: '/spec/taskManager/resource/ephemeralStorage' },
  { rule: 'FLINK-RESOURCES-QUANTITY', version: 'main', base: fd, breakIt: (d) => (d.spec.jobManager.resources = { requests: { cpu: '0' } }), path: '/spec/jobManager/resources/requests/cpu', operatorMessage: 'JobManager resource requirements requests cpu must be positive: 0' },
  { rule: 'FLINK-RESOURCES-REQUEST-ABOVE-LIMIT', version: 'main', base: fd, breakIt: (d) => (d.spec.taskManager.resources = { requests: { memory: '4Gi' }, limits: { memory: '2Gi' } }), path: '/spec/taskManager/resources/requests/memory', operatorMessage: 'TaskManager resource requirements memory request (4Gi) must not exceed its limit (2Gi)' },
  { rule: 'FLINK-SERVICE-ACCOUNT', version: '1.15', base: fd, breakIt: (d) => delete d.spec.serviceAccount, path: '/spec/serviceAccount' },
  { rule: 'FLINK-AUTOSCALER-RANGE', version: '1.15', base: fd, breakIt: (d) => Object.assign(d.spec.flinkConfiguration, { 'job.autoscaler.enabled': 'true', 'job.autoscaler.utilization.target': '1.5' }), path: `${FC}/job.autoscaler.utilization.target`, operatorMessage: 'The AutoScalerOption job.autoscaler.utilization.target is invalid, it should be a value within the range [0.0, 1.0]' },
  { rule: 'FLINK-AUTOSCALER-METRICS-WINDOW', version: 'main', base: fd, breakIt: (d) => Object.assign(d.spec.flinkConfiguration, { 'job.autoscaler.enabled': 'true', 'job.autoscaler.metrics.window': '30 s' }), path: `${FC}/job.autoscaler.metrics.window` },
  { rule: 'BG-NAME', version: '1.15', base: bg, breakIt: (d) => (d.metadata.name = 'orders-'), path: '/metadata/name' },
  { rule: 'BG-NAME-LENGTH', version: '1.15', base: bg, breakIt: (d) => (d.metadata.name = 'a'.repeat(40)), path: '/metadata/name', message: /has 40 characters: at most 39/ },
  { rule: 'BG-APPLICATION-MODE', version: '1.15', base: bg, breakIt: (d) => delete d.spec.template.spec.job, path: `${T}/job` },
  { rule: 'BG-SAVEPOINT-DIR', version: '1.15', base: bg, breakIt: (d) => { d.spec.template.spec.job.upgradeMode = 'last-state'; delete d.spec.template.spec.flinkConfiguration['state.savepoints.dir']; }, path: `${TFC}/state.savepoints.dir` },
  { rule: 'BG-INGRESS-TEMPLATE', version: '1.15', base: bg, breakIt: (d) => (d.spec.ingress = { className: 'nginx' }), path: '/spec/ingress/template' },
  { rule: 'BG-CONFIG-STRING', version: '1.15', base: bg, breakIt: (d) => (d.spec.configuration['kubernetes.operator.bluegreen.deployment-deletion.delay'] = 10), path: '/spec/configuration/kubernetes.operator.bluegreen.deployment-deletion.delay' },
  { rule: 'BG-CONFIG-DURATION', version: '1.15', base: bg, breakIt: (d) => (d.spec.configuration['kubernetes.operator.bluegreen.abort.grace-period'] = 'PT10M'), path: '/spec/configuration/kubernetes.operator.bluegreen.abort.grace-period' },
  { rule: 'BG-CONFIG-UNKNOWN-KEY', version: '1.15', base: bg, breakIt: (d) => (d.spec.configuration['kubernetes.operator.bluegreen.abort.grace'] = '1 min'), path: '/spec/configuration/kubernetes.operator.bluegreen.abort.grace' },
  { rule: 'BG-TEMPLATE-METADATA', version: '1.15', base: bg, breakIt: (d) => (d.spec.template.metadata = { labels: { team: 'a' } }), path: '/spec/template/metadata/labels' },
  { rule: 'BG-SUSPENDED-INITIAL', version: '1.15', base: bg, breakIt: (d) => (d.spec.template.spec.job.state = 'suspended'), path: `${T}/job/state` },
  { rule: 'GATE-STRATEGY-MISSING', version: 'flip-504', base: advanced, breakIt: (d) => delete d.spec.template.spec.flinkConfiguration['bluegreen.gate.strategy'], path: `${TFC}/bluegreen.gate.strategy` },
  { rule: 'GATE-STRATEGY-VALUE', version: 'flip-504', base: advanced, breakIt: (d) => (d.spec.template.spec.flinkConfiguration['bluegreen.gate.strategy'] = 'watermark'), path: `${TFC}/bluegreen.gate.strategy`, operatorMessage: "[BlueGreen] Unknown gate strategy: 'watermark'. Supported values: WATERMARK" },
  { rule: 'GATE-EXTRACTOR-COUNT', version: 'flip-504', base: advanced, breakIt: (d) => (d.spec.template.spec.flinkConfiguration['bluegreen.gate.watermark.extractor-class'] = 'com.x.E'), path: `${TFC}/bluegreen.gate.watermark.extractor-class` },
  { rule: 'GATE-EXTRACTOR-FIELD-INDEX', version: 'flip-504', base: advanced, breakIt: (d) => { const c = d.spec.template.spec.flinkConfiguration; delete c['bluegreen.gate.watermark.field-path']; c['bluegreen.gate.watermark.field-index'] = '3'; }, path: `${TFC}/bluegreen.gate.watermark.field-index` },
  { rule: 'GATE-INJECTION-POSITION', version: 'flip-504', base: advanced, breakIt: (d) => (d.spec.template.spec.flinkConfiguration['bluegreen.gate.injection.position'] = 'AFTER_SINK'), path: `${TFC}/bluegreen.gate.injection.position` },
  { rule: 'GATE-INJECTION-ENABLED', version: 'flip-504', base: advanced, breakIt: (d) => (d.spec.template.spec.flinkConfiguration['bluegreen.gate.injection.enabled'] = 'yes'), path: `${TFC}/bluegreen.gate.injection.enabled` },
  { rule: 'GATE-TIMEOUT', version: 'flip-504', base: advanced, breakIt: (d) => (d.spec.configuration['kubernetes.operator.bluegreen.gate.timeout'] = '5 s'), path: '/spec/configuration/kubernetes.operator.bluegreen.gate.timeout' },
  { rule: 'GATE-STATELESS', version: 'flip-504', base: advanced, breakIt: (d) => (d.spec.template.spec.job.upgradeMode = 'stateless'), path: `${T}/job/upgradeMode` },
  { rule: 'GATE-NESTED-KEY', version: 'flip-504', base: advanced, breakIt: (d) => (d.spec.template.spec.flinkConfiguration['env'] = { java: { opts: { jobmanager: '-Xss2m' } } }), path: `${TFC}/env/java/opts/jobmanager`, message: /"env.java.opts.jobmanager"/ },
  { rule: 'GATE-RESERVED-KEY', version: 'flip-504', base: advanced, breakIt: (d) => (d.spec.template.spec.flinkConfiguration['bluegreen.configmap.name'] = 'x'), path: `${TFC}/bluegreen.configmap.name` },
  { rule: 'GATE-WIRING-COLLISION', version: 'flip-504', base: advanced, breakIt: (d) => (d.spec.template.spec.jobManager.podTemplate = { spec: { volumes: [{ name: 'bluegreen-agent', emptyDir: {} }] } }), path: `${T}/jobManager/podTemplate/spec/volumes/0` },
  { rule: 'GATE-KEYS-IGNORED', version: '1.15', base: bg, breakIt: (d) => (d.spec.template.spec.flinkConfiguration['bluegreen.gate.strategy'] = 'WATERMARK'), path: `${TFC}/bluegreen.gate.strategy` },
  { rule: 'WIRED-IDENTITY', version: '1.15', base: wired, breakIt: (d) => delete d.spec.flinkConfiguration['bluegreen.configmap.name'], path: `${FC}/bluegreen.configmap.name` },
  { rule: 'WIRED-INJECTION-ENABLED', version: '1.15', base: wired, breakIt: (d) => delete d.spec.flinkConfiguration['bluegreen.gate.injection.enabled'], path: `${FC}/bluegreen.gate.injection.enabled` },
  { rule: 'WIRED-AGENT-VOLUME', version: '1.15', base: wired, breakIt: (d) => (jmPod(d).volumes = []), path: '/spec/jobManager/podTemplate/spec/volumes' },
  { rule: 'WIRED-AGENT-INIT-CONTAINER', version: '1.15', base: wired, breakIt: (d) => jmPod(d).initContainers.push({ ...jmPod(d).initContainers[0] }), path: '/spec/jobManager/podTemplate/spec/initContainers/1' },
  { rule: 'WIRED-AGENT-MOUNT', version: '1.15', base: wired, breakIt: (d) => delete jmPod(d).containers[0].volumeMounts[0].subPath, path: '/spec/jobManager/podTemplate/spec/containers/0/volumeMounts/0' },
  { rule: 'WIRED-JAVAAGENT', version: '1.15', base: wired, breakIt: (d) => (d.spec.flinkConfiguration['env.java.opts.jobmanager'] = '-Xss2m'), path: `${FC}/env.java.opts.jobmanager` },
  { rule: 'WIRED-STATEFUL', version: '1.15', base: wired, breakIt: (d) => (d.spec.job.upgradeMode = 'stateless'), path: '/spec/job/upgradeMode' },
  { rule: 'GATE-POSITION-STATE', version: '1.15', base: wired, breakIt: (d) => (d.spec.flinkConfiguration['bluegreen.gate.injection.position'] = 'AFTER_SOURCE'), path: `${FC}/bluegreen.gate.injection.position`, message: /miss the records between the savepoint and T/ },
  { rule: 'GATE-POSITION-STATE', version: 'flip-504', base: advanced, breakIt: (d) => (d.spec.template.spec.flinkConfiguration['bluegreen.gate.injection.position'] = 'AFTER_SOURCE'), path: `${TFC}/bluegreen.gate.injection.position` },
  { rule: 'GATE-IDLE-SOURCES', version: '1.15', base: wired, breakIt: (d) => (d.spec.flinkConfiguration['table.exec.source.idle-timeout'] = '30 s'), path: `${FC}/table.exec.source.idle-timeout`, message: /records of idle|idle subtask/ },
  { rule: 'POD-DUPLICATE-NAME', version: '1.15', base: fd, breakIt: (d) => (d.spec.taskManager.podTemplate = { spec: { initContainers: [{ name: 'sidecar' }], containers: [{ name: 'flink-main-container' }, { name: 'sidecar' }] } }), path: '/spec/taskManager/podTemplate/spec/containers/1/name', message: /named "sidecar" like initContainers\[0\]: Kubernetes requires unique container names in a pod \(init containers included\)/ },
  { rule: 'RUNTIME-JAVA17', version: 'flip-504', base: advanced, breakIt: (d) => (d.spec.template.spec.image = 'flink:1.20'), path: `${T}/image` },
  // Pod templates as the operator merges them (FlinkUtils.mergePodTemplates, positional by default)
  { rule: 'POD-MERGE-OVERWRITE', version: '1.15', base: fd, breakIt: (d) => { d.spec.podTemplate = { spec: { containers: [{ name: 'log-shipper', image: 'x:1' }] } }; d.spec.jobManager.podTemplate = { spec: { containers: [{ name: 'flink-main-container', env: [{ name: 'A', value: 'b' }] }] } }; }, path: '/spec/podTemplate/spec/containers/0', message: /"log-shipper" is lost/ },
  { rule: 'POD-DUPLICATE-NAME', version: '1.15', base: fd, breakIt: (d) => (d.spec.podTemplate = { spec: { initContainers: [{ name: 'a', image: 'x:1' }], containers: [{ name: 'a', image: 'x:1' }] } }), path: '/spec/podTemplate/spec/containers/0/name' },
  { rule: 'POD-MAIN-CONTAINER', version: '1.15', base: fd, breakIt: (d) => (d.spec.podTemplate = { spec: { containers: [{ name: 'flink-main-container' }, { name: 'flink-main-container' }] } }), path: '/spec/podTemplate/spec/containers/0' },
  { rule: 'POD-VOLUME-NOT-FOUND', version: '1.15', base: fd, breakIt: (d) => (d.spec.podTemplate = { spec: { containers: [{ name: 'flink-main-container', volumeMounts: [{ name: 'logs', mountPath: '/opt/flink/log' }] }] } }), path: '/spec/podTemplate/spec/containers/0/volumeMounts/0/name', message: /Not found: "logs"/ },
  { rule: 'POD-VOLUME-SOURCE', version: '1.15', base: fd, breakIt: (d) => { d.spec.podTemplate = { spec: { volumes: [{ name: 'a', emptyDir: {} }] } }; d.spec.jobManager.podTemplate = { spec: { volumes: [{ name: 'b', configMap: { name: 'c' } }] } }; }, path: '/spec/jobManager/podTemplate/spec/volumes/0' },
  // What Flink itself refuses (FlinkConfMountDecorator, HighAvailabilityServicesUtils, MemorySize)
  { rule: 'FLINK2-OVERLAPPING-KEYS', version: '1.15', base: fd, breakIt: (d) => { d.spec.flinkVersion = 'v2_0'; Object.assign(d.spec.flinkConfiguration, { 'env.java.opts': '-Da', 'env.java.opts.taskmanager': '-Db' }); }, path: `${FC}/env.java.opts`, operatorMessage: 'Overlapping key prefixes detected (env.java.opts -> env.java.opts.taskmanager), please replace with Flink v2 compatible, non-deprecated keys.' },
  { rule: 'FLINK2-RENAMED-KEY', version: '1.15', base: fd, breakIt: (d) => { d.spec.flinkVersion = 'v2_1'; d.spec.flinkConfiguration['state.backend'] = 'rocksdb'; }, path: `${FC}/state.backend`, message: /reads "state.backend.type"/ },
  { rule: 'FLINK-HA-STORAGE-DIR', version: '1.15', base: fd, breakIt: (d) => (d.spec.flinkConfiguration['high-availability.type'] = 'kubernetes'), path: `${FC}/high-availability.type`, operatorMessage: 'Configuration is missing the mandatory parameter: high-availability.storageDir' },
  { rule: 'FLINK-MEMORY-SIZE-CONFIG', version: '1.15', base: fd, breakIt: (d) => (d.spec.flinkConfiguration['taskmanager.memory.managed.size'] = '1.5g'), path: `${FC}/taskmanager.memory.managed.size` },
  { rule: 'FLINK-MEMORY-NO-UNIT', version: '1.15', base: fd, breakIt: (d) => (d.spec.jobManager.resource.memory = '2048'), path: '/spec/jobManager/resource/memory', message: /2048 bytes/ },
  { rule: 'FLINK-AUTOSCALER-EXCLUDED-PERIODS', version: '1.15', base: fd, breakIt: (d) => Object.assign(d.spec.flinkConfiguration, { 'job.autoscaler.enabled': 'true', 'job.autoscaler.excluded.periods': '* * 9-11 * * ?;* * * * * *' }), path: `${FC}/job.autoscaler.excluded.periods`, operatorMessage: 'Invalid value * * * * * * in the autoscaler config job.autoscaler.excluded.periods, the value is neither a valid daily expression nor a valid cron expression' },
  { rule: 'BG-CHILD-INGRESS', version: '1.15', base: bg, breakIt: (d) => (d.spec.template.spec.ingress = { className: 'nginx' }), path: `${T}/ingress/template`, message: /"blue-null"/ },
  { rule: 'FLINK-DURATION-CONFIG', version: '1.15', base: fd, breakIt: (d) => (d.spec.flinkConfiguration['execution.checkpointing.interval'] = 'PT10S'), path: `${FC}/execution.checkpointing.interval`, message: /not a Flink duration/ },
  { rule: 'FLINK-TASK-SLOTS', version: '1.15', base: fd, breakIt: (d) => (d.spec.flinkConfiguration['taskmanager.numberOfTaskSlots'] = '0'), path: `${FC}/taskmanager.numberOfTaskSlots` },
];

describe('one case per rule', () => {
  for (const c of CASES) {
    it(`${c.rule}: the clean document passes, the broken one reports it at ${c.path}`, () => {
      expect(check(c.base(), c.version).filter((f) => f.rule === c.rule)).toEqual([]);
      const d = c.base();
      c.breakIt(d);
      const got = check(d, c.version);
      const hits = got.filter((f) => f.rule === c.rule);
      expect(hits.map((f) => f.path)).toContain(c.path);
      // Exactly this rule: no other error appears (warnings may).
      const otherErrors = got.filter((f) => f.severity === 'error' && f.rule !== c.rule);
      expect(otherErrors).toEqual([]);
      const hit = hits.find((f) => f.path === c.path)!;
      if (c.message) expect(hit.message).toMatch(c.message);
      if (c.operatorMessage) expect(hit.operatorMessage).toBe(c.operatorMessage);
      expect(hit.fix.length).toBeGreaterThan(5);
    });
  }

  it('covers every rule in the catalogue that can be broken by a document', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    const always = ['RUNTIME-WATERMARKS', 'RUNTIME-SINGLE-SOURCE-SINK', 'RUNTIME-CLIENT-LIBRARY'];
    const cliOnly = ['DOC-NOT-OBJECT', 'DOC-NO-KIND', 'SCHEMA-INVALID'];
    // Always together with POD-MAIN-CONTAINER (the merge keeps the agent's names); covered in test/pod-templates.
    cliOnly.push('POD-AGENT-WIRING-LOST');
    // Needs a document checked without an explicit version: target-version.test.ts.
    cliOnly.push('TARGET-OPERATOR-VERSION');
    // Covered one by one in suppression.test.ts.
    const suppression = ['SUPPRESSION-REASON', 'SUPPRESSION-UNKNOWN-RULE', 'SUPPRESSION-NOT-ALLOWED'];
    // Covered rule by rule (flagged and not flagged) in security.test.ts.
    const security = RULES.map((r) => r.id).filter((id) => id.startsWith('SEC-'));
    // Judged across documents (one job's two targets): covered in gate-targets.test.ts.
    const crossTarget = ['GATE-CONFIGMAP-MISMATCH', 'GATE-SAVEPOINT-LOCAL'];
    expect(security).toHaveLength(6);
    // FlinkSessionJob, FlinkStateSnapshot and unknown kinds: covered rule by rule in other-kinds.test.ts.
    const otherKinds = RULES.map((r) => r.id).filter((id) => /^(SESSIONJOB-|SNAPSHOT-|FLINK-UNKNOWN-KIND$)/.test(id));
    // Covered rule by rule (valid and invalid, validate and synth) in metadata.test.ts.
    const metadata = RULES.map((r) => r.id).filter((id) => id.startsWith('META-'));
    expect(metadata).toHaveLength(6);
    const missing = RULES.map((r) => r.id).filter(
      (id) => !covered.has(id) && !always.includes(id) && !cliOnly.includes(id) && !suppression.includes(id) && !security.includes(id) && !otherKinds.includes(id) && !crossTarget.includes(id) && !metadata.includes(id),
    );
    expect(missing).toEqual([]);
  });

  it('catalogue: unique ids, versions are known ids', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) for (const v of r.versions) expect(OPERATOR_VERSION_IDS).toContain(v);
  });
});

describe('version differences', () => {
  it('resources count as memory on main but are pruned on 1.14/1.15', () => {
    const d = fd();
    delete d.spec.jobManager.resource;
    d.spec.jobManager.resources = { requests: { memory: '2Gi', cpu: '1' } };
    expect(errors(d, 'main')).toEqual([]);
    for (const v of ['1.14', '1.15'] as const) {
      expect(errors(d, v).map((f) => f.rule).sort()).toEqual(['FLINK-JM-MEMORY', 'SCHEMA-UNKNOWN-FIELD']);
    }
  });

  it('transitionMode is an unknown field except on flip-504', () => {
    for (const v of ['1.14', '1.15', 'main'] as const) {
      const f = errors(advanced(), v);
      expect(f.map((x) => [x.rule, x.path])).toContainEqual(['SCHEMA-UNKNOWN-FIELD', '/spec/transitionMode']);
    }
    expect(errors(advanced(), 'flip-504')).toEqual([]);
  });

  it('the metrics-window rule exists only on main and flip-504', () => {
    const d = fd();
    Object.assign(d.spec.flinkConfiguration, { 'job.autoscaler.enabled': 'true', 'job.autoscaler.metrics.window': '30 s' });
    expect(errors(d, '1.15')).toEqual([]);
    expect(errors(d, 'flip-504').map((f) => f.rule)).toEqual(['FLINK-AUTOSCALER-METRICS-WINDOW']);
  });

  it('v2_3 is outside the 1.15 CRD enum but fine on main', () => {
    const d = fd();
    d.spec.flinkVersion = 'v2_3';
    expect(errors(d, '1.15').map((f) => f.rule)).toEqual(['SCHEMA-ENUM']);
    expect(errors(d, 'main')).toEqual([]);
  });
});

describe('flinkConfiguration', () => {
  it('nested YAML is flattened like the operator does (savepoint dir found, pointer per level)', () => {
    const d = fd();
    d.spec.flinkConfiguration = { state: { 'checkpoints.dir': 's3://b/cp', savepoints: { dir: 's3://b/sp' } }, 'kubernetes': { namespace: 'x' } };
    const f = errors(d);
    expect(f.map((x) => [x.rule, x.path])).toEqual([['FLINK-FORBIDDEN-CONFIG-KEY', '/spec/flinkConfiguration/kubernetes/namespace']]);
  });

  it('accepts the Flink 2 key names for checkpoint and savepoint directories', () => {
    const d = fd();
    d.spec.flinkConfiguration = { 'execution.checkpointing.dir': 's3://a', 'execution.checkpointing.savepoint-dir': 's3://b' };
    expect(errors(d)).toEqual([]);
  });

  it('legacy high-availability key enables HA for JM replicas', () => {
    const d = fd();
    d.spec.jobManager.replicas = 2;
    d.spec.flinkConfiguration['high-availability'] = 'kubernetes';
    d.spec.flinkConfiguration['high-availability.storageDir'] = 's3://b/ha';
    expect(errors(d)).toEqual([]);
    d.spec.flinkConfiguration['high-availability'] = 'NONE';
    expect(errors(d).map((f) => f.rule)).toEqual(['FLINK-JM-HA']);
  });

  it('memory derivable from Flink config satisfies the memory rule', () => {
    const d = fd();
    delete d.spec.jobManager.resource.memory;
    d.spec.flinkConfiguration['jobmanager.memory.process.size'] = '1600m';
    expect(errors(d)).toEqual([]);
  });

  it('nested bluegreen map in an ADVANCED template: flat key in the fix, strategy counted missing', () => {
    const d = advanced();
    const c = d.spec.template.spec.flinkConfiguration;
    delete c['bluegreen.gate.strategy'];
    delete c['bluegreen.gate.watermark.field-path'];
    c.bluegreen = { gate: { strategy: 'WATERMARK', watermark: { 'field-path': 'eventTime' } } };
    const f = errors(d, 'flip-504');
    expect(f.map((x) => x.rule).sort()).toEqual(['GATE-NESTED-KEY', 'GATE-NESTED-KEY', 'GATE-STRATEGY-MISSING']);
    const nested = f.find((x) => x.path === `${TFC}/bluegreen/gate/strategy`)!;
    expect(nested.fix).toBe('write it as one flat key: "bluegreen.gate.strategy": "WATERMARK"');
  });
});

describe('all at once', () => {
  it('a document with many mistakes reports every one', () => {
    const d = fd();
    d.metadata.name = 'Bad';
    delete d.spec.flinkVersion;
    delete d.spec.serviceAccount;
    d.spec.job.parallelism = 'two';
    d.spec.flinkConfiguration['kubernetes.namespace'] = 'x';
    d.spec.logConfiguration = { 'x.properties': '' };
    d.spec.jobManager.replicas = 2;
    delete d.spec.flinkConfiguration['state.savepoints.dir'];
    const rules = errors(d).map((f) => f.rule).sort();
    expect(rules).toEqual([
      'FLINK-FORBIDDEN-CONFIG-KEY', 'FLINK-JM-HA', 'FLINK-LOG-CONFIG-KEY', 'FLINK-NAME', 'FLINK-SAVEPOINT-DIR',
      'FLINK-SERVICE-ACCOUNT', 'FLINK-VERSION-MISSING', 'SCHEMA-TYPE',
    ]);
  });

  it('never throws on junk', () => {
    for (const junk of [null, 1, 'x', [], {}, { kind: 'FlinkDeployment' }, { kind: 'FlinkBlueGreenDeployment', apiVersion: 'flink.apache.org/v1beta1', spec: 5 },
      { kind: 'FlinkDeployment', apiVersion: 'flink.apache.org/v1beta1', metadata: [], spec: { job: [], jobManager: 'x', flinkConfiguration: [1] } }]) {
      expect(() => check(junk)).not.toThrow();
    }
    expect(check({ kind: 'ConfigMap', apiVersion: 'v1' })).toEqual([]);
    expect(check({ kind: 'FlinkDeployment', apiVersion: 'example.com/v1' })).toEqual([]);
  });
});
