/**
 * Object metadata as the API server checks it, for every kind (not only Flink's): name, namespace,
 * label keys and values, annotation keys and their total size, and object identity across an
 * input. The same checks run in `validate` (findings) and at synth (problems that fail the
 * synthesis), so what passes here is not rejected by `kubectl apply`.
 *
 * Sources: k8s.io/apimachinery/pkg/util/validation (IsDNS1123Subdomain, IsDNS1123Label,
 * IsDNS1035Label, IsQualifiedName, IsValidLabelValue), apimachinery/pkg/api/validation
 * (ValidateAnnotations: TotalAnnotationSizeLimitB = 256 KiB, NameIsDNSSubdomain, ...),
 * apimachinery/pkg/api/validation/path (IsValidPathSegmentName, used for RBAC names), and
 * kubernetes/pkg/apis/core/validation (Service names are DNS-1035 labels, Namespaces DNS-1123 labels).
 */
import { CLUSTER_ANNOTATION } from '../../cluster-annotation';
import { pointer, type Finding } from '../finding';
import { finding, show } from '../rule';
import { memoByString } from '../../bounded-memo';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** ValidateAnnotations: the sum of key and value lengths. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/** Kinds named like a path segment (RBAC), a DNS-1035 label (Service) or a DNS-1123 label (Namespace). */
const PATH_SEGMENT_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);
const DNS1035_KINDS = new Set(['Service']);
const DNS1123_LABEL_KINDS = new Set(['Namespace']);
/** Names the Flink rules (FLINK-NAME, BG-NAME) already judge, more strictly. */
const FLINK_KINDS = new Set(['FlinkDeployment', 'FlinkBlueGreenDeployment']);

interface Rule {
  readonly ok: (s: string) => boolean;
  readonly expected: string;
}

function nameRule(kind: string): Rule {
  if (PATH_SEGMENT_KINDS.has(kind)) {
    return { ok: (s) => s !== '.' && s !== '..' && !/[/%]/.test(s), expected: 'any name without "/" or "%", not "." or ".."' };
  }
  if (DNS1035_KINDS.has(kind)) {
    return { ok: (s) => s.length <= 63 && DNS1035_LABEL.test(s), expected: 'a DNS-1035 label: lower-case letters, digits and "-", starting with a letter, ending alphanumeric, at most 63 characters' };
  }
  if (DNS1123_LABEL_KINDS.has(kind)) {
    return { ok: (s) => s.length <= 63 && DNS1123_LABEL.test(s), expected: 'a DNS-1123 label: lower-case letters, digits and "-", starting and ending alphanumeric, at most 63 characters' };
  }
  return {
    ok: (s) => s.length <= 253 && DNS1123_SUBDOMAIN.test(s),
    expected: 'a DNS-1123 subdomain: lower-case letters, digits, "-" and ".", starting and ending alphanumeric, at most 253 characters',
  };
}

/**
 * IsQualifiedName: `[prefix/]name`, prefix a DNS-1123 subdomain, name ≤ 63 characters. Remembered
 * per key: every job of a fleet carries the same label and annotation keys.
 */
export const qualifiedNameProblem: (key: string) => string | undefined = memoByString(judgeQualifiedName);

function judgeQualifiedName(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'has more than one "/"';
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix === '') return 'has an empty prefix before "/"';
    if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return `has the prefix ${show(prefix)}, which is not a DNS-1123 subdomain (lower-case letters, digits, "-", ".")`;
  }
  if (name === '') return 'has an empty name part';
  if (name.length > 63) return `has a name part of ${name.length} characters (at most 63)`;
  if (!QUALIFIED_NAME.test(name)) return 'has a name part that is not alphanumerics, "-", "_" or ".", starting and ending alphanumeric';
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Files of client-side tools that look like objects but never reach the API server (Kustomize's
 * `kustomization.yaml` and components, KRM function configs): not judged.
 */
function isClientSideConfig(apiVersion: unknown): boolean {
  if (typeof apiVersion !== 'string' || !apiVersion.includes('/')) return false;
  const group = apiVersion.slice(0, apiVersion.indexOf('/'));
  return group === 'kustomize.config.k8s.io' || group === 'config.kubernetes.io' || group === 'fn.kpt.dev';
}

/** All metadata findings of one object (any kind). Objects without a kind are not judged. */
export function metadataFindings(doc: unknown): Finding[] {
  if (!isRecord(doc) || typeof doc.kind !== 'string' || doc.kind === '' || doc.kind === 'List' || isClientSideConfig(doc.apiVersion)) return [];
  const kind = doc.kind;
  const md = doc.metadata;
  const out: Finding[] = [];
  if (!isRecord(md)) {
    out.push(finding('META-NAME', { path: pointer('metadata'), message: `the ${kind} has no metadata (and so no name)`, fix: 'add metadata.name' }));
    return out;
  }
  const name = md.name;
  if (name === undefined && typeof md.generateName === 'string') {
    // The API server names it; nothing to check.
  } else if (typeof name !== 'string' || name === '') {
    out.push(finding('META-NAME', { path: pointer('metadata', 'name'), value: name, message: `the ${kind} has no name (metadata.name is ${show(name)})`, fix: 'set metadata.name' }));
  } else if (!FLINK_KINDS.has(kind)) {
    const rule = nameRule(kind);
    if (!rule.ok(name)) {
      out.push(finding('META-NAME', {
        path: pointer('metadata', 'name'),
        value: name,
        message: `${kind} name ${show(name)} is invalid: expected ${rule.expected}`,
        fix: `rename it, e.g. ${show(suggestName(name))}`,
      }));
    }
  }
  if (md.namespace !== undefined) out.push(...namespaceFindings(md.namespace));
  out.push(...labelFindings(md.labels, ['metadata', 'labels']));
  out.push(...annotationFindings(md.annotations, ['metadata', 'annotations']));
  return out;
}

/** META-NAMESPACE for a namespace (of an object, or of the chart that gives objects theirs). */
export function namespaceFindings(ns: unknown, path?: string): Finding[] {
  if (typeof ns === 'string' && ns.length <= 63 && DNS1123_LABEL.test(ns)) return [];
  return [
    finding('META-NAMESPACE', {
      path: path ?? pointer('metadata', 'namespace'),
      value: ns,
      message: `namespace ${show(ns)} is invalid: expected a DNS-1123 label (lower-case letters, digits and "-", starting and ending alphanumeric, at most 63 characters)`,
      fix: `use a valid namespace, e.g. ${show(suggestName(typeof ns === 'string' ? ns : 'my-namespace').slice(0, 63))}`,
    }),
  ];
}

/** Label keys and values of one `labels` map (also usable on pod template metadata). */
export function labelFindings(labels: unknown, at: readonly string[]): Finding[] {
  if (labels === undefined || labels === null) return [];
  if (!isRecord(labels)) {
    return [finding('META-LABEL', { path: pointer(...at), value: labels, message: `labels must be a map of strings, got ${show(labels)}`, fix: 'write labels as key: "value" pairs' })];
  }
  const out: Finding[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) {
      out.push(finding('META-LABEL', {
        path: pointer(...at, key),
        value: key,
        message: `label key ${show(key)} ${keyProblem}`,
        fix: 'use a key like "app.kubernetes.io/name" or "team": [prefix/]name, name of alphanumerics, "-", "_", "." (at most 63)',
      }));
    }
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
      out.push(finding('META-LABEL', {
        path: pointer(...at, key),
        value,
        message: `label ${show(key)} has the value ${show(value)}: a label value is a string of at most 63 alphanumerics, "-", "_" or ".", starting and ending alphanumeric (or empty)`,
        fix: 'shorten or simplify the value; put free text in an annotation instead',
      }));
    }
  }
  return out;
}

/** Annotation keys, string values, and the 256 KiB total. */
export function annotationFindings(annotations: unknown, at: readonly string[]): Finding[] {
  if (annotations === undefined || annotations === null) return [];
  if (!isRecord(annotations)) {
    return [finding('META-ANNOTATION', { path: pointer(...at), value: annotations, message: `annotations must be a map of strings, got ${show(annotations)}`, fix: 'write annotations as key: "value" pairs' })];
  }
  const out: Finding[] = [];
  let total = 0;
  for (const [key, value] of Object.entries(annotations)) {
    const keyProblem = qualifiedNameProblem(key.toLowerCase());
    if (keyProblem) {
      out.push(finding('META-ANNOTATION', {
        path: pointer(...at, key),
        value: key,
        message: `annotation key ${show(key)} ${keyProblem}`,
        fix: 'use a key like "example.com/owner": [prefix/]name, name of alphanumerics, "-", "_", "." (at most 63)',
      }));
    }
    if (typeof value !== 'string') {
      out.push(finding('META-ANNOTATION', {
        path: pointer(...at, key),
        value,
        message: `annotation ${show(key)} has the value ${show(value)}: annotation values are strings`,
        fix: 'quote the value',
      }));
    }
    total += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  }
  if (total > MAX_ANNOTATIONS_BYTES) {
    out.push(finding('META-ANNOTATIONS-SIZE', {
      path: pointer(...at),
      value: `${total} bytes`,
      message: `annotations total ${total} bytes (keys and values): the API server accepts at most ${MAX_ANNOTATIONS_BYTES} (256 KiB)`,
      fix: 'move large data into a ConfigMap and reference it',
    }));
  }
  return out;
}

/** A valid-looking name derived from a bad one, for the fix. */
function suggestName(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return s === '' ? 'my-name' : s;
}

/**
 * Identity in a cluster: the cluster the object is for (our `flink.bluegreen/cluster` annotation,
 * set on the objects of a colour that runs in a cluster of its own), API group, kind, namespace as
 * written, name. The same name in two clusters is two objects.
 */
export function objectIdentity(doc: unknown): string | undefined {
  if (!isRecord(doc) || isClientSideConfig(doc.apiVersion) || typeof doc.kind !== 'string' || !isRecord(doc.metadata) || typeof doc.metadata.name !== 'string') return undefined;
  const apiVersion = typeof doc.apiVersion === 'string' ? doc.apiVersion : '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const ns = typeof doc.metadata.namespace === 'string' ? doc.metadata.namespace : '';
  const cluster = isRecord(doc.metadata.annotations) && typeof doc.metadata.annotations[CLUSTER_ANNOTATION] === 'string' ? doc.metadata.annotations[CLUSTER_ANNOTATION] : '';
  return JSON.stringify([cluster, group, doc.kind, ns, doc.metadata.name]);
}

/**
 * The part of a document that objectIdentity and the duplicate message read (apiVersion, kind,
 * metadata name, namespace and cluster annotation), for callers that check duplicates after
 * letting the documents go.
 */
export function identityOf(doc: unknown): unknown {
  if (!isRecord(doc)) return doc;
  const md = isRecord(doc.metadata) ? doc.metadata : undefined;
  const cluster = md && isRecord(md.annotations) ? md.annotations[CLUSTER_ANNOTATION] : undefined;
  return {
    apiVersion: doc.apiVersion,
    kind: doc.kind,
    metadata: md && { name: md.name, namespace: md.namespace, ...(cluster !== undefined ? { annotations: { [CLUSTER_ANNOTATION]: cluster } } : {}) },
  };
}

function describe(doc: Record<string, any>): string {
  const ns = doc.metadata?.namespace;
  return `${doc.kind} ${ns ? `${ns}/` : ''}${doc.metadata?.name}`;
}

/**
 * META-DUPLICATE-OBJECT for every object after the first with the same identity, in input order
 * (linear: one map). `where` says where each object comes from, for the message.
 */
export function duplicateObjectFindings(docs: readonly unknown[], where: (i: number) => string = (i) => `object ${i + 1}`): Finding[][] {
  const first = new Map<string, number>();
  return docs.map((doc, i) => {
    const id = objectIdentity(doc);
    if (id === undefined) return [];
    const seen = first.get(id);
    if (seen === undefined) {
      first.set(id, i);
      return [];
    }
    return [
      finding('META-DUPLICATE-OBJECT', {
        path: pointer('metadata', 'name'),
        value: (doc as Record<string, any>).metadata.name,
        message: `${describe(doc as Record<string, any>)} is defined twice (also ${where(seen)}): one would overwrite the other when applied`,
        fix: 'remove one of them, or give them different names or namespaces',
      }),
    ];
  });
}

/** Synth-time form: one line per problem, like the constructs' other errors. */
export function metadataProblems(doc: unknown): string[] {
  return metadataFindings(doc).map(formatProblem);
}

/** Synth-time duplicates across an app: `[construct path] error[...]` lines. */
export function duplicateObjectProblems(objects: ReadonlyArray<{ readonly path: string; readonly json: unknown }>): string[] {
  const found = duplicateObjectFindings(
    objects.map((o) => o.json),
    (i) => `at ${objects[i].path}`,
  );
  return found.flatMap((fs, i) => fs.map((f) => `[${objects[i].path}] ${formatProblem(f)}`));
}

function formatProblem(f: Finding): string {
  return `${f.severity}[${f.rule}] ${f.path || '/'}: ${f.message} Fix: ${f.fix}`;
}

/**
 * Labels and annotations of a Flink spec's pod templates (`podTemplate`, `jobManager.podTemplate`,
 * `taskManager.podTemplate`): the operator copies them onto the pods it creates, where the API
 * server judges them like any object's; a bad one fails at deploy time, after admission.
 */
export function podTemplateMetadataFindings(spec: Record<string, unknown>, base: readonly string[]): Finding[] {
  const out: Finding[] = [];
  const templates: Array<[unknown, string[]]> = [
    [spec.podTemplate, ['podTemplate']],
    [isRecord(spec.jobManager) ? spec.jobManager.podTemplate : undefined, ['jobManager', 'podTemplate']],
    [isRecord(spec.taskManager) ? spec.taskManager.podTemplate : undefined, ['taskManager', 'podTemplate']],
  ];
  for (const [template, segs] of templates) {
    if (!isRecord(template) || !isRecord(template.metadata)) continue;
    out.push(...labelFindings(template.metadata.labels, [...base, ...segs, 'metadata', 'labels']));
    out.push(...annotationFindings(template.metadata.annotations, [...base, ...segs, 'metadata', 'annotations']));
  }
  return out;
}
