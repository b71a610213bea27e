import { describe, expect, it } from 'vitest';
import { OperatorVersion } from '../src/operator-version';

describe('OperatorVersion', () => {
  it('defaults to the newest release', () => {
    expect(OperatorVersion.DEFAULT.id).toBe('1.15');
  });
  it('knows which builds have resources and transitionMode', () => {
    expect(OperatorVersion.V1_15.hasResourceRequirements).toBe(false);
    expect(OperatorVersion.MAIN.hasResourceRequirements).toBe(true);
    expect(OperatorVersion.MAIN.hasTransitionMode).toBe(false);
    expect(OperatorVersion.FLIP_504.hasTransitionMode).toBe(true);
  });
  it('looks versions up by id and refuses unknown ones', () => {
    expect(OperatorVersion.of('flip-504')).toBe(OperatorVersion.FLIP_504);
    expect(() => OperatorVersion.of('1.16')).toThrow('Unknown operator version "1.16": expected one of "1.14", "1.15", "main", "flip-504"');
  });
});
