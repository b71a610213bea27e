/**
 * SEC-BROAD-GATE-ROLE: the RBAC that lets a gate job use its ConfigMap grants more than that.
 *
 * This needs the whole input: the gate ConfigMap names come from the Flink objects, the grants from
 * Roles and ClusterRoles elsewhere. Only RBAC *for the gate* is judged: a (Cluster)Role that names
 * a gate ConfigMap in `resourceNames`, or is named `<job>-bluegreen-gate` as ours are. The job's
 * service account usually also holds Flink's own Role (pods, services, ConfigMaps for HA), which
 * is legitimately broad and must not be flagged, so being bound to the job's account is not enough.
 */
import { GATE_CONFIGMAP_VERBS, gateConfigMapName } from '../../gate-configmap';
import { OperatorVersion } from '../../operator-version';
import { obj, specContext } from '../context';
import { pointer, type Finding } from '../finding';
import { isRecord } from '../flink-config';
import { finding, show } from '../rule';
import { injectionValue } from './gate';
import { isGateJob } from './manifest-wiring';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const GATE_ROLE_SUFFIX = '-bluegreen-gate';

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The gate ConfigMap names the Flink objects of the input use. */
export function gateConfigMapNames(docs: readonly unknown[]): Set<string> {
  const names = new Set<string>();
  for (const doc of docs) {
    if (!isRecord(doc) || doc.apiVersion !== 'flink.apache.org/v1beta1') continue;
    const name = str(obj(doc.metadata)?.name);
    const spec = obj(doc.spec);
    if (doc.kind === 'FlinkDeployment' && spec) {
      const ctx = specContext(spec, ['spec'], name, undefined, OperatorVersion.DEFAULT, false);
      const cm = ctx.conf.values.get('bluegreen.configmap.name');
      if (isGateJob(ctx) && injectionValue(ctx) !== undefined && cm) names.add(cm);
    } else if (doc.kind === 'FlinkBlueGreenDeployment' && spec?.transitionMode === 'ADVANCED' && name) {
      names.add(gateConfigMapName(name));
    }
  }
  return names;
}

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function isGateRole(doc: Record<string, unknown>, gateConfigMaps: ReadonlySet<string>): boolean {
  const name = str(obj(doc.metadata)?.name) ?? '';
  if (name.endsWith(GATE_ROLE_SUFFIX)) return true;
  const rules = Array.isArray(doc.rules) ? doc.rules : [];
  return rules.some((r) => isRecord(r) && list(r.resourceNames).some((n) => gateConfigMaps.has(n)));
}

/** What one rule grants beyond the gate's needs, in words; empty when it grants nothing more. */
function excess(rule: Record<string, unknown>, gateConfigMaps: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const groups = list(rule.apiGroups);
  const resources = list(rule.resources);
  const verbs = list(rule.verbs);
  const names = list(rule.resourceNames);
  if (groups.some((g) => g !== '')) out.push(`API groups ${groups.filter((g) => g !== '').map((g) => show(g)).join(', ')}`);
  if (resources.some((r) => r !== 'configmaps')) out.push(`resources ${resources.filter((r) => r !== 'configmaps').map((r) => show(r)).join(', ')}`);
  const extraVerbs = verbs.filter((v) => !(GATE_CONFIGMAP_VERBS as readonly string[]).includes(v));
  if (extraVerbs.length > 0) out.push(`verbs ${extraVerbs.map((v) => show(v)).join(', ')}`);
  if (list(rule.nonResourceURLs).length > 0) out.push('non-resource URLs');
  if (names.length === 0) out.push('every ConfigMap of the namespace (no resourceNames)');
  else if (gateConfigMaps.size > 0 && names.some((n) => !gateConfigMaps.has(n))) {
    out.push(`other objects by name (${names.filter((n) => !gateConfigMaps.has(n)).map((n) => show(n)).join(', ')})`);
  }
  return out;
}

/**
 * Findings for each document of the input (same order), from rules that need the other documents.
 */
export function gateRbacFindings(docs: readonly unknown[]): Finding[][] {
  const isRbac = (doc: unknown): doc is Record<string, unknown> =>
    isRecord(doc) && typeof doc.apiVersion === 'string' && doc.apiVersion.startsWith(`${RBAC_GROUP}/`) && (doc.kind === 'Role' || doc.kind === 'ClusterRole');
  // Most inputs hold no RBAC at all: then the Flink objects need not be read a second time.
  if (!docs.some(isRbac)) return docs.map(() => []);
  const gateConfigMaps = gateConfigMapNames(docs);
  const fix = `grant only ${GATE_CONFIGMAP_VERBS.join(', ')} on the gate ConfigMap by name, in a namespaced Role: rules: [{ apiGroups: [""], resources: [configmaps], resourceNames: [<job>-configmap], verbs: [${GATE_CONFIGMAP_VERBS.join(', ')}] }] (what BlueGreenFlinkJob emits)`;
  return docs.map((doc) => {
    if (!isRbac(doc) || !isGateRole(doc, gateConfigMaps)) return [];
    const name = str(obj(doc.metadata)?.name) ?? '';
    const out: Finding[] = [];
    if (doc.kind === 'ClusterRole') {
      out.push(finding('SEC-BROAD-GATE-ROLE', {
        path: pointer('kind'), value: 'ClusterRole',
        message: `ClusterRole ${show(name)} is gate RBAC: a ClusterRole grants the same names in every namespace it is bound in`,
        fix,
      }));
    }
    const rules = Array.isArray(doc.rules) ? doc.rules : [];
    rules.forEach((rule, i) => {
      if (!isRecord(rule)) return;
      const more = excess(rule, gateConfigMaps);
      if (more.length === 0) return;
      out.push(finding('SEC-BROAD-GATE-ROLE', {
        path: pointer('rules', i), value: rule,
        message: `${doc.kind} ${show(name)} is the gate's RBAC but rules[${i}] also grants ${more.join('; ')}: the gate needs ${GATE_CONFIGMAP_VERBS.join(', ')} on its one ConfigMap`,
        fix,
      }));
    });
    return out;
  });
}
