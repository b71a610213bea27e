export * from './argocd';
export * from './flux';
export { CutoverMode, GitOpsTool, gateRuntimeKeys, gateRuntimeJsonPointers, GateAnnotationOptions, gateConfigMapAnnotations } from './gate-configmap';
export * from './kinds';
export * from './clusters';
