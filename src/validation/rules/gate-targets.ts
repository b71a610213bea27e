/**
 * A manifest-wired job whose colours run apart (two clusters, or two namespaces): each side has its
 * own gate ConfigMap and neither gate reads the other's, so the two must say the same thing, and the
 * new side must be able to read the savepoint it restores from. Judged across the documents of one
 * input (both targets' output given to `validate` together); one side alone has nothing to compare.
 *
 * Two ConfigMaps are one job's targets when they have the same name and each sits beside the
 * FlinkDeployment of one colour that uses it (`bluegreen.configmap.name`), blue on one side and
 * green on the other.
 */
import { CLUSTER_ANNOTATION } from '../../cluster-annotation';
import { isLocalStorage } from '../../local-storage';
import { GATE_CONFIGMAP_LABEL } from '../../gate-configmap';
import { OperatorVersion } from '../../operator-version';
import { obj, specContext } from '../context';
import { pointer, type Finding } from '../finding';
import { isRecord } from '../flink-config';
import { finding, show } from '../rule';
import { isGateJob } from './manifest-wiring';

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

interface Side {
  readonly index: number;
  readonly place: string;
  readonly data: Record<string, unknown>;
}

function placeOf(doc: Record<string, unknown>): string {
  const md = obj(doc.metadata);
  return `${str(obj(md?.annotations)?.[CLUSTER_ANNOTATION]) ?? ''}/${str(md?.namespace) ?? ''}`;
}

/** Findings per document index. */
export function gateTargetFindings(docs: readonly unknown[]): Finding[][] {
  const out: Finding[][] = docs.map(() => []);
  // Which colours use which ConfigMap, per place.
  const colours = new Map<string, Map<string, { colour: string; index: number; savepoint?: string }[]>>();
  docs.forEach((doc, index) => {
    if (!isRecord(doc) || doc.kind !== 'FlinkDeployment' || !isRecord(doc.spec)) return;
    const ctx = specContext(doc.spec, ['spec'], str(obj(doc.metadata)?.name), undefined, OperatorVersion.DEFAULT, false);
    const cm = ctx.conf.values.get('bluegreen.configmap.name');
    const colour = ctx.conf.values.get('bluegreen.active-deployment-type');
    if (!isGateJob(ctx) || !cm || !colour) return;
    const byPlace = colours.get(cm) ?? new Map();
    const list = byPlace.get(placeOf(doc)) ?? [];
    list.push({ colour, index, savepoint: str(obj(doc.spec.job)?.initialSavepointPath) });
    byPlace.set(placeOf(doc), list);
    colours.set(cm, byPlace);
  });
  const sides = new Map<string, Side[]>();
  docs.forEach((doc, index) => {
    if (!isRecord(doc) || doc.kind !== 'ConfigMap') return;
    const md = obj(doc.metadata);
    const name = str(md?.name);
    if (!name || (str(obj(md?.labels)?.[GATE_CONFIGMAP_LABEL]) !== 'true' && !colours.has(name))) return;
    const list = sides.get(name) ?? [];
    list.push({ index, place: placeOf(doc), data: obj(doc.data) ?? {} });
    sides.set(name, list);
  });
  for (const [name, list] of sides) {
    const users = colours.get(name);
    if (!users || list.length !== 2 || list[0].place === list[1].place) continue;
    const [a, b] = list.map((s) => users.get(s.place) ?? []);
    const only = (xs: { colour: string }[]) => (xs.length === 1 ? xs[0].colour : undefined);
    if (!only(a) || !only(b) || only(a) === only(b)) continue;
    // One job, two targets: the data must be the same key for key.
    const [first, second] = list;
    const keys = [...new Set([...Object.keys(first.data), ...Object.keys(second.data)])].sort();
    for (const key of keys) {
      if (first.data[key] === second.data[key]) continue;
      out[second.index].push(
        finding('GATE-CONFIGMAP-MISMATCH', {
          path: pointer('data', key),
          value: second.data[key],
          message: `gate ConfigMap "${name}" in ${second.place} has ${key}: ${show(second.data[key])}, but its other target (${first.place}) has ${show(first.data[key])}: each job's gate reads only its own side, so the jobs would cut over at different points (records lost or emitted twice)`,
          fix: 'give both targets the same data for every key (the same cutover time, active colour and stage keys); BlueGreenFlinkJob with targets emits them from one source',
        }),
      );
    }
    // The new colour restores from a savepoint the old one wrote: it must be readable from both sides.
    const active = str(first.data['active-deployment-type']);
    for (const user of [...a, ...b]) {
      if (user.colour !== active || !user.savepoint || !isLocalStorage(user.savepoint)) continue;
      out[user.index].push(
        finding('GATE-SAVEPOINT-LOCAL', {
          path: pointer('spec', 'job', 'initialSavepointPath'),
          value: user.savepoint,
          message: `the ${user.colour} deployment restores from ${show(user.savepoint)}, local storage of the other target's pods: the savepoint was written in ${users.size > 1 ? 'another cluster or namespace' : 'another place'} and cannot be read here`,
          fix: 'take the savepoint to storage both targets read (s3://, gs://, abfss://, hdfs://, …) and restore from there',
        }),
      );
    }
  }
  return out;
}
