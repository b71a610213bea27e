import { OperatorVersion } from '../operator-version';
import { specContext, obj, type SpecContext } from './context';
import { FLINK_API_VERSION, isFlinkKind } from './crd';
import { pointer, type Finding } from './finding';
import { isRecord } from './flink-config';
import { finding, show } from './rule';
import { blueGreenFindings } from './rules/blue-green';
import { defaultValidatorFindings, nameFindings } from './rules/default-validator';
import { blueGreenGateFindings, ignoredGateKeys, injectionValue } from './rules/gate';
import { isGateJob, manifestWiringFindings } from './rules/manifest-wiring';
import { runtimeWarnings } from './rules/runtime-warnings';
import { gateRbacFindings } from './rules/gate-rbac';
import { duplicateObjectFindings, metadataFindings, podTemplateMetadataFindings } from './rules/metadata';
import { listItems } from './list-items';
import { imageReferenceFindings } from './rules/image-reference';
import { credentialValues, maskDeep } from '../masking';
import { blueGreenConfigurationCredentials, SECURITY_RULE_PREFIX, securityFindings } from './rules/security';
import { schemaFindings } from './schema';
import { applySuppressions } from './suppression';

export interface ValidateOptions {
  /** The operator build to check against; default OperatorVersion.DEFAULT (1.15). */
  readonly operatorVersion?: OperatorVersion;
  /**
   * Report the security lints (SEC-*) that no annotation suppresses as errors.
   * @default false
   */
  readonly strict?: boolean;
}

/** Under `strict`, security warnings that survived suppression become errors. */
function promote(findings: Finding[], options: ValidateOptions): Finding[] {
  if (!options.strict) return findings;
  return findings.map((f) => (f.severity === 'warning' && f.rule.startsWith(SECURITY_RULE_PREFIX) ? { ...f, severity: 'error' } : f));
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * All findings for one parsed document (any JSON value). Kinds other than FlinkDeployment and
 * FlinkBlueGreenDeployment give no findings. Never throws on bad input.
 */
export function validateDocument(doc: unknown, options: ValidateOptions = {}): Finding[] {
  const version = options.operatorVersion ?? OperatorVersion.DEFAULT;
  if (!isRecord(doc) || !isFlinkKind(doc.kind)) return [];
  const apiVersion = doc.apiVersion;
  if (apiVersion !== FLINK_API_VERSION) {
    // Another group's kind of the same name is not ours to judge.
    if (typeof apiVersion === 'string' && !apiVersion.startsWith('flink.apache.org/')) return [];
    return [
      finding('SCHEMA-API-VERSION', {
        path: pointer('apiVersion'),
        value: apiVersion,
        message: `apiVersion is ${show(apiVersion)}: ${doc.kind} is served only as "${FLINK_API_VERSION}"`,
        fix: `set apiVersion: ${FLINK_API_VERSION}`,
      }),
    ];
  }
  try {
    // One masking policy (src/masking.ts): no finding repeats a credential the document holds.
    return maskDeep(promote(applySuppressions(doc, doc.kind === 'FlinkDeployment' ? flinkDeployment(doc, version) : blueGreen(doc, version)), options), credentialValues(doc));
  } catch (e) {
    // A rule must never take the whole run down; report the document instead.
    return [
      finding('SCHEMA-INVALID', {
        path: '',
        message: `the document could not be checked: ${(e as Error).message}`,
        fix: 'check the document structure against the CRD',
      }),
    ];
  }
}

function flinkDeployment(doc: Record<string, unknown>, version: OperatorVersion): Finding[] {
  const md = obj(doc.metadata);
  const ctx = specContext(obj(doc.spec) ?? {}, ['spec'], str(md?.name), str(md?.namespace), version, false);
  const out = [
    ...schemaFindings(doc, version, 'FlinkDeployment'),
    ...nameFindings(md?.name, pointer('metadata', 'name')),
    ...defaultValidatorFindings(ctx),
  ];
  const gate = isGateJob(ctx);
  if (gate) {
    out.push(...manifestWiringFindings(ctx), ...runtimeWarnings(ctx, injectionValue(ctx) === 'true'));
  }
  out.push(...securityFindings(ctx, gate), ...imageReferenceFindings(ctx), ...podTemplateMetadataFindings(ctx.spec, ctx.base));
  return out;
}

function blueGreen(doc: Record<string, unknown>, version: OperatorVersion): Finding[] {
  const md = obj(doc.metadata);
  const spec = obj(doc.spec) ?? {};
  const tspec = obj(obj(spec.template)?.spec);
  const name = str(md?.name);
  const tpl: SpecContext | undefined = tspec
    ? specContext(tspec, ['spec', 'template', 'spec'], name === undefined ? undefined : `${name}-green`, str(md?.namespace), version, true)
    : undefined;
  const out = [...schemaFindings(doc, version, 'FlinkBlueGreenDeployment'), ...blueGreenFindings(doc, version, tpl)];
  if (tpl) out.push(...defaultValidatorFindings(tpl));
  if (version.hasTransitionMode) {
    out.push(...blueGreenGateFindings(doc, tpl));
    if (tpl && spec.transitionMode === 'ADVANCED') out.push(...runtimeWarnings(tpl, injectionValue(tpl) !== 'false'));
  } else if (tpl) {
    out.push(...ignoredGateKeys(tpl, `operator ${version.id} has no FLIP-504 gate`));
  }
  out.push(...blueGreenConfigurationCredentials(spec));
  if (tpl) out.push(...securityFindings(tpl, version.hasTransitionMode && spec.transitionMode === 'ADVANCED'), ...imageReferenceFindings(tpl), ...podTemplateMetadataFindings(tpl.spec, tpl.base));
  return out;
}

/**
 * Findings for a document read from a file: like validateDocument, plus DOC-* warnings for
 * documents that are not Kubernetes objects at all (an empty document is skipped silently).
 */
export function validateFileDocument(doc: unknown, options: ValidateOptions = {}): Finding[] {
  if (doc === null || doc === undefined) return [];
  if (!isRecord(doc)) {
    return [
      finding('DOC-NOT-OBJECT', {
        path: '',
        value: doc,
        message: `the document is ${Array.isArray(doc) ? 'a list' : `a ${typeof doc}`} (${show(doc)}), not a Kubernetes object: skipped`,
        fix: 'remove it, or write a mapping with apiVersion, kind, metadata and spec',
      }),
    ];
  }
  if (doc.kind === undefined || doc.kind === null || doc.kind === '') {
    return [
      finding('DOC-NO-KIND', {
        path: pointer('kind'),
        message: 'the document has no kind: skipped',
        fix: 'add kind (e.g. FlinkDeployment or FlinkBlueGreenDeployment) and apiVersion',
      }),
    ];
  }
  return validateDocument(doc, options);
}

/**
 * Findings for every document of an input (several files count as one input), in document order:
 * each object's own findings (validateFileDocument), its metadata (any kind), plus those of rules
 * that need the other objects (the gate's RBAC is judged against the gate ConfigMaps the Flink
 * objects name; one object per kind/namespace/name). The items of a `kind: List` document are
 * objects of their own; their findings carry paths under `/items/<i>`.
 */
export function validateDocuments(docs: readonly unknown[], options: ValidateOptions = {}): Finding[][] {
  const items = docs.flatMap((doc, i) => listItems(doc).map((x) => ({ ...x, doc: i })));
  const objects = items.map((x) => x.item);
  const cross = gateRbacFindings(objects);
  const duplicates = duplicateObjectFindings(objects, (j) => `document ${items[j].doc}${items[j].prefix ? ` at ${items[j].prefix}` : ''}`);
  const out: Finding[][] = docs.map(() => []);
  items.forEach((x, j) => {
    const found = [
      ...validateFileDocument(x.item, options),
      ...metadataFindings(x.item),
      ...(cross[j].length > 0 ? promote(applySuppressions(x.item, cross[j]), options) : []),
      ...duplicates[j],
    ];
    const safe = maskDeep(found, credentialValues(x.item));
    out[x.doc].push(...(x.prefix ? safe.map((f) => ({ ...f, path: x.prefix + f.path })) : safe));
  });
  return out;
}
