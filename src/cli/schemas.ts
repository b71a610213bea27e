import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATOR_VERSION_IDS, OperatorVersion } from '../operator-version';
import { FLINK_KINDS, objectSchema, type FlinkKind } from '../validation/crd';
import { parseCommandArgs, stringOption, UsageError } from './args';
import type { CliIo } from './io';

export const SCHEMAS_USAGE = `Usage: cdk8s-flink-bluegreen schemas [--operator-version ${OPERATOR_VERSION_IDS.join('|')}] --out DIR

Writes standalone JSON schemas for kubeconform, named {{.ResourceKind}}_{{.ResourceAPIVersion}}.json
(flinkdeployment_v1beta1.json, flinkbluegreendeployment_v1beta1.json, flinksessionjob_v1beta1.json,
flinkstatesnapshot_v1beta1.json), with
additionalProperties: false wherever the API server would prune unknown fields. Use with:
  kubeconform -strict -schema-location default -schema-location 'DIR/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json' FILES`;

/** The file name kubeconform's `{{.ResourceKind}}_{{.ResourceAPIVersion}}.json` template expands to. */
export function schemaFileName(kind: FlinkKind): string {
  return `${kind.toLowerCase()}_v1beta1.json`;
}

/** A kubeconform schema: the validator's own object schema, with a draft marker and a title. */
export function kubeconformSchema(version: OperatorVersion, kind: FlinkKind): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `${kind} flink.apache.org/v1beta1 (Flink Kubernetes Operator ${version.id}, ${version.source})`,
    ...objectSchema(version, kind),
  };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let version = OperatorVersion.DEFAULT;
  let out: string | undefined;
  try {
    const parsed = parseCommandArgs(args, { 'operator-version': { type: 'string' }, out: { type: 'string' } }, false);
    if (parsed.values.has('help')) {
      io.out(SCHEMAS_USAGE);
      return 0;
    }
    out = stringOption(parsed, 'out');
    const id = stringOption(parsed, 'operator-version');
    if (id !== undefined) {
      if (!(OPERATOR_VERSION_IDS as readonly string[]).includes(id)) {
        io.err(`schemas: unknown operator version "${id}": expected one of ${OPERATOR_VERSION_IDS.join(', ')}`);
        return 2;
      }
      version = OperatorVersion.of(id);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`schemas: ${e.message}\n\n${SCHEMAS_USAGE}`);
      return 2;
    }
    throw e;
  }
  if (!out) {
    io.err(`schemas: --out DIR is required\n\n${SCHEMAS_USAGE}`);
    return 2;
  }
  try {
    mkdirSync(out, { recursive: true });
    for (const kind of Object.keys(FLINK_KINDS) as FlinkKind[]) {
      const file = join(out, schemaFileName(kind));
      writeFileSync(file, JSON.stringify(kubeconformSchema(version, kind), null, 2) + '\n');
      io.out(`wrote ${file}`);
    }
  } catch (e) {
    io.err(`schemas: cannot write to ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return 2;
  }
  return 0;
}
