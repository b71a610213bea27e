import { Testing } from 'cdk8s';
import { expect, test } from 'vitest';
import { argoCdDiff, buildApp } from './app.ts';

test('the app synthesizes as in the snapshot', () => {
  expect(Testing.synth(buildApp(Testing.app()))).toMatchSnapshot();
});

test('the Argo CD ignore rule names the gate ConfigMap', () => {
  expect(argoCdDiff.ignoreDifferences.map((d) => d.name)).toEqual(['payments-ledger-configmap']);
});
