import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';

/**
 * A disk cache of compiled CRD validators.
 *
 * Compiling one CRD schema with ajv takes 130–240 ms; loading the same validator as the code ajv
 * generates for it takes ~20 ms. Every `cdk8s synth` is a new process, so without a cache each
 * run pays the compilation again. The generated code (~1 MB per schema, so not committed) is kept
 * in `node_modules/.cache/cdk8s-flink-bluegreen/` of the project being synthesized, named by a
 * hash of everything that shapes it (schema, ajv options and version), so a changed schema or an
 * upgraded ajv never meets stale code.
 *
 * Only a project-owned folder is used (never a shared temp folder, where another user could plant
 * code). No `node_modules` in the working directory, an unwritable folder or
 * `CDK8S_FLINK_VALIDATOR_CACHE=off` all mean: compile in memory, as without the cache. A
 * corrupt entry is removed and compiled again. Entries are written to a temporary name and
 * renamed, so concurrent runs never read half a file.
 */
export function cacheDir(): string | undefined {
  const setting = process.env.CDK8S_FLINK_VALIDATOR_CACHE;
  if (setting === 'off') return undefined;
  if (setting) return setting;
  const nodeModules = join(process.cwd(), 'node_modules');
  return existsSync(nodeModules) ? join(nodeModules, '.cache', 'cdk8s-flink-bluegreen') : undefined;
}

/**
 * The validator for `schema`: from the cache when an entry exists, else compiled (and stored).
 * `compiler` is called only to compile; its Ajv must have `code: { source: true }`, and
 * `optionsTag` names its options and what `prepare` does to the schema before compiling (the
 * cache is keyed by the schema as given, so `prepare` runs only on a cache miss).
 */
export function cachedValidator(compiler: () => Ajv, schema: object, optionsTag: string, prepare: (schema: object) => object = (s) => s): ValidateFunction {
  const dir = cacheDir();
  if (!dir) return compiler().compile(prepare(schema));
  const hash = createHash('sha256').update(AJV_VERSION).update('\0').update(optionsTag).update('\0').update(JSON.stringify(schema)).digest('hex').slice(0, 32);
  const file = join(dir, `${hash}.js`);
  const loaded = load(file);
  if (loaded) return loaded;
  const ajv = compiler();
  const fn = ajv.compile(prepare(schema));
  try {
    mkdirSync(dir, { recursive: true });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
    // A read-only or full disk only costs the compile next time.
    writeEntry(file, standaloneCode(ajv, fn));
  } catch {
    // The generated code could not be produced: compiled in memory, as without the cache.
  }
  return fn;
}

/**
 * Writes a cache entry under a random temporary name and renames it into place, so a concurrent
 * run never reads half a file; on failure the temporary file is removed and nothing is written.
 */
function writeEntry(file: string, data: string | Buffer): void {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}

function load(file: string): ValidateFunction | undefined {
  let code: string;
  try {
    code = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const codeCacheFile = `${file}.v8`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(codeCacheFile);
  } catch {
    cachedData = undefined;
  }
  try {
    // The code is a CommonJS module that requires ajv's runtime helpers; run it with our own
    // `require` so they resolve from this package wherever the cache folder is.
    const script = new Script(`(function (module, exports, require) {${code}\n})`, { filename: file, cachedData });
    const module = { exports: {} as unknown };
    (script.runInThisContext() as (m: unknown, e: unknown, r: unknown) => void)(module, module.exports, require);
    const fn = module.exports as ValidateFunction;
    if (typeof fn !== 'function') throw new Error('not a validator');
    if (cachedData === undefined || script.cachedDataRejected === true) saveCodeCacheLater(script, codeCacheFile);
    return fn;
  } catch {
    rmSync(file, { force: true });
    rmSync(codeCacheFile, { force: true });
    return undefined;
  }
}

/**
 * V8's code cache of a validator (its bytecode), written beside the generated code once the
 * current synchronous work (a synth, a validate run) has used the validator, so that the functions
 * V8 compiled lazily on first use are in it too. The next process skips parsing about a megabyte
 * of JavaScript per validator and compiling what it calls (bench/README.md: loading 8 validators
 * took 87 ms without and 30 ms with it). V8 checks the cache against its own version, flags and
 * the source, and ignores (`cachedDataRejected`) any that does not fit: it is then written again.
 */
function saveCodeCacheLater(script: Script, file: string): void {
  // Without a code cache (the write failed) the next run parses the code, as before.
  setImmediate(() => writeEntry(file, script.createCachedData()));
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AJV_VERSION: string = (require('ajv/package.json') as { version: string }).version;
