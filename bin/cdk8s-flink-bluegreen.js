#!/usr/bin/env node
'use strict';
// Runs the compiled CLI when the package is built (lib/), and the TypeScript sources
// through tsx in a clone of the repository, so `npx cdk8s-flink-bluegreen` works after
// `npm ci` without a build step. CDK8S_FLINK_BLUEGREEN_FROM_SOURCE=1 runs the sources even when
// lib/ exists: the test suite sets it, so it never tests a stale build.
const path = require('node:path');
const fs = require('node:fs');

const compiled = path.join(__dirname, '..', 'lib', 'src', 'cli.js');
let cli;
if (fs.existsSync(compiled) && process.env.CDK8S_FLINK_BLUEGREEN_FROM_SOURCE !== '1') {
  cli = require(compiled);
} else {
  require('tsx/cjs');
  cli = require(path.join(__dirname, '..', 'src', 'cli.ts'));
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`error: ${e && e.message ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
