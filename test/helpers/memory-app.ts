import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, Testing } from 'cdk8s';

/**
 * An App for `Testing.synth` only. `Testing.app()` creates a temporary output folder per call and
 * never removes it (a property test creating thousands of apps leaves thousands of folders); this
 * one names a folder that is never created, because nothing here calls `app.synth()`.
 */
export function memoryApp(): App {
  return Testing.app({ outdir: join(tmpdir(), 'cdk8s-flink-bluegreen-never-written') });
}
