/**
 * The package the bench app builds with. `bench/run.ts` compiles src/ into bench/out/lib first and
 * passes it in BENCH_PACKAGE, so a benchmarked synth runs what users install: our compiled
 * JavaScript, with only the app file itself compiled on the fly (by tsx here, by ts-node in a
 * `cdk8s init` project). Without BENCH_PACKAGE (the tests) it is the sources.
 */
import { resolve } from 'node:path';
import type * as Package from '../src';

let loaded: typeof Package | undefined;

export function packageUnderTest(): typeof Package {
  const dir = process.env.BENCH_PACKAGE;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= (dir ? require(resolve(dir, 'src', 'index.js')) : require('../src')) as typeof Package);
}

/**
 * `synthAtomically` alone, from the same place: the raw-cdk8s app writes through the same output
 * writer as ours but must not pay for loading the rest of the package.
 */
export function synthAtomicallyUnderTest(): typeof Package.synthAtomically {
  const dir = process.env.BENCH_PACKAGE;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return ((dir ? require(resolve(dir, 'src', 'atomic-synth.js')) : require('../src/atomic-synth')) as { synthAtomically: typeof Package.synthAtomically }).synthAtomically;
}
