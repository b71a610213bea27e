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
   * after it. Choose an instant far enough ahead that the new job is running and has caught up.
   */
  readonly at: Date;
  /**
   * Savepoint of the old colour, taken before `at`, that the new colour starts from. Required for
   * stateful jobs: a stateful job restored from nothing would emit wrong results.
   * @default - none (stateless jobs only)
   */
  readonly savepointPath?: string;
  /**
   * What the new colour runs, over the job's props.
   * @default - the job's props as they are
   */
  readonly overrides?: SpecOverrides;
}

/** One declared step: stable on a colour, or a cutover in progress. */
export type CutoverStep =
  | { readonly type: 'start'; readonly colour: Colour; readonly overrides?: SpecOverrides }
  | { readonly type: 'cutover'; readonly to: Colour; readonly at: Date; readonly savepointPath?: string; readonly overrides?: SpecOverrides }
  | { readonly type: 'complete' };

/** What one deployment of the pair runs. */
export interface ColourDeployment {
  readonly colour: Colour;
  readonly overrides?: SpecOverrides;
  /** Savepoint this deployment was first started from (kept so its spec never changes after creation). */
  readonly restoredFrom?: string;
}

/** The state the last step leaves: what this commit must contain. */
export type CutoverState =
  | { readonly phase: 'stable'; readonly active: ColourDeployment; readonly firstDeployment: boolean }
  | { readonly phase: 'cutover'; readonly from: ColourDeployment; readonly to: ColourDeployment; readonly at: Date };

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

  /** Next step: deploy the other colour beside the active one and cut over at event time `at`. */
  public cutoverTo(colour: Colour, options: CutoverOptions): Cutover {
    return new Cutover([...this.steps, { type: 'cutover', to: colour, at: options.at, savepointPath: options.savepointPath, overrides: options.overrides }]);
  }

  /** Next step: the cutover is done (the gate ConfigMap's `stage` reached CLEAR_TO_TEARDOWN); remove the old colour. */
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
        if (stateful && !step.savepointPath) {
          problems.push({
            path: `${where}.savepointPath`,
            message: `cutoverTo(${step.to}) of a stateful job needs savepointPath: ${step.to} would start from nothing; take a savepoint of ${state.active.colour} before the cutover time and name it`,
          });
        }
        lastAt = step.at;
        state = { phase: 'cutover', from: state.active, to: { colour: step.to, overrides: step.overrides, restoredFrom: step.savepointPath }, at: step.at };
        return;
      }
      if (state.phase !== 'cutover') {
        problems.push({ path: where, message: `complete() with no cutover in progress (stable on ${state.active.colour}): declare cutoverTo(${state.active.colour.other}, …) first` });
        return;
      }
      state = { phase: 'stable', active: state.to, firstDeployment: false };
    });
    return { state: problems.length === 0 ? state : undefined, problems };
  }
}
