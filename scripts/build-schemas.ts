/**
 * Writes crds/<version>/<plural>.object-schema.json: the JSON schema the validator compiles for
 * each (operator version, kind), derived from the vendored CRD (pruning made explicit, repeated
 * Pod schemas shared). Run by `npm run import`; test/validation/object-schemas.test.ts fails when
 * a file is out of date. Precomputed because parsing a 600 KB CRD YAML costs ~240 ms per run,
 * reading the 60 KB JSON ~2 ms.
 */
import { writeFileSync } from 'node:fs';
import { OPERATOR_VERSION_IDS, OperatorVersion } from '../src/operator-version';
import { FLINK_KINDS, objectSchemaFile, objectSchemaFromCrd, type FlinkKind } from '../src/validation/crd';

for (const id of OPERATOR_VERSION_IDS) {
  for (const kind of Object.keys(FLINK_KINDS) as FlinkKind[]) {
    const version = OperatorVersion.of(id);
    const file = objectSchemaFile(version, kind);
    writeFileSync(file, JSON.stringify(objectSchemaFromCrd(version, kind), null, 1) + '\n');
    process.stdout.write(`wrote ${file}\n`);
  }
}
