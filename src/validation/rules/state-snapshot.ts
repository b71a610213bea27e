/**
 * FlinkStateSnapshot rules a single manifest shows: `DefaultValidator.validateStateSnapshot`
 * (exactly one of checkpoint and savepoint; a job reference unless the savepoint already exists)
 * and what `StateSnapshotReconciler` does with an existing savepoint (it completes the snapshot with
 * `spec.savepoint.path` as its result, whatever that is). Rules that look at the referenced job
 * live in cross-kind.ts.
 */
import { obj } from '../context';
import { pointer, type Finding } from '../finding';
import { finding } from '../rule';

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

export function stateSnapshotFindings(doc: Record<string, unknown>): Finding[] {
  const spec = obj(doc.spec) ?? {};
  const out: Finding[] = [];
  const savepoint = obj(spec.savepoint);
  const isSavepoint = present(spec.savepoint);
  const isCheckpoint = present(spec.checkpoint);
  if (isSavepoint === isCheckpoint) {
    out.push(
      finding('SNAPSHOT-TYPE', {
        path: isSavepoint ? pointer('spec', 'checkpoint') : pointer('spec'),
        message: isSavepoint ? 'spec sets both savepoint and checkpoint: a FlinkStateSnapshot is one or the other' : 'spec sets neither savepoint nor checkpoint: the operator does not know what to take',
        fix: isSavepoint ? 'keep spec.savepoint (a savepoint, portable across job versions) or spec.checkpoint: {} (a full checkpoint), not both' : 'add spec.savepoint: {} for a savepoint, or spec.checkpoint: {} for a checkpoint',
        operatorMessage: 'Exactly one of checkpoint or savepoint configurations has to be set.',
      }),
    );
  }
  // CheckpointSpec has no fields: the API server prunes whatever is written there.
  const cp = obj(spec.checkpoint);
  for (const k of Object.keys(cp ?? {})) {
    out.push(
      finding('SCHEMA-UNKNOWN-FIELD', {
        path: pointer('spec', 'checkpoint', k),
        value: cp![k],
        message: `unknown field "${k}" in spec.checkpoint: the CRD defines no fields there, so the API server would prune it silently`,
        fix: 'write spec.checkpoint: {} (a checkpoint takes no options)',
      }),
    );
  }
  const alreadyExists = savepoint?.alreadyExists === true;
  if (alreadyExists && (typeof savepoint.path !== 'string' || savepoint.path.trim() === '')) {
    out.push(
      finding('SNAPSHOT-ALREADY-EXISTS-PATH', {
        path: pointer('spec', 'savepoint', 'path'),
        message: 'spec.savepoint.alreadyExists is true but spec.savepoint.path is not set: the operator marks the snapshot COMPLETED with no path, so nothing can be restored from it',
        fix: 'set spec.savepoint.path to the existing savepoint, e.g. s3://bucket/savepoints/savepoint-1a2b3c-0123456789ab',
      }),
    );
  }
  if (isSavepoint && alreadyExists) return out; // the operator checks nothing else
  const ref = spec.jobReference;
  if (!present(ref)) {
    out.push(
      finding('SNAPSHOT-JOB-REFERENCE', {
        path: pointer('spec', 'jobReference'),
        message: 'spec.jobReference is not set: the operator does not know which job to snapshot',
        fix: 'set spec.jobReference: {kind: FlinkDeployment | FlinkSessionJob, name: <job>}, or, to register a savepoint that exists already, spec.savepoint: {path: <path>, alreadyExists: true}',
        operatorMessage: 'Job reference must be supplied for this snapshot',
      }),
    );
    return out;
  }
  const r = obj(ref);
  if (!r) return out; // the schema reports the type
  if (!present(r.name) || r.name === '') {
    const ns = obj(doc.metadata)?.namespace;
    out.push(
      finding('SNAPSHOT-JOB-REFERENCE', {
        path: pointer('spec', 'jobReference', 'name'),
        message: 'spec.jobReference.name is not set: no job can be found under an empty name',
        fix: 'set spec.jobReference.name to the metadata.name of the FlinkDeployment or FlinkSessionJob, in the snapshot\'s namespace',
        operatorMessage: `Target for snapshot ${typeof ns === 'string' ? ns : 'null'}/null was not found`,
      }),
    );
  }
  if (!present(r.kind)) {
    out.push(
      finding('SNAPSHOT-JOB-REFERENCE', {
        path: pointer('spec', 'jobReference', 'kind'),
        message: 'spec.jobReference.kind is not set: the operator looks the job up by kind',
        fix: 'set spec.jobReference.kind to FlinkDeployment (an application cluster) or FlinkSessionJob',
      }),
    );
  }
  return out;
}
