/**
 * A discrete-time simulation of a manifest-wired blue/green job: the record stream, the jobs the
 * committed output starts and stops, the ConfigMap(s) each job's gate reads and writes, and the
 * person (or bot) who merges the next commit. Time is in ticks; record `i` exists from tick `i` on.
 *
 * What is assumed about Flink (and can be switched off to show what breaks):
 * - every job reads the same source in the same order, and a restored job resumes exactly at the
 *   savepoint's position (exactly-once sources);
 * - the watermark a gate subtask has when a record reaches it is a function of the stream, the same
 *   in both jobs (`divergentWatermark` replaces it, e.g. for idleness detected on processing time);
 * - the sink is exactly-once (transactional): after a failover, what a job emitted since the
 *   checkpoint it restarts from is rolled back and emitted again by the replay.
 */
import { compareAndSet, decide, NO_WATERMARK, readGateView, scheduledWrite, type ColourValue, type GateView } from './gate';

export interface StreamRecord {
  readonly id: number;
  /** Event time, epoch ms. */
  readonly ts: number;
  /** Gate subtask the record reaches. */
  readonly subtask: number;
  /** That subtask's watermark when the record reaches it. */
  readonly wm: number;
}

export interface Stream {
  readonly records: readonly StreamRecord[];
  readonly parallelism: number;
}

/** One FlinkDeployment as the output declares it, reduced to what the gate and the restore read. */
export interface DeploymentOutput {
  readonly name: string;
  /** `bluegreen.active-deployment-type`: the job's own colour; absent means no gate is injected. */
  readonly ownColour?: ColourValue;
  readonly configMapName?: string;
  readonly injectionEnabled: boolean;
  readonly initialSavepointPath?: string;
  readonly position: 'BEFORE_SINK' | 'AFTER_SOURCE';
}

/** Everything one commit puts into one cluster and namespace. */
export interface PlacementOutput {
  readonly cluster: string;
  readonly namespace: string;
  readonly configMaps: ReadonlyMap<string, Readonly<Record<string, string>>>;
  readonly deployments: readonly DeploymentOutput[];
}

export interface CommitOutput {
  /** Keyed by `cluster/namespace`. */
  readonly placements: ReadonlyMap<string, PlacementOutput>;
}

/** One cutover of the scenario. */
export interface CutoverPlan {
  /** Ticks between the previous commit being fully applied and the savepoint of the old colour. */
  readonly gap: number;
  /** Ticks between the savepoint and the first cluster applying the cutover commit. */
  readonly applyDelay: number;
  /** Extra ticks per cluster (index in sorted cluster order) before it applies a commit. */
  readonly clusterJitter: readonly number[];
  /** Within one cluster: the ConfigMap before the FlinkDeployments, or after; and the ticks between. */
  readonly configMapFirst: boolean;
  readonly objectGap: number;
  /** T minus the newest event time the old job can have seen when the last cluster applies (ms). */
  readonly margin: number;
  /** Ticks between the merge condition holding and the complete() commit. */
  readonly completeDelay: number;
}

export interface SimulationPlan {
  readonly stream: Stream;
  readonly cutovers: readonly CutoverPlan[];
  /** Whether the last cutover is completed (false: the output ends in the middle of a cutover). */
  readonly completeLast: boolean;
  /** Ticks from a FlinkDeployment being applied to its job processing records. */
  readonly startDelay: number;
  /** Records per tick a restored job processes while it catches up (≥ 1). */
  readonly speed: number;
  /** Informer lag of each job's view of its ConfigMap, in ticks (cycled over the jobs). */
  readonly lags: readonly number[];
  /** Ticks between a gate write being requested and performed. */
  readonly writeDelay: number;
  /**
   * When complete() is merged: `runbook` = the old side's ConfigMap says CLEAR_TO_TEARDOWN and
   * both jobs' gates have a watermark past T on every subtask; `clear-to-teardown` = the stage alone.
   */
  readonly mergePolicy: 'runbook' | 'clear-to-teardown';
  /**
   * A failover of the surviving job some ticks after each complete() (before the next cutover
   * starts): it restarts from a checkpoint `rewind` records back; what it emitted since is rolled
   * back (transactional sink) and replayed.
   */
  readonly failover?: { readonly afterComplete: number; readonly rewind: number };
  /**
   * A failover during each cutover, some ticks after the cutover commit is applied, of the old job
   * (`old`) or the new one; it restarts from a checkpoint `rewind` records back.
   */
  readonly cutoverFailover?: { readonly afterApply: number; readonly rewind: number; readonly old: boolean };
}

/** A history step handed to the synthesizer. */
export type HistoryStep = { readonly to: ColourValue; readonly at: number; readonly savepointPath: string } | 'complete';

/** Synthesizes the output for a history (commit 0 = []: stable on the start colour). */
export type Synthesize = (history: readonly HistoryStep[]) => CommitOutput;

/** Replaces the shared watermark of a record for one job (idleness, processing-time watermarks). */
export type DivergentWatermark = (job: { readonly name: string; readonly generation: number }, r: StreamRecord, stream: Stream) => number;

export interface SimulationResult {
  /** Emissions per record id, summed over all jobs. */
  readonly emitted: readonly number[];
  /** Records of the surviving job's state (1 = counted once), for the state check. */
  readonly finalState: readonly number[];
  /** Records the final job processed (its state should hold exactly those and the restored ones). */
  readonly processedUpTo: number;
  readonly log: readonly string[];
  readonly toggles: readonly number[];
}

interface Job {
  readonly key: string;
  readonly name: string;
  readonly generation: number;
  readonly placement: string;
  readonly deployment: DeploymentOutput;
  readonly from: number;
  /** Position processing (re)started from, for the catch-up timing. */
  base: number;
  /** Earliest checkpoint a failover can go back to (the runbook's checkpoint past the previous T). */
  floor: number;
  startTick: number;
  stopTick: number;
  next: number;
  readonly lag: number;
  readonly restored: Uint8Array;
  readonly inState: Uint8Array;
  readonly emittedHere: Uint8Array;
  view?: GateView;
  readonly lastWm: number[];
  readonly pendingSince: number[];
  readonly pendingClear: boolean[];
  opened: boolean;
}

interface ConfigMapStore {
  /** Versions in time order: data (undefined = deleted) from `tick` on. */
  readonly versions: Array<{ tick: number; data: Record<string, string> | undefined }>;
  owned: Set<string>;
}

type ObjectEvent =
  | { tick: number; kind: 'configmap'; placement: string; name: string; data: Readonly<Record<string, string>> | undefined }
  | { tick: number; kind: 'deployment'; placement: string; deployment: DeploymentOutput | undefined; name: string };

export function simulate(plan: SimulationPlan, synth: Synthesize, divergent?: DivergentWatermark): SimulationResult {
  const { records } = plan.stream;
  const n = records.length;
  const emitted = new Array<number>(n).fill(0);
  const log: string[] = [];
  const toggles: number[] = [];
  const stores = new Map<string, ConfigMapStore>();
  const jobs: Job[] = [];
  const savepoints = new Map<string, { position: number; state: Uint8Array }>();
  let events: ObjectEvent[] = [];
  let current: CommitOutput = { placements: new Map() };
  const history: HistoryStep[] = [];
  let generation = 0;

  const storeOf = (key: string) => {
    let s = stores.get(key);
    if (!s) stores.set(key, (s = { versions: [], owned: new Set() }));
    return s;
  };
  const liveData = (key: string) => {
    const v = stores.get(key)?.versions;
    return v && v.length ? v[v.length - 1].data : undefined;
  };
  const dataAt = (key: string, tick: number) => {
    const v = stores.get(key)?.versions ?? [];
    let out: Record<string, string> | undefined;
    for (const x of v) if (x.tick <= tick) out = x.data;
    return out;
  };
  const cmKey = (placement: string, name: string) => `${placement}/${name}`;
  const liveJob = (placement: string, name: string) => jobs.find((j) => j.placement === placement && j.name === name && j.stopTick === Infinity);

  /** Turns a commit into object events: each cluster applies at its own tick, objects in the given order. */
  const schedule = (out: CommitOutput, base: number, c: CutoverPlan) => {
    const placements = [...new Set([...out.placements.keys(), ...current.placements.keys()])].sort();
    const clusters = [...new Set(placements.map((p) => p.split('/')[0]))].sort();
    let last = base;
    for (const p of placements) {
      const ci = clusters.indexOf(p.split('/')[0]);
      const at = base + (c.clusterJitter[ci % Math.max(1, c.clusterJitter.length)] ?? 0);
      const cmTick = c.configMapFirst ? at : at + c.objectGap;
      const fdTick = c.configMapFirst ? at + c.objectGap : at;
      last = Math.max(last, cmTick, fdTick);
      const now = out.placements.get(p);
      const before = current.placements.get(p);
      for (const name of new Set([...(now?.configMaps.keys() ?? []), ...(before?.configMaps.keys() ?? [])])) {
        events.push({ tick: cmTick, kind: 'configmap', placement: p, name, data: now?.configMaps.get(name) });
      }
      for (const name of new Set([...(now?.deployments.map((d) => d.name) ?? []), ...(before?.deployments.map((d) => d.name) ?? [])])) {
        events.push({ tick: fdTick, kind: 'deployment', placement: p, name, deployment: now?.deployments.find((d) => d.name === name) });
      }
    }
    current = out;
    events.sort((a, b) => a.tick - b.tick);
    return last;
  };

  const applyEvent = (e: ObjectEvent) => {
    if (e.kind === 'configmap') {
      const key = cmKey(e.placement, e.name);
      const store = storeOf(key);
      if (e.data === undefined) {
        store.versions.push({ tick: e.tick, data: undefined });
        store.owned = new Set();
        return;
      }
      // kubectl apply / server-side apply: Git's keys win, keys Git stopped declaring are removed,
      // keys only the gate ever wrote are kept.
      const live = liveData(key) ?? {};
      const next: Record<string, string> = {};
      for (const [k, v] of Object.entries(live)) if (!store.owned.has(k)) next[k] = v;
      Object.assign(next, e.data);
      store.owned = new Set(Object.keys(e.data));
      store.versions.push({ tick: e.tick, data: next });
      log.push(`t=${e.tick} ${e.placement} apply ConfigMap ${e.name}: active ${next['active-deployment-type']}, stage ${next.stage}, toggle ${next['is-first-deployment'] === 'true' ? '0 (first deployment)' : (next['watermark-toggle-value'] ?? 'none')}`);
      return;
    }
    const existing = liveJob(e.placement, e.name);
    if (e.deployment === undefined) {
      if (existing) {
        existing.stopTick = e.tick;
        log.push(`t=${e.tick} ${e.placement} delete ${e.name} (processed up to #${existing.next - 1})`);
      }
      return;
    }
    if (existing && JSON.stringify(existing.deployment) === JSON.stringify(e.deployment)) return;
    if (existing) existing.stopTick = e.tick;
    const sp = e.deployment.initialSavepointPath ? savepoints.get(e.deployment.initialSavepointPath) : undefined;
    const from = sp?.position ?? 0;
    const job: Job = {
      key: `${e.placement}/${e.name}#${generation}`,
      name: e.name,
      generation: generation++,
      placement: e.placement,
      deployment: e.deployment,
      from,
      base: from,
      floor: from,
      startTick: e.tick + plan.startDelay,
      stopTick: Infinity,
      next: from,
      lag: plan.lags[jobs.length % plan.lags.length] ?? 0,
      restored: sp ? sp.state.slice() : new Uint8Array(n),
      inState: new Uint8Array(n),
      emittedHere: new Uint8Array(n),
      lastWm: new Array(plan.stream.parallelism).fill(NO_WATERMARK),
      pendingSince: new Array(plan.stream.parallelism).fill(-1),
      pendingClear: new Array(plan.stream.parallelism).fill(false),
      opened: false,
    };
    jobs.push(job);
    log.push(`t=${e.tick} ${e.placement} create ${e.name} (own colour ${e.deployment.ownColour ?? 'MISSING'}, from #${from})`);
  };

  const gated = (j: Job) => j.deployment.ownColour !== undefined && j.deployment.configMapName !== undefined && j.deployment.injectionEnabled;
  const tickOf = (j: Job, i: number) => Math.max(i, j.startTick + Math.floor((i - j.base) / plan.speed));

  const processRecord = (j: Job, t: number) => {
    const r = records[j.next];
    const wm = divergent ? divergent(j, r, plan.stream) : r.wm;
    let emit = true;
    if (gated(j)) {
      const key = cmKey(j.placement, j.deployment.configMapName!);
      const seen = readGateView(dataAt(key, t - j.lag), j.deployment.ownColour!);
      if (typeof seen !== 'string') j.view = seen;
      const view = j.view!;
      // A pending write goes out on the first record after the write delay (GateProcessFunction).
      const s = r.subtask;
      if (j.pendingSince[s] >= 0 && t - j.pendingSince[s] >= plan.writeDelay) {
        j.pendingSince[s] = -1;
        const w = scheduledWrite(view, j.lastWm[s], j.pendingClear[s]);
        if (w?.key === 'stage') j.pendingClear[s] = false;
        const written = w ? compareAndSet(liveData(key), w) : undefined;
        if (written) {
          storeOf(key).versions.push({ tick: t, data: written });
          if (w!.key === 'watermark-toggle-value') toggles.push(Number(written['watermark-toggle-value']));
          log.push(`t=${t} ${j.key} subtask ${s} writes ${JSON.stringify(w!.entries)}`);
        }
      }
      const d = decide(view, wm, r.ts);
      emit = d.emit;
      if (d.write) {
        if (j.pendingSince[s] < 0) j.pendingSince[s] = t;
        if (d.write === 'CLEAR_TO_TEARDOWN') j.pendingClear[s] = true;
      }
    }
    j.lastWm[r.subtask] = Math.max(j.lastWm[r.subtask], wm);
    if (emit) {
      emitted[r.id] += 1;
      j.emittedHere[r.id] = 1;
    }
    // State downstream of an AFTER_SOURCE gate only sees what the gate passes.
    if (j.deployment.position === 'BEFORE_SINK' || emit) j.inState[r.id] = 1;
    j.next += 1;
  };

  const canOpen = (j: Job, t: number) => {
    if (!gated(j)) return true;
    // open() reads the ConfigMap; a failure fails the job, which restarts from the same position.
    const seen = readGateView(dataAt(cmKey(j.placement, j.deployment.configMapName!), t - j.lag), j.deployment.ownColour!);
    if (typeof seen === 'string') return false;
    j.view = seen;
    return true;
  };

  const snapshot = (j: Job, position: number) => {
    const s = j.restored.slice();
    for (let i = j.from; i < position; i++) if (j.inState[i]) s[i] = 1;
    return s;
  };

  // Commit 0: stable on the start colour, everywhere at tick 0.
  const first = synth([]);
  let phaseEnd = schedule(first, 0, { gap: 0, applyDelay: 0, clusterJitter: [0], configMapFirst: true, objectGap: 0, margin: 0, completeDelay: 0 });
  let step = 0;
  let stage: 'wait-savepoint' | 'cutover' | 'wait-complete' | 'done' = plan.cutovers.length ? 'wait-savepoint' : 'done';
  let cutoverT = 0;
  let oldJob: Job | undefined;
  let failoverAt = -1;
  const maxTick = n * (plan.cutovers.length + 2) + 200;

  for (let t = 0; t <= maxTick; t++) {
    while (events.length && events[0].tick <= t) applyEvent(events.shift()!);

    // The human side: savepoint, cutover commit, complete() commit.
    const c = plan.cutovers[step];
    const active = jobs.find((j) => j.stopTick === Infinity && j.opened && gated(j));
    // The runbook starts a cutover only once the active job runs with its gate past the previous T
    // (after a failover it first has to catch up again).
    const caughtUp = active !== undefined && (step === 0 || active.lastWm.every((w) => w > cutoverT));
    if (stage === 'wait-savepoint' && t >= phaseEnd + c.gap && !caughtUp && (active === undefined || active.next >= n)) {
      stage = 'done'; // the stream ended before the active job caught up: no further cutover
    } else if (stage === 'wait-savepoint' && t >= phaseEnd + c.gap && caughtUp) {
      // It has checkpointed past the previous T before the cutover starts.
      active.floor = Math.max(active.floor, active.next);
      oldJob = active;
      // A failover still pending would replay records from before the previous T under the next
      // cutover's toggle: the runbook starts a cutover only after the active job has checkpointed
      // past the previous T, so no checkpoint it could fall back to lies before it.
      if (failoverAt >= t) failoverAt = -1;
      if (oldJob && oldJob.next < n) {
        const path = `s3://savepoints/${step}`;
        savepoints.set(path, { position: oldJob.next, state: snapshot(oldJob, oldJob.next) });
        const base = t + c.applyDelay;
        const clusters = [...new Set([...current.placements.keys()].map((p) => p.split('/')[0]))];
        const lastApply = base + Math.max(0, ...c.clusterJitter) + c.objectGap + Math.max(0, ...plan.lags) + 1;
        // The newest event time (or watermark) any job can have seen when the last cluster applies.
        let seen = 0;
        for (let i = 0; i <= Math.min(n - 1, lastApply); i++) seen = Math.max(seen, records[i].ts, records[i].wm);
        cutoverT = seen + c.margin;
        const to: ColourValue = oldJob.deployment.ownColour === 'BLUE' ? 'GREEN' : 'BLUE';
        history.push({ to, at: cutoverT, savepointPath: path });
        log.push(`t=${t} savepoint of ${oldJob.key} at #${oldJob.next}; cutover to ${to} at T=${cutoverT}${clusters.length > 1 ? ` across ${clusters.join(', ')}` : ''}`);
        phaseEnd = schedule(synth(history), base, c);
        stage = 'cutover';
      } else {
        stage = 'done';
      }
    } else if (stage === 'cutover' && t >= phaseEnd) {
      const last = step === plan.cutovers.length - 1;
      if (last && !plan.completeLast) stage = 'done';
      else if (oldJob) {
        const data = liveData(cmKey(oldJob.placement, oldJob.deployment.configMapName!));
        const clear = data?.stage === 'CLEAR_TO_TEARDOWN';
        // Both gates past T on every subtask: the old one emits nothing more, and the new one has
        // caught up, so the next cutover's toggle cannot make it re-emit records before this T.
        const newJob = [...jobs].reverse().find((j) => j.stopTick === Infinity && j !== oldJob && gated(j));
        const passed = oldJob.lastWm.every((w) => w > cutoverT) && newJob !== undefined && newJob.lastWm.every((w) => w > cutoverT);
        if (clear && (plan.mergePolicy === 'clear-to-teardown' || passed)) {
          history.push('complete');
          log.push(`t=${t} merge complete() (old gate watermarks ${oldJob.lastWm.join(',')}, T=${cutoverT})`);
          phaseEnd = schedule(synth(history), t + c.completeDelay, c);
          stage = 'wait-complete';
        }
      }
    } else if (stage === 'wait-complete' && t >= phaseEnd) {
      if (plan.failover) failoverAt = t + plan.failover.afterComplete;
      step += 1;
      stage = step < plan.cutovers.length ? 'wait-savepoint' : 'done';
    }

    const failOver = (j: Job, rewind: number) => {
      {
        const back = Math.max(j.floor, j.next - rewind);
        for (let i = back; i < j.next; i++) {
          if (j.emittedHere[i]) emitted[i] -= 1;
          j.emittedHere[i] = 0;
          j.inState[i] = 0;
        }
        log.push(`t=${t} ${j.key} fails over to its checkpoint at #${back} (was at #${j.next})`);
        j.next = back;
        j.base = back;
        j.startTick = t + plan.startDelay;
        j.opened = false;
        j.lastWm.fill(NO_WATERMARK);
        j.pendingSince.fill(-1);
      }
    };
    if (t === failoverAt && plan.failover) {
      const j = [...jobs].reverse().find((x) => x.stopTick === Infinity && x.opened);
      if (j) failOver(j, plan.failover.rewind);
    }
    if (stage === 'cutover' && plan.cutoverFailover && t === phaseEnd + plan.cutoverFailover.afterApply) {
      const j = plan.cutoverFailover.old ? oldJob : [...jobs].reverse().find((x) => x.stopTick === Infinity && x !== oldJob && gated(x));
      if (j && j.stopTick === Infinity && j.opened) failOver(j, plan.cutoverFailover.rewind);
    }

    for (const j of jobs) {
      if (j.stopTick <= t || j.startTick > t) continue;
      if (!j.opened) {
        if (!canOpen(j, t)) {
          j.startTick = t + 1;
          continue;
        }
        j.opened = true;
        j.startTick = t;
      }
      while (j.next < n && tickOf(j, j.next) <= t && j.stopTick > t) processRecord(j, t);
    }
    if (stage === 'done' && events.length === 0 && t > failoverAt && jobs.every((j) => j.stopTick !== Infinity || j.next >= n)) break;
  }

  const survivor = [...jobs].reverse().find((j) => j.stopTick === Infinity);
  const finalState = survivor ? snapshot(survivor, survivor.next) : new Uint8Array(n);
  return { emitted, finalState: [...finalState], processedUpTo: survivor?.next ?? 0, log, toggles };
}
