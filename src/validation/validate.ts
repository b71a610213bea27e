import { OperatorConfiguration } from '../operator-configuration';
import { OperatorVersion } from '../operator-version';
import { specContext, obj, type SpecContext } from './context';
import { FLINK_API_VERSION, isFlinkKind } from './crd';
import { pointer, type Finding } from './finding';
import { isRecord, withFlatConfigCache } from './flink-config';
import { finding, show } from './rule';
import { blueGreenFindings } from './rules/blue-green';
import { defaultValidatorFindings, nameFindings } from './rules/default-validator';
import { blueGreenGateFindings, ignoredGateKeys, injectionValue } from './rules/gate';
import { isGateJob, manifestWiringFindings } from './rules/manifest-wiring';
import { podTemplateNameFindings } from './rules/pod-template-names';
import { runtimeWarnings } from './rules/runtime-warnings';
import { gateRbacFindings } from './rules/gate-rbac';
import { podTemplateFindings } from './rules/pod-templates';
import { flinkRuntimeFindings } from './rules/flink-runtime';
import { noteOperatorDefaults } from './operator-defaults';
import { gateStateFindings } from './rules/gate-state';
import { gateTargetFindings } from './rules/gate-targets';
import { duplicateObjectFindings, metadataFindings, podTemplateMetadataFindings } from './rules/metadata';
import { listItems } from './list-items';
import { imageReferenceFindings } from './rules/image-reference';
import { credentialValues, maskDeep } from '../masking';
import { blueGreenConfigurationCredentials, SECURITY_RULE_PREFIX, securityFindings } from './rules/security';
import { schemaFindings } from './schema';
import { crossKindFindings } from './rules/cross-kind';
import { jarUriPolicy } from './jar-uri';
import { sessionJobFindings } from './rules/session-job';
import { stateSnapshotFindings } from './rules/state-snapshot';
import { unknownFlinkKind } from './unknown-kind';
import { applySuppressions } from './suppression';
import { targetVersion } from './target-version';

export interface ValidateOptions {
  /**
   * The operator build to check every document against. When not given, each Flink object is
   * checked against the build its `flink.bluegreen/operator-version` annotation names.
   * @default the annotation's build, else OperatorVersion.DEFAULT (1.15)
   */
  readonly operatorVersion?: OperatorVersion;
  /**
   * Report the security lints (SEC-*) that no annotation suppresses as errors.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * The operator's default configuration (Helm `defaultConfiguration`, its ConfigMap, or a Flink
   * configuration file), merged under every spec's flinkConfiguration the way the operator does
   * (see OperatorConfiguration) before any rule reads the configuration; the operator's own keys
   * (e.g. the FlinkSessionJob jarURI allowlist `kubernetes.operator.user.artifacts.allowed-schemes`)
   * are read from it too.
   * @default OperatorConfiguration.NONE
   */
  readonly operatorConfiguration?: OperatorConfiguration;
}

/**
 * Keeps the first finding of `rule` per field. A name written twice inside one pod template is
 * seen by the per-template check and again in every pod the operator merges that template into:
 * one problem, said once.
 */
function onePerField(findings: Finding[], rule: string): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    if (f.rule !== rule) return true;
    if (seen.has(f.path)) return false;
    seen.add(f.path);
    return true;
  });
}

/** Under `strict`, security warnings that survived suppression become errors. */
function promote(findings: Finding[], options: ValidateOptions): Finding[] {
  if (!options.strict) return findings;
  return findings.map((f) => (f.severity === 'warning' && f.rule.startsWith(SECURITY_RULE_PREFIX) ? { ...f, severity: 'error' } : f));
}

const NAME_POINTER = pointer('metadata', 'name');

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * All findings for one parsed document (any JSON value): FlinkDeployment, FlinkBlueGreenDeployment,
 * FlinkSessionJob and FlinkStateSnapshot are checked; another kind of group flink.apache.org is a
 * finding; kinds of other groups give none. Never throws on bad input.
 */
export function validateDocument(doc: unknown, options: ValidateOptions = {}): Finding[] {
  if (!isRecord(doc)) return [];
  if (!isFlinkKind(doc.kind)) return unknownFlinkKind(doc, options.operatorVersion ?? OperatorVersion.DEFAULT);
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
  const { version, findings: targetFindings } = targetVersion(doc, options.operatorVersion);
  try {
    const oc = options.operatorConfiguration;
    const own =
      doc.kind === 'FlinkDeployment' ? flinkDeployment(doc, version, oc)
        : doc.kind === 'FlinkBlueGreenDeployment' ? blueGreen(doc, version, oc)
          : doc.kind === 'FlinkSessionJob' ? sessionJob(doc, version, oc)
            : stateSnapshot(doc, version);
    // One masking policy (src/masking.ts): no finding repeats a credential the document holds.
    const found = promote(applySuppressions(doc, [...targetFindings, ...onePerField(own, 'POD-DUPLICATE-NAME')]), options);
    // Collecting the document's credentials walks all of it: only worth it when there is something to mask.
    return found.length === 0 ? found : maskDeep(found, credentialValues(doc));
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

/** The operator's defaults for one spec (by the object's namespace and the spec's flinkVersion). */
function defaultsFor(oc: OperatorConfiguration | undefined, namespace: string | undefined, spec: Record<string, unknown> | undefined): ReadonlyMap<string, string> | undefined {
  return oc && !oc.isEmpty ? oc.defaultsFor(namespace, str(spec?.flinkVersion)) : undefined;
}

function flinkDeployment(doc: Record<string, unknown>, version: OperatorVersion, oc?: OperatorConfiguration): Finding[] {
  const md = obj(doc.metadata);
  const spec = obj(doc.spec) ?? {};
  const ctx = specContext(spec, ['spec'], str(md?.name), str(md?.namespace), version, false, defaultsFor(oc, str(md?.namespace), spec));
  const out = [
    ...schemaFindings(doc, version, 'FlinkDeployment'),
    ...nameFindings(md?.name, NAME_POINTER),
    ...defaultValidatorFindings(ctx),
    ...flinkRuntimeFindings(ctx),
    ...podTemplateNameFindings(ctx),
  ];
  const gate = isGateJob(ctx);
  if (gate) {
    out.push(...manifestWiringFindings(ctx), ...runtimeWarnings(ctx, injectionValue(ctx) === 'true'), ...gateStateFindings(ctx));
  }
  out.push(...podTemplateFindings(ctx, { manifestWiredAgent: gate && injectionValue(ctx) === 'true' }));
  out.push(...securityFindings(ctx, gate), ...imageReferenceFindings(ctx), ...podTemplateMetadataFindings(ctx.spec, ctx.base));
  return noteOperatorDefaults(out, ctx);
}

/** The operator's configuration as it applies to one namespace, flat keys to text, for rules that read the operator's own keys. */
function operatorKeys(oc: OperatorConfiguration | undefined, namespace: string | undefined): Record<string, string> | undefined {
  return oc && !oc.isEmpty ? Object.fromEntries(oc.defaultsFor(namespace)) : undefined;
}

function sessionJob(doc: Record<string, unknown>, version: OperatorVersion, oc?: OperatorConfiguration): Finding[] {
  const md = obj(doc.metadata);
  const ctx = specContext(obj(doc.spec) ?? {}, ['spec'], str(md?.name), str(md?.namespace), version, false);
  return [
    ...schemaFindings(doc, version, 'FlinkSessionJob'),
    ...sessionJobFindings(doc, version, jarUriPolicy(operatorKeys(oc, str(md?.namespace)))),
    ...securityFindings(ctx, false),
  ];
}

function stateSnapshot(doc: Record<string, unknown>, version: OperatorVersion): Finding[] {
  return [...schemaFindings(doc, version, 'FlinkStateSnapshot'), ...stateSnapshotFindings(doc)];
}

function blueGreen(doc: Record<string, unknown>, version: OperatorVersion, oc?: OperatorConfiguration): Finding[] {
  const md = obj(doc.metadata);
  const spec = obj(doc.spec) ?? {};
  const tspec = obj(obj(spec.template)?.spec);
  const name = str(md?.name);
  const tpl: SpecContext | undefined = tspec
    ? specContext(tspec, ['spec', 'template', 'spec'], name === undefined ? undefined : `${name}-green`, str(md?.namespace), version, true, defaultsFor(oc, str(md?.namespace), tspec))
    : undefined;
  const out = [...schemaFindings(doc, version, 'FlinkBlueGreenDeployment'), ...blueGreenFindings(doc, version, tpl)];
  if (tpl) {
    out.push(...defaultValidatorFindings(tpl), ...flinkRuntimeFindings(tpl), ...podTemplateNameFindings(tpl));
    // A FLIP-504 operator appends the agent to the child's JobManager template in ADVANCED mode when the strategy is set.
    const injects = version.hasTransitionMode && spec.transitionMode === 'ADVANCED' && obj(tspec?.flinkConfiguration)?.['bluegreen.gate.strategy'] !== undefined;
    out.push(...podTemplateFindings(tpl, { operatorInjectsAgent: injects }));
  }
  if (version.hasTransitionMode) {
    out.push(...blueGreenGateFindings(doc, tpl));
    if (tpl && spec.transitionMode === 'ADVANCED') out.push(...runtimeWarnings(tpl, injectionValue(tpl) !== 'false'), ...gateStateFindings(tpl));
  } else if (tpl) {
    out.push(...ignoredGateKeys(tpl, `operator ${version.id} has no FLIP-504 gate`));
  }
  out.push(...blueGreenConfigurationCredentials(spec));
  if (tpl) out.push(...securityFindings(tpl, version.hasTransitionMode && spec.transitionMode === 'ADVANCED'), ...imageReferenceFindings(tpl), ...podTemplateMetadataFindings(tpl.spec, tpl.base));
  return noteOperatorDefaults(out, tpl);
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
  return withFlatConfigCache(() => validateAll(docs, options));
}

function validateAll(docs: readonly unknown[], options: ValidateOptions): Finding[][] {
  const items = docs.flatMap((doc, i) => listItems(doc).map((x) => ({ ...x, doc: i })));
  const objects = items.map((x) => x.item);
  // Rules that relate objects of the input: gate RBAC to its ConfigMaps, session jobs and snapshots
  // to their clusters and jobs, one job's targets to each other, and one object per kind/namespace/name.
  const rbac = gateRbacFindings(objects);
  const kinds = crossKindFindings(objects, { version: options.operatorVersion ?? OperatorVersion.DEFAULT, operatorConfiguration: options.operatorConfiguration });
  const targets = gateTargetFindings(objects);
  const duplicates = duplicateObjectFindings(objects, (j) => `document ${items[j].doc}${items[j].prefix ? ` at ${items[j].prefix}` : ''}`);
  const out: Finding[][] = docs.map(() => []);
  items.forEach((x, j) => {
    const cross = [...rbac[j], ...kinds[j], ...targets[j]];
    const extra = [...metadataFindings(x.item), ...(cross.length > 0 ? promote(applySuppressions(x.item, cross), options) : []), ...duplicates[j]];
    // validateDocument masks its own findings; only the others are masked here, and only when there
    // are any (collecting a document's credential values walks the whole document).
    const safe = [...validateFileDocument(x.item, options), ...(extra.length > 0 ? maskDeep(extra, credentialValues(x.item)) : [])];
    out[x.doc].push(...(x.prefix ? safe.map((f) => ({ ...f, path: x.prefix + f.path })) : safe));
  });
  return out;
}
