/** applyOverrides: a colour's props are the job's props with its overrides, nested groups merged one level deep. */
import { describe, expect, it } from 'vitest';
import { applyOverrides } from '../src/cutover-overrides';
import { FlinkVersion, type FlinkSpecProps, type JobProps } from '../src';

const props: FlinkSpecProps = {
  image: 'orders:1.0.0',
  flinkVersion: FlinkVersion.V1_20,
  job: { jarURI: 'local:///opt/flink/usrlib/v1.jar', parallelism: 4 },
  jobManager: { memory: '2048m', cpu: 1 },
  taskManager: { memory: '2048m', cpu: 2, replicas: 3 },
};

describe('applyOverrides', () => {
  it('no overrides: the props themselves', () => {
    expect(applyOverrides(props)).toBe(props);
  });

  it('top-level overrides replace; nested groups keep what the override does not name; absent groups stay absent', () => {
    const out = applyOverrides(props, { image: 'orders:2.0.0', taskManager: { memory: '4096m' }, job: { jarURI: 'local:///opt/flink/usrlib/v2.jar' } as JobProps, flinkConfiguration: { 'custom.a': '1' } });
    expect(out).toStrictEqual({
      image: 'orders:2.0.0',
      flinkVersion: FlinkVersion.V1_20,
      job: { jarURI: 'local:///opt/flink/usrlib/v2.jar', parallelism: 4 },
      jobManager: { memory: '2048m', cpu: 1 },
      taskManager: { memory: '4096m', cpu: 2, replicas: 3 },
      flinkConfiguration: { 'custom.a': '1' },
    });
    expect(applyOverrides(props, { image: 'orders:2.0.0' })).toStrictEqual({ ...props, image: 'orders:2.0.0' });
    expect(applyOverrides({ ...props, flinkConfiguration: { 'custom.a': '1', 'custom.b': '2' } }, { flinkConfiguration: { 'custom.b': '3' } }).flinkConfiguration).toStrictEqual({ 'custom.a': '1', 'custom.b': '3' });
    expect(props.taskManager).toStrictEqual({ memory: '2048m', cpu: 2, replicas: 3 }); // not modified
  });
});
