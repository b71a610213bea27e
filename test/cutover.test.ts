/** Cutover.resolve(): the state a declared history leaves, or every problem in it. */
import { describe, expect, it } from 'vitest';
import { Colour, Cutover } from '../src';

const T1 = new Date('2026-12-01T02:00:00Z');
const T2 = new Date('2026-12-02T02:00:00Z');
const SP = 's3://state/savepoints/sp-1';

describe('Cutover', () => {
  it('records each step as declared', () => {
    const c = Cutover.startOn(Colour.BLUE, { overrides: { image: 'a:1' } }).cutoverTo(Colour.GREEN, { at: T1, savepointPath: SP, overrides: { image: 'a:2' } }).complete();
    expect(c.steps).toStrictEqual([
      { type: 'start', colour: Colour.BLUE, overrides: { image: 'a:1' } },
      { type: 'cutover', to: Colour.GREEN, at: T1, savepointPath: SP, overrides: { image: 'a:2' } },
      { type: 'complete' },
    ]);
  });

  it('first deployment, cutover in progress, stable again', () => {
    const start = Cutover.startOn(Colour.BLUE);
    expect(start.resolve(true)).toStrictEqual({ state: { phase: 'stable', active: { colour: Colour.BLUE, overrides: undefined }, firstDeployment: true }, problems: [] });
    const during = start.cutoverTo(Colour.GREEN, { at: T1, savepointPath: SP });
    expect(during.resolve(true)).toStrictEqual({
      state: { phase: 'cutover', from: { colour: Colour.BLUE, overrides: undefined }, to: { colour: Colour.GREEN, overrides: undefined, restoredFrom: SP }, at: T1, savepoint: undefined },
      problems: [],
    });
    expect(during.complete().resolve(true)).toStrictEqual({ state: { phase: 'stable', active: { colour: Colour.GREEN, overrides: undefined, restoredFrom: SP }, firstDeployment: false, cutoverAt: T1 }, problems: [] });
  });

  it('every problem, and no state when there is one', () => {
    const c = Cutover.startOn(Colour.BLUE)
      .complete()
      .cutoverTo(Colour.BLUE, { at: T1 })
      .cutoverTo(Colour.GREEN, { at: new Date('not a date') })
      .cutoverTo(Colour.GREEN, { at: T2 })
      .cutoverTo(Colour.BLUE, { at: T2 });
    const { state, problems } = c.resolve(true);
    expect(state).toBeUndefined();
    expect(problems).toStrictEqual([
      { path: 'cutover.steps[1]', message: 'complete() with no cutover in progress (stable on BLUE): declare cutoverTo(GREEN, …) first' },
      { path: 'cutover.steps[2]', message: 'cutoverTo(BLUE) but BLUE is already the active colour: cut over to GREEN' },
      { path: 'cutover.steps[3].at', message: 'at must be a valid Date (the event-time instant of the cutover)' },
      {
        path: 'cutover.steps[4].savepointPath',
        message: 'cutoverTo(GREEN) of a stateful job needs savepointPath: GREEN would start from nothing; take a savepoint of BLUE before the cutover time and name it',
      },
      { path: 'cutover.steps[5]', message: 'cutoverTo(BLUE) while the cutover to GREEN is still in progress: add complete() first' },
    ]);
  });

  it('event time only moves forward: a cutover at the same instant as the previous one is refused', () => {
    const c = Cutover.startOn(Colour.BLUE).cutoverTo(Colour.GREEN, { at: T1 }).complete().cutoverTo(Colour.BLUE, { at: T1 });
    expect(c.resolve(false).problems).toStrictEqual([{ path: 'cutover.steps[3].at', message: `cutover time ${T1.toISOString()} is not after the previous cutover at ${T1.toISOString()}: event time only moves forward` }]);
    expect(Cutover.startOn(Colour.BLUE).cutoverTo(Colour.GREEN, { at: T1 }).complete().cutoverTo(Colour.BLUE, { at: T2 }).resolve(false).problems).toEqual([]);
  });
});
