/** The model's gate decisions, case by case, as the bluegreen client makes them (see gate.ts for the classes). */
import { describe, expect, it } from 'vitest';
import { compareAndSet, decide, readGateView, scheduledWrite, type GateView } from './gate';

const cm = (extra: Record<string, string> = {}) => ({
  'active-deployment-type': 'GREEN',
  'deployment-deletion-delay-ms': '0',
  'is-first-deployment': 'false',
  stage: 'TRANSITIONING',
  'watermark-stage': 'WATERMARK_SET',
  'watermark-toggle-value': '1000',
  ...extra,
});
const view = (data: Record<string, string>, own: 'BLUE' | 'GREEN') => readGateView(data, own) as GateView;

describe('GateContext / WatermarkGateContext parsing', () => {
  it('own colour decides ACTIVE or STANDBY; is-first-deployment forces toggle 0', () => {
    expect(view(cm(), 'GREEN')).toMatchObject({ mode: 'ACTIVE', toggle: 1000 });
    expect(view(cm(), 'BLUE')).toMatchObject({ mode: 'STANDBY', toggle: 1000 });
    expect(view(cm({ 'is-first-deployment': 'true' }), 'BLUE')).toMatchObject({ toggle: 0, firstDeployment: true });
  });

  it('a missing required key makes open() fail', () => {
    const { stage: _s, ...noStage } = cm();
    expect(readGateView(noStage, 'BLUE')).toMatch(/stage/);
    const { ['deployment-deletion-delay-ms']: _d, ...noDelay } = cm();
    expect(readGateView(noDelay, 'BLUE')).toMatch(/deployment-deletion-delay-ms/);
    expect(readGateView(undefined, 'BLUE')).toMatch(/not found/);
  });
});

describe('decisions (processElementActive / processElementStandby)', () => {
  const T = 1000;
  it('STANDBY passes records before T until its watermark passes T, then holds all and reports the hand-over', () => {
    const v = view(cm(), 'BLUE');
    expect(decide(v, T - 10, T - 1)).toEqual({ emit: true });
    expect(decide(v, T - 10, T)).toEqual({ emit: false });
    expect(decide(v, T, T - 5)).toEqual({ emit: true });
    expect(decide(v, T + 1, T - 5)).toEqual({ emit: false, write: 'CLEAR_TO_TEARDOWN' });
  });

  it('ACTIVE passes records at or after T, and every record once its watermark passed T', () => {
    const v = view(cm(), 'GREEN');
    expect(decide(v, T - 10, T)).toEqual({ emit: true });
    expect(decide(v, T - 10, T - 1)).toEqual({ emit: false });
    expect(decide(v, T + 1, T - 500)).toEqual({ emit: true });
  });

  it('without a toggle: ACTIVE holds and asks for one while TRANSITIONING, STANDBY passes all', () => {
    const noToggle = cm({ 'watermark-stage': 'WATERMARK_NOT_SET' });
    delete (noToggle as Record<string, string>)['watermark-toggle-value'];
    expect(decide(view(noToggle, 'GREEN'), 5, 5)).toEqual({ emit: false, write: 'WAITING' });
    expect(decide(view(noToggle, 'BLUE'), 5, 5)).toEqual({ emit: true, write: 'TOGGLE' });
  });

  it('writes are compare-and-set: CLEAR_TO_TEARDOWN only from TRANSITIONING, and only in the same transition', () => {
    const v = view(cm(), 'BLUE');
    const w = scheduledWrite(v, T + 1, true)!;
    expect(w).toMatchObject({ key: 'stage', expected: 'TRANSITIONING', entries: { stage: 'CLEAR_TO_TEARDOWN' } });
    expect(compareAndSet(cm(), w)).toMatchObject({ stage: 'CLEAR_TO_TEARDOWN' });
    expect(compareAndSet(cm({ stage: 'RUNNING' }), w)).toBeUndefined();
    expect(compareAndSet(cm({ 'active-deployment-type': 'BLUE' }), w)).toBeUndefined();
  });

  it('the standby proposes its own watermark plus the deletion delay, never before a watermark exists', () => {
    const waiting = cm({ 'watermark-stage': 'WAITING_FOR_WATERMARK', 'deployment-deletion-delay-ms': '250' });
    delete (waiting as Record<string, string>)['watermark-toggle-value'];
    const v = view(waiting, 'BLUE');
    expect(scheduledWrite(v, 5000, false)).toMatchObject({ key: 'watermark-toggle-value', expected: null, entries: { 'watermark-toggle-value': '5250' } });
    expect(scheduledWrite(v, Number.MIN_SAFE_INTEGER, false)).toBeUndefined();
  });
});
