/**
 * The props with every prop that has a problem taken out, so the rest can still be rendered and
 * checked in the same round ("check what can be checked"): a `checkpointInterval` given as a
 * string must not hide a missing `savepointsDir`. A taken-out prop falls back to its default, and
 * findings on it are dropped as repeats of its prop problem (see checkAll).
 */
import type { PropProblem } from '../prop-problem';

/** Props that are string maps: a problem path `flinkConfiguration.a.b` names the key `a.b`. */
const MAPS = new Set(['flinkConfiguration', 'labels', 'annotations', 'podLabels', 'podAnnotations']);

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function withoutProblemProps<P extends object>(props: P, problems: readonly PropProblem[]): P {
  let out: Obj = { ...(props as Obj) };
  for (const { path } of problems) {
    const segs = path.split('.');
    if (segs[0] === '(props)' || !(segs[0] in out)) continue;
    if (MAPS.has(segs[0]) && segs.length > 1) {
      const map = out[segs[0]];
      if (isObj(map)) {
        const rest = { ...map };
        delete rest[segs.slice(1).join('.')];
        out = { ...out, [segs[0]]: rest };
      }
      continue;
    }
    // One level down at most (`job.upgradeMode`, `jobManager.memory`); anything deeper or inside a
    // list (`podTemplate.spec.containers.0.name`) takes its whole top-level prop out.
    const inner = out[segs[0]];
    if (segs.length === 2 && isObj(inner)) {
      const rest = { ...inner };
      delete rest[segs[1]];
      out = { ...out, [segs[0]]: rest };
    } else {
      const rest = { ...out };
      delete rest[segs[0]];
      out = rest;
    }
  }
  return out as P;
}
