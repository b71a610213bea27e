/** Small manifest builders: a baseline object and a deep-merged variant of it. */
type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge; `undefined` in the patch deletes the key. */
export function merge(base: unknown, patch: unknown): unknown {
  if (!isObj(base) || !isObj(patch)) return patch;
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = merge(base[k], v);
  }
  return out;
}

export function baseSpec(): Json {
  return {
    image: 'registry.example.com/app:1.0.0',
    flinkVersion: 'v1_20',
    serviceAccount: 'flink',
    flinkConfiguration: { 'state.savepoints.dir': 's3://b/sp', 'state.checkpoints.dir': 's3://b/cp' },
    jobManager: { resource: { cpu: 1, memory: '2048m' } },
    taskManager: { resource: { cpu: 1, memory: '2048m' } },
    job: { jarURI: 'local:///opt/flink/usrlib/app.jar', parallelism: 2, upgradeMode: 'savepoint' },
  };
}

export function fd(specPatch: unknown = {}, meta: Json = {}): Json {
  return { apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment', metadata: { name: 'app', namespace: 'ns', ...meta }, spec: merge(baseSpec(), specPatch) };
}

/** A blue/green resource; `templatePatch` goes into spec.template.spec, `specPatch` into spec. */
export function bg(templatePatch: unknown = {}, specPatch: Json = {}, meta: Json = {}): Json {
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkBlueGreenDeployment',
    metadata: { name: 'app', namespace: 'ns', ...meta },
    spec: merge({ template: { spec: merge(baseSpec(), templatePatch) } }, specPatch),
  };
}
