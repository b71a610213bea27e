/**
 * Annotation naming the cluster an object is for. Set on every object of a colour that targets a
 * named cluster; the Kustomize writer groups output by it (`clusters/<name>/…`).
 */
export const CLUSTER_ANNOTATION = 'flink.bluegreen/cluster';
