/**
 * Atomic output: a synthesis that fails (validation error, exception, SIGKILL mid-write) leaves the
 * previous output folder byte-identical; the next run cleans up after a killed one. Every test
 * works in its own temp folder, never in the repo's dist/.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ApiObject, App, Chart, Lazy } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { synthAtomically } from '../../src/atomic-synth';
import { OUTPUT_MARKER, recoverStaleWork, WORK_MARKER } from '../../src/output/output-folder';
import { FlinkJob, FlinkVersion } from '../../src';

const root = join(__dirname, '..', '..');
const fixture = join(root, 'test/fixtures/apps/atomic-app.ts');
/** A pid no process can have (above Linux's pid_max limit of 2^22). */
const DEAD_PID = 99_999_999;

/** Staging folders of runs beside `outdir` (random names, found by listing). */
function stagingDirs(parent: string): string[] {
  return readdirSync(parent).filter((n) => n.startsWith('.dist.staging-'));
}

/** The work marker a run on this host and PID namespace writes, for a given pid. */
function workMarker(pid: number, old?: string): string {
  return JSON.stringify({ writtenBy: 'cdk8s-flink-bluegreen', for: 'dist', old, host: hostname(), pidNamespace: readlinkSync('/proc/self/ns/pid'), pid });
}

/** Every file under `dir` (relative path → bytes), and every folder, to compare byte for byte. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const p = rel ? `${rel}/${name}` : name;
      if (statSync(join(dir, p)).isDirectory()) {
        out[`${p}/`] = 'dir';
        walk(p);
      } else {
        out[p] = readFileSync(join(dir, p)).toString('base64');
      }
    }
  };
  walk('');
  return out;
}

/** A previous output with known content: YAML, a nested folder, non-UTF-8 bytes, an empty file. */
function previousOutput(): { parent: string; outdir: string; before: Record<string, string> } {
  const parent = mkdtempSync(join(tmpdir(), 'atomic-'));
  const outdir = join(parent, 'dist');
  mkdirSync(join(outdir, 'nested'), { recursive: true });
  writeFileSync(join(outdir, 'orders.k8s.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: previous\n');
  writeFileSync(join(outdir, 'stale-chart.k8s.yaml'), 'kind: FromAnOlderRun\n');
  writeFileSync(join(outdir, 'nested', 'bytes.bin'), Buffer.from([0, 0xff, 0xfe, 0x80, 10, 13]));
  writeFileSync(join(outdir, 'empty'), '');
  // Written by an earlier run of this tool: the marker says so.
  writeFileSync(join(outdir, OUTPUT_MARKER), JSON.stringify({ writtenBy: 'cdk8s-flink-bluegreen', layout: 'plain', files: ['empty', 'nested/bytes.bin', 'orders.k8s.yaml', 'stale-chart.k8s.yaml'] }));
  return { parent, outdir, before: snapshot(outdir) };
}

/** Runs the fixture app in one process (node --import tsx, so a kill reaches the process writing). */
function appArgs(...args: string[]): string[] {
  return ['--import', 'tsx', fixture, ...args];
}

function runApp(outdir: string, ...args: string[]) {
  return spawnSync(process.execPath, appArgs(...args), {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CDK8S_OUTDIR: outdir, CDK8S_FLINK_WARNINGS: 'off' },
    timeout: 120_000,
  });
}

/** Sibling work folders left next to the output. */
function leftovers(parent: string): string[] {
  return readdirSync(parent).filter((n) => n !== 'dist').sort();
}

describe('atomic output: the previous dist/ survives a failed synthesis', () => {
  it('SIGKILL in the middle of writing a 2,000-job app: dist/ byte-identical; the next run cleans up', async () => {
    const { parent, outdir, before } = previousOutput();
    const signalFile = join(parent, 'first-file-written');
    const child = spawn(process.execPath, appArgs('large', '2000'), {
      cwd: root,
      env: { ...process.env, CDK8S_OUTDIR: outdir, CDK8S_FLINK_WARNINGS: 'off', ATOMIC_APP_HANG_AFTER_FIRST_FILE: signalFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })));

    // The app blocks right after writing its first chart file into the staging folder: kill it there.
    // (No deadline of our own: the test's timeout bounds the wait, whatever the machine's speed.)
    while (child.exitCode === null && !existsSync(signalFile)) await new Promise((r) => setTimeout(r, 5));
    const stagings = stagingDirs(parent);
    expect(stagings).toHaveLength(1);
    const staging = join(parent, stagings[0]);
    const filesAtKill = readdirSync(staging).filter((n) => n.endsWith('.k8s.yaml')).length;
    child.kill('SIGKILL');
    rmSync(signalFile);
    const { signal } = await exited;
    expect(stderr).toBe('');
    expect(signal).toBe('SIGKILL');
    // Killed mid-write: one of the 40 chart files (50 jobs each) was in the staging folder.
    expect(filesAtKill).toBe(1);
    expect(readdirSync(staging).filter((n) => n.endsWith('.k8s.yaml'))).toHaveLength(1);

    expect(snapshot(outdir)).toEqual(before);
    expect(leftovers(parent)).toEqual([basename(staging)]);

    // The next run removes the killed run's staging folder and replaces the output whole.
    const next = runApp(outdir, 'large', '100');
    expect(next.status, next.stderr).toBe(0);
    expect(leftovers(parent)).toEqual([]);
    expect(readdirSync(outdir).sort()).toEqual([OUTPUT_MARKER, 'jobs-000.k8s.yaml', 'jobs-001.k8s.yaml']);
  });

  it('validation error: exit 1, every problem printed, dist/ byte-identical, nothing left beside it', () => {
    const { parent, outdir, before } = previousOutput();
    const res = runApp(outdir, 'invalid');
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('Validation failed with the following errors:');
    expect(res.stderr).toContain('[zz-broken/Broken] invalid prop job.parallelism: parallelism must be at least 1, got 0');
    expect(res.stderr).toContain(`Nothing was written to ${outdir}.`);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(outdir)).toEqual(before);
    expect(leftovers(parent)).toEqual([]);
  });

  it('validation error with no output folder (cdk8s synth removes it before the app runs): says so and how to keep it', () => {
    const parent = mkdtempSync(join(tmpdir(), 'atomic-'));
    const outdir = join(parent, 'dist');
    const res = runApp(outdir, 'invalid');
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`Nothing was written to ${outdir}.\nnote: ${outdir} does not exist: \`cdk8s synth\` removes it before it runs the app`);
    expect(res.stderr).toContain('Run the app directly');
    expect(readdirSync(parent)).toEqual([]);
    // With the folder in place (an earlier output), no such note.
    const kept = previousOutput();
    expect(runApp(kept.outdir, 'invalid').stderr).not.toContain('does not exist');
  });

  it('exception thrown by the app while files are being written: exit 1, dist/ byte-identical', () => {
    const { parent, outdir, before } = previousOutput();
    const res = runApp(outdir, 'throw');
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('error: ');
    expect(res.stderr).toContain('boom from the app');
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(outdir)).toEqual(before);
    expect(leftovers(parent)).toEqual([]);
  });
});

describe('synthAtomically (in process)', () => {
  function smallApp(outdir: string, throwAfterFirstChart = false): App {
    const app = new App({ outdir });
    for (const id of ['a', 'b']) {
      const chart = new Chart(app, id);
      new FlinkJob(chart, 'Job', {
        name: `job-${id}`,
        image: 'flink:1.20.1-java17',
        flinkVersion: FlinkVersion.V1_20,
        job: { parallelism: 1 },
        jobManager: { memory: '2048m' },
        taskManager: { memory: '2048m' },
      });
    }
    if (throwAfterFirstChart) {
      const chart = new Chart(app, 'z');
      new ApiObject(chart, 'Bad', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bad' }, data: Lazy.any({ produce: () => { throw new Error('boom'); } }) });
    }
    return app;
  }

  it('replaces the whole folder (stale files of earlier runs go, as with cdk8s synth) and restores app.outdir', () => {
    const { parent, outdir } = previousOutput();
    const app = smallApp(outdir);
    synthAtomically(app);
    expect(app.outdir).toBe(outdir);
    expect(readdirSync(outdir).sort()).toEqual([OUTPUT_MARKER, 'a.k8s.yaml', 'b.k8s.yaml']);
    expect(leftovers(parent)).toEqual([]);
  });

  it('creates the folder when there is none yet', () => {
    const parent = mkdtempSync(join(tmpdir(), 'atomic-'));
    synthAtomically(smallApp(join(parent, 'dist')));
    expect(readdirSync(join(parent, 'dist')).sort()).toEqual([OUTPUT_MARKER, 'a.k8s.yaml', 'b.k8s.yaml']);
    expect(leftovers(parent)).toEqual([]);
  });

  it('an exception after the first chart was written: rethrown, output untouched, staging removed, app.outdir restored', () => {
    const { parent, outdir, before } = previousOutput();
    const app = smallApp(outdir, true);
    expect(() => synthAtomically(app)).toThrow(/boom/);
    expect(app.outdir).toBe(outdir);
    expect(snapshot(outdir)).toEqual(before);
    expect(leftovers(parent)).toEqual([]);
  });

  it('recovers after a kill between the two renames: the moved-away output is put back', () => {
    const { parent, outdir, before } = previousOutput();
    const old = '.dist.old-' + 'a'.repeat(32);
    const staging = join(parent, '.dist.staging-' + 'b'.repeat(32));
    // State of a run killed after `dist -> .dist.old-…` and before `staging -> dist`.
    renameSync(outdir, join(parent, old));
    mkdirSync(staging);
    writeFileSync(join(staging, WORK_MARKER), workMarker(DEAD_PID, old));
    writeFileSync(join(staging, 'half.k8s.yaml'), 'kind: Half');
    recoverStaleWork(outdir);
    expect(snapshot(outdir)).toEqual(before);
    expect(leftovers(parent)).toEqual([]);
  });

  it('leaves alone the work folders of a live run, of other hosts, and folders that only look like ours', () => {
    const { parent, outdir } = previousOutput();
    const alive = join(parent, '.dist.staging-' + '1'.repeat(32));
    const otherHost = join(parent, '.dist.staging-' + '2'.repeat(32));
    const dead = join(parent, '.dist.staging-' + '3'.repeat(32));
    for (const d of [alive, otherHost, dead]) mkdirSync(d);
    writeFileSync(join(alive, WORK_MARKER), workMarker(process.ppid));
    writeFileSync(join(otherHost, WORK_MARKER), JSON.stringify({ ...JSON.parse(workMarker(DEAD_PID)), host: 'another-host' }));
    writeFileSync(join(dead, WORK_MARKER), workMarker(DEAD_PID));
    // A user's folders that merely look like work folders by name: never ours to remove.
    const lookalikes = ['dist.old-20240101', 'dist.staging-1', 'dist.old-99999999', '.dist.staging-' + '4'.repeat(32)];
    for (const n of lookalikes) {
      mkdirSync(join(parent, n));
      writeFileSync(join(parent, n, 'keep.txt'), 'mine');
    }
    recoverStaleWork(outdir);
    expect(leftovers(parent)).toEqual([basename(alive), basename(otherHost), ...lookalikes].sort());
    synthAtomically(smallApp(outdir));
    expect(leftovers(parent)).toEqual([basename(alive), basename(otherHost), ...lookalikes].sort());
    for (const n of lookalikes) expect(readFileSync(join(parent, n, 'keep.txt'), 'utf8')).toBe('mine');
  });
});

describe('npm run synth as "tsx src/main.ts"', () => {
  it('writes exactly the files cdk8s synth writes', () => {
    const parent = mkdtempSync(join(tmpdir(), 'synth-same-'));
    const viaCli = join(parent, 'cli');
    const viaTsx = join(parent, 'tsx');
    const cli = spawnSync(join(root, 'node_modules/.bin/cdk8s'), ['synth', '--no-check-upgrade', '--output', viaCli], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CDK8S_FLINK_WARNINGS: 'off' },
    });
    expect(cli.status, cli.stderr).toBe(0);
    const tsx = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/main.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CDK8S_OUTDIR: viaTsx, CDK8S_FLINK_WARNINGS: 'off' },
    });
    expect(tsx.status, tsx.stderr).toBe(0);
    expect(snapshot(viaTsx)).toEqual(snapshot(viaCli));
    expect(leftovers(parent).filter((n) => n !== 'cli' && n !== 'tsx')).toEqual([]);
  });
});
