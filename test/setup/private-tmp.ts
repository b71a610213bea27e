/**
 * Test hygiene: every test file gets a private temporary folder, and everything the file (or a
 * process it starts) creates through the system temp folder goes into it: cdk8s's `Testing.app()`
 * makes a `cdk8s.outdir.*` folder per call, the tests make their own, Helm its caches. The folder
 * is removed when the file's tests end, so a run leaves nothing behind and never touches anything
 * it did not create (no clean-up by name pattern: the one folder removed is the one made here).
 *
 * `os.tmpdir()` reads TMPDIR on every call (POSIX), and child processes inherit it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const systemTmp = tmpdir();
const privateTmp = mkdtempSync(join(systemTmp, 'cdk8s-flink-test-'));
const previous = process.env.TMPDIR;
process.env.TMPDIR = privateTmp;

afterAll(() => {
  if (previous === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previous;
  rmSync(privateTmp, { recursive: true, force: true });
});
