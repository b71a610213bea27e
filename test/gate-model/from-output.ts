/**
 * Feeds the model with what the constructs really synthesize: for a history of cutover steps,
 * BlueGreenFlinkJob is built and synthesized like a user's app, and its objects are read back
 * (gate ConfigMap data, each FlinkDeployment's own colour, ConfigMap name and restore path),
 * grouped by the cluster and namespace they go to.
 */
import { App, Chart, Testing } from 'cdk8s';
import { AgentInjection, BlueGreenFlinkJob, Colour, Cutover, Gate, GatePosition } from '../../src';
import { CLUSTER_ANNOTATION, ClusterTarget } from '../../src/cluster-target';
import { baseSpec } from '../constructs/helpers';
import { memoryApp } from '../helpers/memory-app';
import type { ColourValue } from './gate';
import type { CommitOutput, DeploymentOutput, HistoryStep, PlacementOutput, Synthesize } from './simulation';

export type Topology = 'same-namespace' | 'cross-namespace' | 'cross-cluster';
export const TOPOLOGIES: readonly Topology[] = ['same-namespace', 'cross-namespace', 'cross-cluster'];

/** A change to the synthesized objects (to put a known trap back). */
export type OutputMutation = (objects: any[], history: readonly HistoryStep[]) => any[];

export interface SynthesizerOptions {
  readonly topology: Topology;
  readonly position?: 'BEFORE_SINK' | 'AFTER_SOURCE';
  readonly mutate?: OutputMutation;
}

function targetsFor(app: App, topology: Topology) {
  if (topology === 'same-namespace') return undefined;
  if (topology === 'cross-namespace') {
    return { blue: ClusterTarget.of({ namespace: 'ledger-a' }), green: ClusterTarget.of({ namespace: 'ledger-b' }) };
  }
  return {
    blue: ClusterTarget.of({ cluster: 'eu-west', namespace: 'payments', chart: new Chart(app, 'eu-west', { namespace: 'payments' }) }),
    green: ClusterTarget.of({ cluster: 'eu-central', namespace: 'payments', chart: new Chart(app, 'eu-central', { namespace: 'payments' }) }),
  };
}

/** The objects the constructs emit for a history (one commit of the user's repository). */
export function synthesizeHistory(history: readonly HistoryStep[], opts: SynthesizerOptions): any[] {
  const app = memoryApp();
  const chart = new Chart(app, 'ledger', { namespace: 'payments' });
  let cutover = Cutover.startOn(Colour.BLUE);
  for (const s of history) {
    cutover = s === 'complete' ? cutover.complete() : cutover.cutoverTo(s.to === 'BLUE' ? Colour.BLUE : Colour.GREEN, { at: new Date(s.at), savepointPath: s.savepointPath });
  }
  new BlueGreenFlinkJob(chart, 'Ledger', {
    name: 'ledger',
    ...baseSpec(),
    gate: Gate.watermark({ fieldPath: 'bookedAt', position: opts.position === 'AFTER_SOURCE' ? GatePosition.AFTER_SOURCE : GatePosition.BEFORE_SINK }),
    injection: AgentInjection.manifest({ agentImage: 'ghcr.io/apache/flink-kubernetes-operator:1.16.0' }),
    targets: targetsFor(app, opts.topology),
    cutover,
  });
  const errors = app.node.findAll().flatMap((c) => c.node.validate());
  if (errors.length > 0) throw new Error(`the constructs refused the history: ${errors.join('; ')}`);
  const objects = app.charts.flatMap((c) => Testing.synth(c));
  return opts.mutate ? opts.mutate(objects, history) : objects;
}

/** Reads synthesized objects back into the model's terms. */
export function readOutput(objects: readonly any[]): CommitOutput {
  const placements = new Map<string, { cluster: string; namespace: string; configMaps: Map<string, Record<string, string>>; deployments: DeploymentOutput[] }>();
  const placementOf = (o: any) => {
    const cluster = o.metadata?.annotations?.[CLUSTER_ANNOTATION] ?? 'home';
    const namespace = o.metadata?.namespace ?? 'default';
    const key = `${cluster}/${namespace}`;
    let p = placements.get(key);
    if (!p) placements.set(key, (p = { cluster, namespace, configMaps: new Map(), deployments: [] }));
    return p;
  };
  for (const o of objects) {
    if (o.kind === 'ConfigMap' && o.metadata?.labels?.['flink.bluegreen/gate-configmap'] === 'true') {
      placementOf(o).configMaps.set(o.metadata.name, { ...o.data });
    } else if (o.kind === 'FlinkDeployment') {
      const conf: Record<string, string> = o.spec?.flinkConfiguration ?? {};
      const own = conf['bluegreen.active-deployment-type'];
      placementOf(o).deployments.push({
        name: o.metadata.name,
        ownColour: own === 'BLUE' || own === 'GREEN' ? (own as ColourValue) : undefined,
        configMapName: conf['bluegreen.configmap.name'],
        injectionEnabled: conf['bluegreen.gate.injection.enabled'] === 'true',
        initialSavepointPath: o.spec?.job?.initialSavepointPath,
        position: conf['bluegreen.gate.injection.position'] === 'AFTER_SOURCE' ? 'AFTER_SOURCE' : 'BEFORE_SINK',
      });
    }
  }
  return { placements: placements as ReadonlyMap<string, PlacementOutput> };
}

/** A synthesizer for the model, caching by history (a run replays each commit once anyway). */
export function synthesizer(opts: SynthesizerOptions): Synthesize {
  return (history) => readOutput(synthesizeHistory(history, opts));
}
