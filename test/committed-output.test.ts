/**
 * The committed example output is what the code writes today: `dist/` (npm run synth) and
 * `deploy/` (npm run synth:kustomize) are compared, file by file and byte by byte, with a fresh
 * synthesis into a temporary folder. A hand-edited or stale committed file fails here, inside
 * `npm test` (CI's drift check repeats it on the real folders).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'committed-output-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

function synth(args: string[], env: Record<string, string>): void {
  execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/main.ts'), ...args], {
    cwd: root,
    env: { ...process.env, CDK8S_FLINK_WARNINGS: 'off', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

function expectSame(fresh: Record<string, string>, committed: Record<string, string>, folder: string, command: string): void {
  expect(Object.keys(committed), `files in the committed ${folder}/ (run ${command})`).toEqual(Object.keys(fresh));
  for (const [f, text] of Object.entries(fresh)) expect(committed[f], `${folder}/${f} differs from what ${command} writes: run it and commit`).toBe(text);
}

describe('committed output matches a fresh synthesis', () => {
  it('dist/ is what npm run synth writes', () => {
    const outdir = join(work, 'dist');
    synth([], { CDK8S_OUTDIR: outdir });
    const fresh = files(outdir);
    expect(Object.keys(fresh).length).toBeGreaterThan(0);
    expectSame(fresh, files(join(root, 'dist')), 'dist', 'npm run synth');
  });

  it('deploy/ is what npm run synth:kustomize writes', () => {
    const outdir = join(work, 'deploy');
    synth(['--kustomize'], { KUSTOMIZE_OUTDIR: outdir });
    const fresh = files(outdir);
    expect(Object.keys(fresh).length).toBeGreaterThan(0);
    expectSame(fresh, files(join(root, 'deploy')), 'deploy', 'npm run synth:kustomize');
  });
});
