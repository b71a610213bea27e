export * from './argocd';
export * from './flux';
export * from './gate-configmap';
export * from './kinds';
