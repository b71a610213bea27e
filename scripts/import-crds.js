#!/usr/bin/env node
// Regenerates imports/ from the vendored CRDs. Both Flink CRDs share the API group
// flink.apache.org, so each gets its own module name; otherwise the second import
// would overwrite the first (imports/flink.apache.org.ts).
// FlinkDeployment comes from operator main (it has every field of 1.14/1.15 plus
// `resources`); FlinkBlueGreenDeployment from the FLIP-504 build (it adds
// `transitionMode`). The generated classes are used for types and GVK only.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const fs = require('node:fs');

// --root <dir>: import into another checkout (the test runs it in a scratch copy).
const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? path.resolve(process.argv[rootArg + 1]) : path.resolve(__dirname, '..');
const cli = path.join(root, 'node_modules', '.bin', 'cdk8s');
const specs = [
  'flinkdeployment:=crds/main/flinkdeployments.flink.apache.org-v1.yml',
  'flinkbluegreendeployment:=crds/flip-504/flinkbluegreendeployments.flink.apache.org-v1.yml',
];
// `cdk8s import` records each import in cdk8s.yaml (`imports:`); cdk8s.yaml deliberately has none
// (see the comment there: `--format helm` would bundle the operator's CRDs), so it is put back as it was.
const config = path.join(root, 'cdk8s.yaml');
const before = fs.existsSync(config) ? fs.readFileSync(config) : undefined;
try {
  for (const spec of specs) {
    execFileSync(cli, ['import', spec, '--language', 'typescript', '--output', 'imports', '--no-check-upgrade'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
} finally {
  if (before === undefined) fs.rmSync(config, { force: true });
  else if (!fs.readFileSync(config).equals(before)) fs.writeFileSync(config, before);
}
