import { OperatorVersion, type OperatorVersionId } from '../../src/operator-version';
import { validateDocument, type Finding } from '../../src/validation';

export type Doc = Record<string, any>;

/** A FlinkDeployment that is clean on every operator version. */
export function fd(): Doc {
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkDeployment',
    metadata: { name: 'orders', namespace: 'flink' },
    spec: {
      image: 'flink:1.20-java17',
      flinkVersion: 'v1_20',
      serviceAccount: 'flink',
      flinkConfiguration: {
        'state.checkpoints.dir': 's3://b/cp',
        'state.savepoints.dir': 's3://b/sp',
      },
      jobManager: { resource: { memory: '2048m', cpu: 1 } },
      taskManager: { resource: { memory: '2Gi', cpu: 1 } },
      job: { jarURI: 'local:///opt/flink/job.jar', parallelism: 2, upgradeMode: 'savepoint' },
    },
  };
}

/** A FlinkBlueGreenDeployment that is clean on every operator version. */
export function bg(): Doc {
  const t = fd();
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkBlueGreenDeployment',
    metadata: { name: 'orders' },
    spec: {
      configuration: { 'kubernetes.operator.bluegreen.deployment-deletion.delay': '10 s' },
      template: { spec: t.spec },
    },
  };
}

/** An ADVANCED blue/green deployment clean on flip-504. */
export function advanced(): Doc {
  const d = bg();
  d.spec.transitionMode = 'ADVANCED';
  d.spec.template.spec.flinkConfiguration['bluegreen.gate.strategy'] = 'WATERMARK';
  d.spec.template.spec.flinkConfiguration['bluegreen.gate.watermark.field-path'] = 'eventTime';
  return d;
}

/** A manifest-wired gate FlinkDeployment (the job carries the agent itself), clean on all versions. */
export function wired(): Doc {
  const d = fd();
  Object.assign(d.spec.flinkConfiguration, {
    'bluegreen.gate.injection.enabled': 'true',
    'bluegreen.gate.strategy': 'WATERMARK',
    'bluegreen.gate.watermark.field-path': 'eventTime',
    'bluegreen.active-deployment-type': 'BLUE',
    'bluegreen.configmap.name': 'orders-configmap',
    'env.java.opts.jobmanager': '-Xss2m -javaagent:/opt/flink/lib/bluegreen-agent.jar',
  });
  d.spec.jobManager.podTemplate = {
    spec: {
      volumes: [{ name: 'bluegreen-agent', emptyDir: {} }],
      initContainers: [
        {
          name: 'bluegreen-agent-init',
          image: 'ghcr.io/apache/flink-kubernetes-operator:1.17',
          command: ['sh', '-c', 'cp /opt/flink/artifacts/bluegreen-agent.jar /bluegreen-agent/bluegreen-agent.jar'],
          volumeMounts: [{ name: 'bluegreen-agent', mountPath: '/bluegreen-agent' }],
        },
      ],
      containers: [
        {
          name: 'flink-main-container',
          volumeMounts: [{ name: 'bluegreen-agent', mountPath: '/opt/flink/lib/bluegreen-agent.jar', subPath: 'bluegreen-agent.jar' }],
        },
      ],
    },
  };
  return d;
}

export function check(doc: unknown, version: OperatorVersionId = '1.15'): Finding[] {
  return validateDocument(doc, { operatorVersion: OperatorVersion.of(version) });
}

export function errors(doc: unknown, version: OperatorVersionId = '1.15'): Finding[] {
  return check(doc, version).filter((f) => f.severity === 'error');
}
