/**
 * The one module that uses cdk8s-plus, so a move to a newer cdk8s-plus is one change here.
 * Only RBAC and ConfigMaps go through it; Flink pod templates never do, because cdk8s-plus
 * pod defaults (no service-account token, read-only root filesystem, default resources) break
 * Flink and the gate.
 */
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';

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
  /** Namespace of the service account (the job's). */
  readonly serviceAccountNamespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** The verbs the gate uses: GET, an informer (list + watch on one name) and a whole-object UPDATE. */
export const GATE_CONFIGMAP_VERBS = ['get', 'list', 'watch', 'update'] as const;

/**
 * A Role allowing the gate verbs on one ConfigMap by `resourceNames`, bound to the job's service account.
 */
export class ConfigMapAccess extends Construct {
  public readonly role: kplus.Role;
  public readonly binding: kplus.RoleBinding;

  constructor(scope: Construct, id: string, props: ConfigMapAccessProps) {
    super(scope, id);
    const metadata = { name: props.name, namespace: props.namespace, labels: { ...(props.labels ?? {}) } };
    this.role = new kplus.Role(this, 'Role', { metadata });
    const configMap = kplus.ConfigMap.fromConfigMapName(this, 'ConfigMapRef', props.configMapName);
    this.role.allow([...GATE_CONFIGMAP_VERBS], configMap);
    this.binding = new kplus.RoleBinding(this, 'RoleBinding', { metadata, role: this.role });
    [...new Set(props.serviceAccounts)].forEach((account, i) =>
      this.binding.addSubjects(
        kplus.ServiceAccount.fromServiceAccountName(this, i === 0 ? 'ServiceAccountRef' : `ServiceAccountRef${i + 1}`, account, {
          namespaceName: props.serviceAccountNamespace ?? props.namespace,
        }),
      ),
    );
  }
}

export interface DataConfigMapProps {
  readonly name: string;
  readonly namespace?: string;
  readonly data: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A plain, mutable ConfigMap with exactly the given data. */
export class DataConfigMap extends Construct {
  public readonly configMap: kplus.ConfigMap;

  constructor(scope: Construct, id: string, props: DataConfigMapProps) {
    super(scope, id);
    this.configMap = new kplus.ConfigMap(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: { ...(props.labels ?? {}) }, annotations: { ...(props.annotations ?? {}) } },
      data: { ...props.data },
    });
  }
}
