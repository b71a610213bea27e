/**
 * Every check of the operator's `DefaultValidator` (and the validators it calls), read at
 * apache/flink-kubernetes-operator main 6e9caeb4, with the rule that mirrors it or why none does.
 * `docs/rules.md` is generated from this list and the rule catalogue (`npm run docs:rules`); a test
 * fails when a rule id named here is not in the catalogue or the document is stale.
 */
export interface OperatorCheck {
  /** The operator method, e.g. `DefaultValidator.validateIngress`. */
  readonly method: string;
  /** What it checks, in a few words. */
  readonly check: string;
  /** Our rule ids for it (validate/synth), or plan's danger for checks against the last reconciled spec. */
  readonly rules: readonly string[];
  /** Why no rule mirrors it (empty when `rules` is set). */
  readonly why?: string;
}

const FD = 'DefaultValidator';

export const OPERATOR_CHECKS: readonly OperatorCheck[] = [
  { method: `${FD}.validateDeploymentName`, check: 'FlinkDeployment name pattern and length ≤ 45', rules: ['FLINK-NAME', 'BG-NAME', 'BG-NAME-LENGTH'] },
  { method: `${FD}.validateFlinkVersion`, check: 'flinkVersion set', rules: ['FLINK-VERSION-MISSING'] },
  { method: `${FD}.validateFlinkVersion`, check: 'flinkVersion supported (v1_15+)', rules: ['FLINK-VERSION-UNSUPPORTED'] },
  { method: `${FD}.validateFlinkVersion`, check: 'no flinkVersion change after a last-state suspend', rules: [], why: 'needs the last reconciled spec: `plan` reports it as a danger between the two manifests' },
  { method: `${FD}.validateFlinkDeploymentConfig`, check: 'forbidden keys kubernetes.namespace, kubernetes.cluster-id, high-availability.cluster-id', rules: ['FLINK-FORBIDDEN-CONFIG-KEY'] },
  { method: `${FD}.validateFlinkDeploymentConfig`, check: 'rollback needs HA', rules: ['FLINK-ROLLBACK-REQUIRES-HA'] },
  { method: `${FD}.validateFlinkDeploymentConfig`, check: 'health check needs JobManager deployment recovery', rules: ['FLINK-HEALTH-CHECK-REQUIRES-RECOVERY'] },
  { method: `${FD}.validateIngress`, check: 'ingress template set', rules: ['FLINK-INGRESS-TEMPLATE', 'BG-INGRESS-TEMPLATE', 'BG-CHILD-INGRESS'] },
  { method: `${FD}.validateIngress / IngressUtils.getIngressUrl`, check: 'template forms a java.net.URL (blue/green child: after the blue-/green- prefix)', rules: ['FLINK-INGRESS-URL'] },
  { method: `${FD}.validateLogConfig`, check: 'logConfiguration keys', rules: ['FLINK-LOG-CONFIG-KEY'] },
  { method: `${FD}.validateJobSpec`, check: 'checkpoint dir for last-state/savepoint', rules: ['FLINK-CHECKPOINT-DIR'] },
  { method: `${FD}.validateJobSpec`, check: 'savepoint dir for savepoint upgrades, savepointTriggerNonce, periodic savepoints, max checkpoint age', rules: ['FLINK-SAVEPOINT-DIR'] },
  { method: `${FD}.validateJobSpec`, check: 'parallelism ≥ 1 unless taskManager.replicas; replicas ≥ 1', rules: ['FLINK-PARALLELISM', 'FLINK-TM-REPLICAS'] },
  { method: `${FD}.validateJarURI`, check: 'FlinkSessionJob jarURI scheme allowlist, host resolution', rules: [], why: 'FlinkSessionJob is not a kind this branch validates (other Flink kinds: issue 15)' },
  { method: `${FD}.validateJmSpec / validateJmMemoryConfig`, check: 'JobManager memory defined (spec or Flink memory options)', rules: ['FLINK-JM-MEMORY'] },
  { method: `${FD}.validateJmReplicas`, check: 'JobManager replicas ≥ 1; > 1 needs HA', rules: ['FLINK-JM-REPLICAS', 'FLINK-JM-HA'] },
  { method: `${FD}.validateTmSpec / validateTmMemoryConfig`, check: 'TaskManager memory defined', rules: ['FLINK-TM-MEMORY'] },
  { method: `${FD}.validateTmReplicas`, check: 'TaskManager replicas ≥ 1', rules: ['FLINK-TM-REPLICAS'] },
  { method: `${FD}.validateResources`, check: 'resource.memory and ephemeralStorage parse', rules: ['FLINK-MEMORY-PARSE', 'FLINK-EPHEMERAL-STORAGE-PARSE'] },
  { method: `${FD}.validateResourceRequirements`, check: 'resources quantities positive / non-negative, request ≤ limit (main+)', rules: ['FLINK-RESOURCES-QUANTITY', 'FLINK-RESOURCES-REQUEST-ABOVE-LIMIT'] },
  { method: `${FD}.validateSpecChange`, check: 'no switch between session and job cluster, native and standalone', rules: [], why: 'needs the last reconciled spec: `plan` reports it as a danger between the two manifests' },
  { method: `${FD}.validateSpecChange`, check: 'savepointRedeployNonce change needs initialSavepointPath', rules: [], why: 'needs the last reconciled spec: `plan` reports it (for FlinkDeployment; a blue/green child is created anew, see plan)' },
  { method: `${FD}.validateServiceAccount`, check: 'serviceAccount set', rules: ['FLINK-SERVICE-ACCOUNT'] },
  { method: 'AutoscalerValidator.validateAutoscalerOptions', check: 'autoscaler option ranges', rules: ['FLINK-AUTOSCALER-RANGE'] },
  { method: 'CalendarUtils.validateExcludedPeriods', check: 'job.autoscaler.excluded.periods expressions', rules: ['FLINK-AUTOSCALER-EXCLUDED-PERIODS'] },
  { method: `${FD}.validateMetricsWindow`, check: 'metrics window ≥ reconcile interval (main+)', rules: ['FLINK-AUTOSCALER-METRICS-WINDOW'] },
  { method: `${FD}.validateSessionJob*`, check: 'FlinkSessionJob: deployment name, job not empty, session cluster exists and is not an application cluster, cluster id, no deploymentName change', rules: [], why: 'FlinkSessionJob is not a kind this branch validates (other Flink kinds: issue 15); the cluster checks need the live session cluster' },
  { method: `${FD}.validateStateSnapshot`, check: 'FlinkStateSnapshot job reference and path', rules: [], why: 'FlinkStateSnapshot is not a kind this branch validates (other Flink kinds: issue 15)' },
];
