import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OperatorVersion } from '../../src/operator-version';
import { FLINK_KINDS, objectSchemaFile, objectSchemaFromCrd, type FlinkKind } from '../../src/validation/crd';

describe('precomputed object schemas (crds/*/*.object-schema.json)', () => {
  const cases = OperatorVersion.all().flatMap((v) => (Object.keys(FLINK_KINDS) as FlinkKind[]).map((k) => [v.id, k] as const));
  it.each(cases)('%s %s is what the CRD gives (run `npm run import` when this fails)', (id, kind) => {
    const version = OperatorVersion.of(id);
    expect(JSON.parse(readFileSync(objectSchemaFile(version, kind), 'utf8'))).toEqual(objectSchemaFromCrd(version, kind));
  });
});
