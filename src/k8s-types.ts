/**
 * The few Kubernetes API shapes the gate ConfigMap and gate RBAC objects are built from, written
 * out here instead of imported from cdk8s-plus: a type-only dependency on cdk8s-plus would still
 * have to be installed by every user whose compiler reads our declarations. Field names and
 * meanings follow the Kubernetes API reference (core/v1 ObjectMeta, ConfigMap; rbac/v1 Role,
 * RoleBinding); only the fields we emit are declared.
 */

/** `metadata` of the objects we emit (k8s.io/apimachinery ObjectMeta, subset). */
export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/** rbac.authorization.k8s.io/v1 PolicyRule. */
export interface PolicyRule {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly resourceNames?: string[];
  readonly verbs: string[];
}

/** rbac.authorization.k8s.io/v1 RoleRef. */
export interface RoleRef {
  readonly apiGroup: string;
  readonly kind: 'Role' | 'ClusterRole';
  readonly name: string;
}

/** rbac.authorization.k8s.io/v1 Subject. */
export interface Subject {
  readonly apiGroup?: string;
  readonly kind: 'ServiceAccount' | 'User' | 'Group';
  readonly name: string;
  readonly namespace?: string;
}

/** The body of a Role (everything but apiVersion/kind/metadata). */
export interface RoleBody {
  readonly rules: PolicyRule[];
}

/** The body of a RoleBinding. */
export interface RoleBindingBody {
  readonly roleRef: RoleRef;
  readonly subjects: Subject[];
}

/** The body of a ConfigMap. */
export interface ConfigMapBody {
  readonly data?: Record<string, string>;
  readonly immutable?: boolean;
}
