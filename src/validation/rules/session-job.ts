/**
 * FlinkSessionJob rules a single manifest shows: the checks of the operator's
 * `DefaultValidator.validateSessionJob` that need no session cluster (deploymentName, a job,
 * the 1.15+ jarURI allowlist and restricted hosts) and the job-spec parallelism check, which the
 * operator runs once the cluster exists and which does not depend on it (a session job has no
 * TaskManager spec, so `job.parallelism` must be ≥ 1). The checks that read the cluster's
 * configuration live in cross-kind.ts. "deploymentName can't be changed" compares with the last
 * reconciled spec and belongs to `plan`.
 */
import type { OperatorVersion } from '../../operator-version';
import { pointer, type Finding } from '../finding';
import { checkJarUri, JAR_URI_ALLOWED_SCHEMES_KEY, JAR_URI_DISALLOW_RESTRICTED_HOSTS_KEY, type JarUriPolicy } from '../jar-uri';
import { finding, ruleInfo, show } from '../rule';
import { obj } from '../context';
import { flattenConfig } from '../flink-config';
import { NAME_PATTERN } from './default-validator';

/** Whether a rule of the catalogue applies to the target build. */
export function ruleApplies(rule: string, version: OperatorVersion): boolean {
  return ruleInfo(rule).versions.includes(version.id);
}

export function sessionJobFindings(doc: Record<string, unknown>, version: OperatorVersion, policy: JarUriPolicy): Finding[] {
  const spec = obj(doc.spec) ?? {};
  const out: Finding[] = [...deploymentName(spec.deploymentName)];
  const job = obj(spec.job);
  if (!job) {
    out.push(
      finding('SESSIONJOB-JOB-MISSING', {
        path: pointer('spec', 'job'),
        message: 'spec.job is not set: a FlinkSessionJob submits exactly one job to its session cluster',
        fix: 'set spec.job with at least jarURI (or a jar on the cluster classpath and entryClass) and parallelism',
        operatorMessage: 'The job spec should not be empty',
      }),
    );
    return out;
  }
  if (typeof job.jarURI === 'string' && ruleApplies('SESSIONJOB-JAR-URI', version)) out.push(...jarUri(job.jarURI, spec, version, policy));
  const p = job.parallelism;
  // JobSpec.parallelism is a Java int: absent means 0.
  const n = p === undefined || p === null ? 0 : p;
  if (typeof n === 'number' && n < 1) {
    out.push(
      finding('SESSIONJOB-PARALLELISM', {
        path: pointer('spec', 'job', 'parallelism'),
        value: p,
        message: `spec.job.parallelism is ${p === undefined || p === null ? 'not set' : show(p)}: a session job has no TaskManager spec, so it needs a parallelism ≥ 1`,
        fix: 'set spec.job.parallelism to 1 or more',
        operatorMessage: 'Job parallelism must be larger than 0',
      }),
    );
  }
  return out;
}

function deploymentName(name: unknown): Finding[] {
  const path = pointer('spec', 'deploymentName');
  if (name === undefined || name === null) {
    return [
      finding('SESSIONJOB-DEPLOYMENT-NAME', {
        path,
        message: 'spec.deploymentName is not set: the operator cannot tell which session cluster runs the job (its webhook fails on the missing name)',
        fix: 'set spec.deploymentName to the metadata.name of the session FlinkDeployment (one without spec.job) in the same namespace',
      }),
    ];
  }
  if (typeof name !== 'string' || NAME_PATTERN.test(name)) return []; // a non-string is a schema finding
  return [
    finding('SESSIONJOB-DEPLOYMENT-NAME', {
      path,
      value: name,
      message: `spec.deploymentName ${show(name)} cannot name a FlinkDeployment: expected lower-case alphanumerics or "-", starting with a letter, ending with a letter or digit, at most 45 characters`,
      fix: 'set spec.deploymentName to the metadata.name of the session cluster, e.g. "shared-session"',
      operatorMessage: `The FlinkDeployment name: ${name} is invalid, must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123'), and the length must be no more than 45 characters.`,
    }),
  ];
}

function jarUri(uri: string, spec: Record<string, unknown>, version: OperatorVersion, policy: JarUriPolicy): Finding[] {
  const problem = checkJarUri(uri, policy);
  if (!problem) return [];
  const path = pointer('spec', 'job', 'jarURI');
  // The operator reads the allowlist from its own configuration only; the job cannot widen it.
  const own = flattenConfig(spec.flinkConfiguration).values;
  const ignored = own.has(JAR_URI_ALLOWED_SCHEMES_KEY) || own.has(JAR_URI_DISALLOW_RESTRICTED_HOSTS_KEY)
    ? ' (setting it in the session job\'s flinkConfiguration has no effect: the operator reads it from its own configuration)'
    : '';
  const allow = `[${policy.allowedSchemes.join(', ')}]`;
  switch (problem.kind) {
    case 'syntax':
    case 'no-scheme':
      return [
        finding('SESSIONJOB-JAR-URI', {
          path,
          value: uri,
          message: problem.kind === 'syntax' ? `spec.job.jarURI ${show(uri)} is not a URI (${problem.operatorMessage.replace(/^jarURI is not a valid URI: /, '')})` : `spec.job.jarURI ${show(uri)} has no scheme`,
          fix: `write the jar location as a full URI with an allowed scheme ${allow}, percent-encoding spaces and special characters, e.g. "https://artifacts.example.com/jobs/job-1.0.jar"`,
          operatorMessage: problem.operatorMessage,
        }),
      ];
    case 'scheme':
      return [
        finding('SESSIONJOB-JAR-URI', {
          path,
          value: uri,
          message: `spec.job.jarURI scheme ${show(problem.scheme)} is not in the operator ${version.id} allowlist ${allow}: the operator rejects the session job`,
          fix: `serve the jar over ${policy.allowedSchemes.includes('https') ? 'https' : `one of ${allow}`}, or have the operator's configuration allow the scheme: ${JAR_URI_ALLOWED_SCHEMES_KEY}: "${[...policy.allowedSchemes, problem.scheme!.toLowerCase()].join(';')}" in the Helm values defaultConfiguration${ignored}`,
          operatorMessage: problem.operatorMessage,
        }),
      ];
    default:
      return [
        finding('SESSIONJOB-JAR-URI-HOST', {
          path,
          value: uri,
          message:
            problem.kind === 'no-host'
              ? `spec.job.jarURI ${show(uri)} has no host the operator can read (an empty or invalid host name, e.g. with "_")`
              : `spec.job.jarURI host ${show(problem.host)} is a loopback, link-local, site-local, wildcard or multicast address: operator ${version.id} refuses to fetch jars from such hosts`,
          fix: `use a public host name for the artifact server, or (if the operator really must fetch from it) set ${JAR_URI_DISALLOW_RESTRICTED_HOSTS_KEY}: "false" in the operator's configuration${ignored}`,
          operatorMessage: problem.operatorMessage,
        }),
      ];
  }
}
