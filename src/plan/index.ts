/** `plan`: predict the Flink Kubernetes Operator's reaction to a change of manifests. */
export * from './impact';
export { diffFields, pointer, escapeToken, deepEqual, type FieldChange } from './diff-fields';
export { flattenFlinkConfiguration, configKeyDiffType, type DeploymentMode } from './flink-config';
export { diffFlinkDeploymentSpec, classifyFlinkDeployment, specsEqual, type SpecDiffResult } from './flink-deployment-diff';
export { classifyBlueGreen } from './blue-green-diff';
export { updateDangers, deleteDangers, stateBackendName } from './dangers';
export { flinkObjects, objectKey, type ManifestObject } from './manifest';
export { detectRenames, similarity, type RenamePair } from './rename';
export { compareObject, planChanges, impactsOf, isUnchanged, DURING_TRANSITION_NOTE, type Plan, type PlanOptions, type GateConfigMapChange } from './plan';
export { pruneForOperator } from './prune';
export { loadFromPaths, loadFromGit } from './sources';
export { formatText } from './format/text';
export { formatJson } from './format/json';
export { formatMarkdown } from './format/markdown';
