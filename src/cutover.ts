import { Colour } from './colour';
import type { FlinkSpecProps } from './spec/props';
import type { PropProblem } from './prop-problem';

/** Per-step changes to the job (typically the new image or jar of the version being rolled out). */
export type SpecOverrides = Partial<FlinkSpecProps>;

export interface StartOptions {
  /**
   * What this colour runs, over the job's props.
   * @default - the job's props as they are
   */
  readonly overrides?: SpecOverrides;
}

export interface CutoverOptions {
  /**
   * Event time of the cutover: the old colour emits records before it, the new one records at or
   * after it. Choose an instant far enough ahead that the commit reaches every cluster before the
   * old job sees event time T (until then it emits everything, and the new job would emit the
   * records at or after T again), and that the new job is running and has caught up.
   */
  readonly at: Date;
  /**
   * Savepoint of the old colour, taken before `at`, that the new colour starts from. Required for
   * stateful jobs: a stateful job restored from nothing would emit wrong results. When the colours
   * run in different clusters or namespaces (`targets`), it must be on storage both read (not
   * `file://`, `local://` or a bare path).
   * @default - none (stateless jobs only)
   */
  readonly savepointPath?: string;
  /**
   * What the new colour runs, over the job's props.
   * @default - the job's props as they are
   */
  readonly overrides?: SpecOverrides;
}

/** One declared step: stable on a colour, a savepoint of it, or a cutover in progress. */
export type CutoverStep =
  | { readonly type: 'start'; readonly colour: Colour; readonly overrides?: SpecOverrides }
  | { readonly type: 'savepoint'; readonly colour: Colour }
  | { readonly type: 'cutover'; readonly to: Colour; readonly at: Date; readonly savepointPath?: string; readonly overrides?: SpecOverrides }
  | { readonly type: 'complete' };

/** What one deployment of the pair runs. */
export interface ColourDeployment {
  readonly colour: Colour;
  readonly overrides?: SpecOverrides;
  /** Savepoint this deployment was first started from (kept so its spec never changes after creation). */
  readonly restoredFrom?: string;
}

/**
 * The savepoint a `savepoint()` step asks for: emitted as a FlinkStateSnapshot of the colour from
 * that commit until the cutover that restores from it completes.
 */
export interface CutoverSavepoint {
  readonly colour: Colour;
  /** 1-based number of the savepoint step in the history: part of the snapshot's name, so each is a new object. */
  readonly sequence: number;
}

/** The state the last step leaves: what this commit must contain. */
export type CutoverState =
  | {
      readonly phase: 'stable';
      readonly active: ColourDeployment;
      readonly firstDeployment: boolean;
      /** The cutover time that made `active` the active colour (absent on the first deployment). */
      readonly cutoverAt?: Date;
      readonly savepoint?: CutoverSavepoint;
    }
  | { readonly phase: 'cutover'; readonly from: ColourDeployment; readonly to: ColourDeployment; readonly at: Date; readonly savepoint?: CutoverSavepoint };

/**
 * The history of a manifest-wired blue/green job, written in code: each commit appends one step.
 * Keeping the history (rather than only the current state) is what lets synthesis refuse a commit
 * that skips a step, e.g. removing the old colour before a cutover was declared.
 *
 * ```ts
 * Cutover.startOn(Colour.BLUE, { overrides: { image: 'orders:1.4.0' } })
 *   .cutoverTo(Colour.GREEN, { at: new Date('2026-12-01T02:00:00Z'), savepointPath: 's3://…/savepoint-7f3a', overrides: { image: 'orders:1.5.0' } })
 *   .complete();
 * ```
 */
export class Cutover {
  /** First step: the job is deployed on one colour. */
  public static startOn(colour: Colour, options: StartOptions = {}): Cutover {
    return new Cutover([{ type: 'start', colour, overrides: options.overrides }]);
  }

  private constructor(public readonly steps: readonly CutoverStep[]) {}

  /**
   * Next step (commit N): take a savepoint of the active colour through the operator, as a
   * FlinkStateSnapshot `<name>-<colour>-savepoint-<n>`. Once applied, read its path with the
   * command `BlueGreenFlinkJob.savepointPathCommand` gives and pass it to the next step,
   * `cutoverTo(..., { savepointPath })` (commit N+1). The snapshot keeps its files when the
   * object is later removed (`disposeOnDelete: false`): the new colour restores from them.
   * @param colour the active colour (stated, so a commit that names the wrong one is refused)
   */
  public savepoint(colour: Colour): Cutover {
    return new Cutover([...this.steps, { type: 'savepoint', colour }]);
  }

  /** Next step: deploy the other colour beside the active one and cut over at event time `at`. */
  public cutoverTo(colour: Colour, options: CutoverOptions): Cutover {
    return new Cutover([...this.steps, { type: 'cutover', to: colour, at: options.at, savepointPath: options.savepointPath, overrides: options.overrides }]);
  }

  /**
   * Next step: the cutover is done; remove the old colour. Merge it only when the old side's gate
   * ConfigMap says `stage: CLEAR_TO_TEARDOWN` **and** both jobs' gate watermarks are past `at` on
   * every subtask (one subtask past T writes CLEAR_TO_TEARDOWN; the others may still owe records
   * before T). The ConfigMap keeps T afterwards, so a failover of the new job to a checkpoint
   * before T cannot emit again what the old one emitted.
   */
  public complete(): Cutover {
    return new Cutover([...this.steps, { type: 'complete' }]);
  }

  /**
   * Replays the steps and returns the final state, or every problem found on the way.
   * @param stateful whether the job carries state (its upgrade mode is not stateless)
   */
  public resolve(stateful: boolean): { state?: CutoverState; problems: PropProblem[] } {
    const problems: PropProblem[] = [];
    let state: CutoverState | undefined;
    let lastAt: Date | undefined;
    // The latest savepoint() step, and the savepoint paths cutovers have restored from.
    let lastSavepoint: (CutoverSavepoint & { readonly step: number }) | undefined;
    let savepointSteps = 0;
    const usedPaths = new Map<string, number>();
    this.steps.forEach((step, i) => {
      const where = `cutover.steps[${i}]`;
      if (step.type === 'start') {
        if (i !== 0) {
          problems.push({ path: where, message: 'startOn() can only be the first step' });
          return;
        }
        state = { phase: 'stable', active: { colour: step.colour, overrides: step.overrides }, firstDeployment: true };
        return;
      }
      if (!state) return;
      if (step.type === 'savepoint') {
        savepointSteps++;
        if (state.phase !== 'stable') {
          problems.push({ path: where, message: `savepoint(${step.colour}) during the cutover to ${state.to.colour}: take the savepoint before cutoverTo(), or after complete()` });
          return;
        }
        if (step.colour !== state.active.colour) {
          problems.push({ path: where, message: `savepoint(${step.colour}) but ${state.active.colour} is the active colour (${step.colour} is not deployed): take the savepoint of ${state.active.colour}` });
          return;
        }
        lastSavepoint = { colour: step.colour, sequence: savepointSteps, step: i };
        state = { ...state, savepoint: { colour: step.colour, sequence: savepointSteps } };
        return;
      }
      if (step.type === 'cutover') {
        if (state.phase === 'cutover') {
          problems.push({ path: where, message: `cutoverTo(${step.to}) while the cutover to ${state.to.colour} is still in progress: add complete() first` });
          return;
        }
        if (step.to === state.active.colour) {
          problems.push({ path: where, message: `cutoverTo(${step.to}) but ${step.to} is already the active colour: cut over to ${step.to.other}` });
          return;
        }
        if (!(step.at instanceof Date) || Number.isNaN(step.at.getTime())) {
          problems.push({ path: `${where}.at`, message: 'at must be a valid Date (the event-time instant of the cutover)' });
          return;
        }
        if (lastAt && step.at.getTime() <= lastAt.getTime()) {
          problems.push({ path: `${where}.at`, message: `cutover time ${step.at.toISOString()} is not after the previous cutover at ${lastAt.toISOString()}: event time only moves forward` });
        }
        if (lastSavepoint && lastSavepoint.colour !== state.active.colour) {
          problems.push({
            path: where,
            message: `cutoverTo(${step.to}) from ${state.active.colour}, but the last savepoint step (cutover.steps[${lastSavepoint.step}]) took ${lastSavepoint.colour}: its path would restore ${step.to} from old state; add savepoint(${state.active.colour}) before this cutover and use its path`,
          });
        }
        if (step.savepointPath && usedPaths.has(step.savepointPath)) {
          problems.push({
            path: `${where}.savepointPath`,
            message: `savepointPath ${step.savepointPath} was already restored by cutover.steps[${usedPaths.get(step.savepointPath)}]: ${step.to} would start from state older than ${state.active.colour}'s; take a new savepoint of ${state.active.colour}`,
          });
        }
        if (step.savepointPath) usedPaths.set(step.savepointPath, i);
        if (stateful && !step.savepointPath) {
          problems.push({
            path: `${where}.savepointPath`,
            message: `cutoverTo(${step.to}) of a stateful job needs savepointPath: ${step.to} would start from nothing; take a savepoint of ${state.active.colour} before the cutover time and name it`,
          });
        }
        lastAt = step.at;
        state = { phase: 'cutover', from: state.active, to: { colour: step.to, overrides: step.overrides, restoredFrom: step.savepointPath }, at: step.at, savepoint: state.savepoint };
        return;
      }
      if (state.phase !== 'cutover') {
        problems.push({ path: where, message: `complete() with no cutover in progress (stable on ${state.active.colour}): declare cutoverTo(${state.active.colour.other}, …) first` });
        return;
      }
      state = { phase: 'stable', active: state.to, firstDeployment: false, cutoverAt: state.at };
    });
    return { state: problems.length === 0 ? state : undefined, problems };
  }
}
