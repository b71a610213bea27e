/**
 * The Kubernetes objects around a job that are not Flink's: the gate ConfigMap and the gate RBAC.
 *
 * They are plain `ApiObject`s typed with our own minimal Kubernetes API shapes (`k8s-types.ts`:
 * cdk8s-plus is not a dependency of the package, not even for types). The cdk8s-plus
 * constructs are not used: a `Role` with its `ConfigMap`/`ServiceAccount` references
 * is seven constructs where two objects are emitted, and cdk8s 2.70 walks the whole construct
 * tree once per chart it writes, so on a fleet of one chart per job the construct count, not the
 * output, set the synthesis time (bench/README.md); loading cdk8s-plus also cost ~130 ms per run.
 * Flink pod templates never went through cdk8s-plus either: its pod defaults (no service-account
 * token, read-only root filesystem, default resources) break Flink and the gate.
 */
import { ApiObject } from 'cdk8s';
import { PlainApiObject } from './plain-api-object';
import { Construct } from 'constructs';
import { GATE_CONFIGMAP_VERBS } from './gate-configmap';
import type { ConfigMapBody, ObjectMeta, RoleBindingBody, RoleBody } from './k8s-types';

export interface ConfigMapAccessProps {
  /** Name of the Role and of the RoleBinding. */
  readonly name: string;
  readonly namespace?: string;
  /** The ConfigMap the job may use, and nothing else. */
  readonly configMapName: string;
  /**
   * The job pods' service accounts: one, or two while a cutover runs the colours under
   * different accounts (each colour's gate must read the ConfigMap).
   */
  readonly serviceAccounts: readonly string[];
  /** Namespace of the service accounts (the job's). */
  readonly serviceAccountNamespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}


const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1';

function objectMeta(name: string, namespace?: string, labels?: Readonly<Record<string, string>>, annotations?: Readonly<Record<string, string>>): ObjectMeta {
  return {
    ...(labels && Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}),
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
    name,
    ...(namespace ? { namespace } : {}),
  };
}

/** The gate's Role: the gate verbs on one ConfigMap by `resourceNames`. */
export function gateRole(props: ConfigMapAccessProps): RoleBody {
  return {
    rules: [{ apiGroups: [''], resourceNames: [props.configMapName], resources: ['configmaps'], verbs: [...GATE_CONFIGMAP_VERBS] }],
  };
}

/** Binds the gate Role to every account the job's pods run under (sorted, each once). */
export function gateRoleBinding(props: ConfigMapAccessProps): RoleBindingBody {
  const namespace = props.serviceAccountNamespace ?? props.namespace;
  return {
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: props.name },
    subjects: [...new Set(props.serviceAccounts)].sort().map((name) => ({ apiGroup: '', kind: 'ServiceAccount', name, ...(namespace ? { namespace } : {}) })),
  };
}

/** A Role allowing the gate verbs on one ConfigMap, bound to the job's service account(s). */
export class ConfigMapAccess extends Construct {
  public readonly role: ApiObject;
  public readonly binding: ApiObject;

  constructor(scope: Construct, id: string, props: ConfigMapAccessProps) {
    super(scope, id);
    const metadata = objectMeta(props.name, props.namespace, props.labels, props.annotations);
    this.role = new PlainApiObject(this, 'Role', { apiVersion: RBAC_API_VERSION, kind: 'Role', metadata, ...gateRole(props) });
    this.binding = new PlainApiObject(this, 'RoleBinding', { apiVersion: RBAC_API_VERSION, kind: 'RoleBinding', metadata, ...gateRoleBinding(props) });
  }
}

export interface DataConfigMapProps {
  readonly name: string;
  readonly namespace?: string;
  readonly data: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * A plain ConfigMap with exactly the given data, explicitly mutable (`immutable: false`): the
 * gate and the operator update it during every transition.
 */
export function dataConfigMap(scope: Construct, id: string, props: DataConfigMapProps): ApiObject {
  const body: ConfigMapBody = { data: { ...props.data }, immutable: false };
  return new PlainApiObject(scope, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: objectMeta(props.name, props.namespace, props.labels, props.annotations), ...body });
}
