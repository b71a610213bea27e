/**
 * "Did you mean" for unknown props. Besides spelling mistakes (`checkpointDir`), users write what
 * they know from the YAML or from Flink: the configuration key a typed prop sets
 * (`state.checkpoints.dir`), the operator's field (`transitionMode`), the FLIP-504 key prefix
 * (`bluegreen`). Those map to the prop that owns them.
 */
import { didYouMean } from '../did-you-mean';

/** Names users reach for, by the prop that sets that thing. Only suggested where the prop exists. */
const OWNERS: Readonly<Record<string, string>> = {
  bluegreen: 'gate',
  blueGreen: 'gate',
  transitionMode: 'gate',
  'bluegreen.gate': 'gate',
  'state.checkpoints.dir': 'checkpointsDir',
  'execution.checkpointing.dir': 'checkpointsDir',
  'state.savepoints.dir': 'savepointsDir',
  'execution.checkpointing.savepoint-dir': 'savepointsDir',
  'execution.checkpointing.interval': 'checkpointInterval',
  'taskmanager.numberOfTaskSlots': 'taskSlots',
  'env.java.opts.jobmanager': 'jobManagerJvmOptions',
  serviceAccountName: 'serviceAccount',
  'high-availability': 'highAvailability',
  'high-availability.type': 'highAvailability',
  logConfiguration: 'logging',
  resource: 'resources',
};

/** Props one level down (`job.parallelism`) that users put at the top level. */
const NESTED: Readonly<Record<string, string>> = {
  jarURI: 'job.jarURI',
  entryClass: 'job.entryClass',
  args: 'job.args',
  parallelism: 'job.parallelism',
  upgradeMode: 'job.upgradeMode',
  state: 'job.state',
  initialSavepointPath: 'job.initialSavepointPath',
  allowNonRestoredState: 'job.allowNonRestoredState',
};

/** The prop to suggest for `unknown` among the `known` props of the same object, if any. */
export function suggestProp(unknown: string, known: readonly string[]): string | undefined {
  const owner = OWNERS[unknown];
  if (owner !== undefined && known.includes(owner)) return owner;
  const here = didYouMean(unknown, known);
  if (here !== undefined) return here;
  // A job prop at the top level, as written or misspelt.
  const leaf = didYouMean(unknown, Object.keys(NESTED));
  const nested = leaf === undefined ? undefined : NESTED[leaf];
  return nested !== undefined && known.includes(nested.split('.')[0]) ? nested : undefined;
}
