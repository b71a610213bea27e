import { describe, expect, it } from 'vitest';
import { FlinkBlueGreenDeployment } from '../imports/flinkbluegreendeployment-flink.apache.org';
import { FlinkDeployment } from '../imports/flinkdeployment-flink.apache.org';
import { FLINK_BLUE_GREEN_DEPLOYMENT_GVK, FLINK_DEPLOYMENT_GVK } from '../src/gvk';

describe('GVK constants', () => {
  it('match the classes generated from the vendored CRDs', () => {
    expect(FLINK_DEPLOYMENT_GVK).toEqual(FlinkDeployment.GVK);
    expect(FLINK_BLUE_GREEN_DEPLOYMENT_GVK).toEqual(FlinkBlueGreenDeployment.GVK);
  });
});
