/**
 * The one output writer, as every layout uses it: refusals (project, parents, foreign folders),
 * symlinked outputs, random staging names, the in-place fallback on a mount point, read-only
 * outputs, and hostile names through every writer (plain, file per resource, Kustomize, Helm).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ApiObject, App, Chart, YamlOutputType } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FlinkJob, FlinkVersion, synthAtomically } from '../../src';
import { writeKustomizeLayout } from '../../src/gitops/kustomize';
import { writeHelmChart } from '../../src/output/helm-chart';
import { filesFill, OUTPUT_MARKER, OutputError, writeOutputFolder } from '../../src/output/output-folder';
import { fileNameSegment } from '../../src/output/safe-name';
import { helm } from '../helpers/helm';

process.env.CDK8S_FLINK_WARNINGS = 'off';
const root = join(__dirname, '..', '..');

/** Every path under `dir` (relative), folders with a trailing slash. */
function tree(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel)).sort().flatMap((n) => {
    const p = rel ? `${rel}/${n}` : n;
    return lstatSync(join(dir, p)).isDirectory() ? [`${p}/`, ...tree(dir, p)] : [p];
  });
}

function job(scope: Chart, name = 'job-a'): FlinkJob {
  return new FlinkJob(scope, name, {
    name,
    image: 'flink:1.20.1-java17',
    flinkVersion: FlinkVersion.V1_20,
    job: { parallelism: 1 },
    jobManager: { memory: '2048m' },
    taskManager: { memory: '2048m' },
  });
}

function app(outdir = join(tmpdir(), 'unused')): App {
  const a = new App({ outdir });
  job(new Chart(a, 'jobs', { namespace: 'streaming' }));
  return a;
}

/** A project as users have it: sources, git, package.json. */
function project(): { dir: string; before: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'project-'));
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'package.json'), '{}');
  writeFileSync(join(dir, 'src', 'main.ts'), 'new App();');
  writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main');
  return { dir, before: tree(dir) };
}

describe('refusals: a folder we did not write is never replaced', () => {
  it('the working directory, a parent of it, the root: refused even with takeOver, nothing touched', () => {
    for (const outdir of [process.cwd(), dirname(process.cwd()), '/']) {
      const before = tree(root).length;
      let error: unknown;
      try {
        synthAtomically(app(), { outdir, takeOver: true });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(OutputError);
      expect((error as OutputError).written).toBe(false);
      expect((error as Error).message).toMatch(/refusing to write the output to .*(working directory|root of the file system)/);
      expect(tree(root).length).toBe(before);
    }
  });

  it('a folder holding sources and .git: refused with the entries named; nothing touched', () => {
    const { dir, before } = project();
    expect(() => synthAtomically(app(), { outdir: dir })).toThrow(/refusing to replace .*: it holds files this tool did not write \(\.git, package\.json, src\)/);
    expect(() => synthAtomically(app(), { outdir: join(dir, 'src') })).toThrow(/refusing to replace/);
    expect(tree(dir)).toEqual(before);
    expect(readdirSync(dirname(dir)).filter((n) => n.startsWith(`.${dir.split('/').pop()}`))).toEqual([]);
  });

  it('CDK8S_OUTDIR=. through the real entry point (npm run synth): exit 1, the message says nothing was written', () => {
    const { dir, before } = project();
    const res = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/main.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CDK8S_OUTDIR: dir },
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('refusing to replace');
    expect(res.stderr).toContain(`Nothing was written to ${dir}.`);
    expect(tree(dir)).toEqual(before);
  });

  it('a file someone added to our output is not ours: refused and named, until taken over', () => {
    const parent = mkdtempSync(join(tmpdir(), 'added-'));
    const dir = join(parent, 'dist');
    synthAtomically(app(), { outdir: dir });
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'mine.md'), 'keep me');
    expect(() => synthAtomically(app(), { outdir: dir })).toThrow(/refusing to replace .*: besides the files this tool wrote, it holds notes\/mine\.md/);
    expect(readFileSync(join(dir, 'notes', 'mine.md'), 'utf8')).toBe('keep me');
    const result = synthAtomically(app(), { outdir: dir, takeOver: true });
    expect(result.notes.join(' ')).toMatch(/took over 1 file/);
    expect(readdirSync(dir).sort()).toEqual([OUTPUT_MARKER, 'jobs.k8s.yaml']);
  });

  it('takeOver replaces a foreign folder (not the project) and says so', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'take-')), 'out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'old');
    const result = synthAtomically(app(), { outdir: dir, takeOver: true });
    expect(result.notes.join(' ')).toMatch(/took over/);
    expect(readdirSync(dir).sort()).toEqual([OUTPUT_MARKER, 'jobs.k8s.yaml']);
  });

  it('an output of plain *.k8s.yaml files (what cdk8s synth writes) is adopted; an empty folder too', () => {
    const parent = mkdtempSync(join(tmpdir(), 'adopt-'));
    const dir = join(parent, 'dist');
    mkdirSync(dir);
    writeFileSync(join(dir, 'old-chart.k8s.yaml'), 'kind: X\n');
    synthAtomically(app(), { outdir: dir });
    expect(readdirSync(dir).sort()).toEqual([OUTPUT_MARKER, 'jobs.k8s.yaml']);
    expect(readdirSync(parent)).toEqual(['dist']);
  });
});

describe('where and how it writes', () => {
  it('a symlinked output is followed: the link stays, its target gets the new files', () => {
    const parent = mkdtempSync(join(tmpdir(), 'link-'));
    const checkout = join(parent, 'gitops-checkout', 'dist');
    mkdirSync(checkout, { recursive: true });
    writeFileSync(join(checkout, 'old.k8s.yaml'), 'kind: Old\n');
    symlinkSync(checkout, join(parent, 'dist'));
    const result = synthAtomically(app(), { outdir: join(parent, 'dist') });
    expect(lstatSync(join(parent, 'dist')).isSymbolicLink()).toBe(true);
    expect(result.outdir).toBe(checkout);
    expect(result.notes).toEqual([`${join(parent, 'dist')} is a symbolic link: wrote its target ${checkout}`]);
    expect(readdirSync(checkout).sort()).toEqual([OUTPUT_MARKER, 'jobs.k8s.yaml']);
    expect(readdirSync(join(parent, 'gitops-checkout'))).toEqual(['dist']);
  });

  it('staging folders have random names (not the pid), beside the target, and are gone afterwards', () => {
    const parent = mkdtempSync(join(tmpdir(), 'names-'));
    const seen: string[] = [];
    for (let i = 0; i < 2; i++) writeOutputFolder(join(parent, 'out'), (dir) => void seen.push(dir), { layout: 'plain' });
    expect(seen[0]).not.toBe(seen[1]);
    for (const s of seen) {
      expect(dirname(s)).toBe(parent);
      expect(s).toMatch(/\/\.out\.staging-[0-9a-f]{32}$/);
      expect(s).not.toContain(String(process.pid));
    }
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('a fill that throws publishes nothing', () => {
    const parent = mkdtempSync(join(tmpdir(), 'throw-'));
    expect(() => writeOutputFolder(join(parent, 'out'), () => { throw new Error('no'); }, { layout: 'plain' })).toThrow('no');
    expect(readdirSync(parent)).toEqual([]);
  });

  const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;
  const isRoot = process.getuid?.() === 0;
  // As root the app runs as nobody, which must be able to reach this checkout (a clone under a
  // private 0700 folder is out of its reach: then the case cannot be run here and is skipped).
  // The same for the temp folder: the test opens up its private one (below), not the folders above it
  // (a TMPDIR made by `mktemp -d` is 0700).
  const othersCanTraverse = (dir: string): boolean => {
    for (let d = dir; ; d = dirname(d)) {
      if ((statSync(d).mode & 0o001) === 0) return false;
      if (dirname(d) === d) return true;
    }
  };
  const canDropRoot =
    isRoot &&
    spawnSync('setpriv', ['--version']).status === 0 &&
    spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'test', '-r', join(root, 'node_modules/tsx/package.json')]).status === 0 &&
    othersCanTraverse(dirname(tmpdir()));

  it.runIf(!isRoot || canDropRoot)('an unwritable parent: replaced file by file, a note says so; exit 0', () => {
    // Root ignores permissions: run the app as nobody then (setpriv), else as ourselves.
    chmodSync(tmpdir(), 0o711); // our private temp root: traversable, so another user can reach the test folder
    const base = mkdtempSync(join(tmpdir(), 'ro-'));
    chmodSync(base, 0o755);
    const work = join(base, 'tmp');
    mkdirSync(work);
    chmodSync(work, 0o777);
    const parent = join(base, 'parent');
    const dist = join(parent, 'dist');
    mkdirSync(dist, { recursive: true });
    if (isRoot) chownSync(dist, 65534, 65534);
    chmodSync(parent, 0o555);
    try {
      const cmd = [process.execPath, '--import', 'tsx', join(root, 'test/fixtures/apps/atomic-app.ts'), 'large', '60'];
      const res = isRoot
        ? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', ...cmd], { cwd: root, encoding: 'utf8', env: { ...process.env, TMPDIR: work, CDK8S_OUTDIR: dist, CDK8S_FLINK_WARNINGS: 'off' } })
        : spawnSync(cmd[0], cmd.slice(1), { cwd: root, encoding: 'utf8', env: { ...process.env, TMPDIR: work, CDK8S_OUTDIR: dist, CDK8S_FLINK_WARNINGS: 'off' } });
      expect(res.status, res.stderr).toBe(0);
      expect(res.stderr).toMatch(/note: its parent .* is not writable, so the folder cannot be swapped whole: files were replaced one by one/);
      expect(readdirSync(dist).sort()).toEqual([OUTPUT_MARKER, 'jobs-000.k8s.yaml', 'jobs-001.k8s.yaml']);
      expect(readdirSync(parent)).toEqual(['dist']);
    } finally {
      chmodSync(parent, 0o755);
    }
  });

  it.runIf(canMount)('a mount point: replaced file by file (each file atomic), stale files of our previous output removed, a note says so', () => {
    const parent = mkdtempSync(join(tmpdir(), 'mnt-'));
    const dir = join(parent, 'dist');
    mkdirSync(dir);
    expect(spawnSync('mount', ['-t', 'tmpfs', 'none', dir]).status).toBe(0);
    try {
      writeFileSync(join(dir, 'gone.k8s.yaml'), 'kind: Gone\n');
      const result = synthAtomically(app(), { outdir: dir });
      expect(result.mode).toBe('in-place');
      expect(result.notes.join(' ')).toMatch(/is a mount point.*one by one/);
      expect(readdirSync(dir).sort()).toEqual([OUTPUT_MARKER, 'jobs.k8s.yaml']);
      expect(readdirSync(parent)).toEqual(['dist']);
      // Read-only: refused before anything is written, and said so.
      expect(spawnSync('mount', ['-o', 'remount,ro', dir]).status).toBe(0);
      let error: unknown;
      try {
        synthAtomically(app(), { outdir: dir });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(OutputError);
      expect((error as OutputError).written).toBe(false);
      expect((error as Error).message).toMatch(/cannot write to .*EROFS/);
    } finally {
      spawnSync('umount', [dir]);
    }
  });
});

describe('names are data, not paths: hostile names through every writer', () => {
  const HOSTILE = ['../escaped', 'x/../../../../escaped', '/etc/passwd', 'nul\u0000byte', 'ünïcödé-名前', '.', '..', 'a'.repeat(300), 'Risk_Prod', 'new\nline'];

  /** Runs `write` in a fresh parent; whatever happens, nothing may appear outside `parent/out`. */
  function contained(write: (outdir: string) => void): { error?: Error; files: string[] } {
    const parent = mkdtempSync(join(tmpdir(), 'hostile-'));
    const grand = dirname(parent);
    const siblingsBefore = readdirSync(grand).filter((n) => !n.startsWith('hostile-')).sort();
    let error: Error | undefined;
    try {
      write(join(parent, 'out'));
    } catch (e) {
      error = e as Error;
    }
    expect(readdirSync(parent).filter((n) => n !== 'out')).toEqual([]);
    expect(readdirSync(grand).filter((n) => !n.startsWith('hostile-')).sort()).toEqual(siblingsBefore);
    expect(existsSync('/etc/passwd.yaml')).toBe(false);
    return { error, files: existsSync(join(parent, 'out')) ? tree(join(parent, 'out')) : [] };
  }

  it('fileNameSegment keeps Kubernetes names and encodes everything else into one plain segment', () => {
    expect(fileNameSegment('orders-enrichment.v2')).toBe('orders-enrichment.v2');
    for (const h of HOSTILE) {
      const s = fileNameSegment(h);
      expect(s).not.toContain('/');
      expect(s).not.toContain('\u0000');
      expect(s.startsWith('.')).toBe(false);
      expect(Buffer.byteLength(s)).toBeLessThanOrEqual(200);
    }
    expect(fileNameSegment('a'.repeat(300))).not.toBe(fileNameSegment('a'.repeat(301)));
  });

  it('the writer refuses paths that leave the folder', () => {
    for (const rel of ['../x', 'a/../../x', '/abs', 'a//b', 'nul\u0000', '.', 'a/./b']) {
      expect(() => filesFill(new Map([[rel, 'x']]))).toThrow(/output path/);
    }
  });

  for (const layout of ['plain', 'file-per-resource', 'folder-per-chart', 'kustomize', 'helm'] as const) {
    it(`${layout}: hostile namespaces, object names and chart ids are refused or encoded, never a path`, () => {
      for (const h of HOSTILE) {
        for (const where of ['namespace', 'name', 'chart'] as const) {
          const build = (a: App) => {
            const chart = new Chart(a, where === 'chart' ? h.replace(/\//g, '_') || 'c' : 'jobs', where === 'namespace' ? { namespace: h } : {});
            new ApiObject(chart, 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: where === 'name' ? h : 'cm' }, data: { k: 'v' } });
          };
          const { error, files } = contained((outdir) => {
            if (layout === 'kustomize') {
              writeKustomizeLayout({ outdir, build });
            } else {
              const yamlOutputType =
                layout === 'file-per-resource' ? YamlOutputType.FILE_PER_RESOURCE : layout === 'folder-per-chart' ? YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE : undefined;
              const a = new App({ outdir, ...(yamlOutputType !== undefined ? { yamlOutputType } : {}) });
              build(a);
              if (layout === 'helm') writeHelmChart(a, { outdir, chartVersion: '1.0.0' });
              else synthAtomically(a);
            }
          });
          if (where !== 'chart') {
            // A bad namespace or name is refused by the metadata rules before anything is written.
            expect(error?.message, `${layout} ${where} ${JSON.stringify(h)}`).toMatch(/META-(NAME|NAMESPACE)/);
            expect(files).toEqual([]);
          } else if (!error) {
            for (const f of files) expect(f.split('/').every((seg) => seg !== '..' && !seg.includes('\u0000'))).toBe(true);
          }
        }
      }
    });
  }

  it('overlay (environment) names must be DNS labels', () => {
    for (const h of HOSTILE) {
      const { error, files } = contained((outdir) =>
        writeKustomizeLayout({ outdir, build: (a) => void job(new Chart(a, 'jobs')), environments: [{ name: h, build: (a) => void job(new Chart(a, 'jobs')) }] }),
      );
      expect(error?.message).toMatch(/is not a DNS label/);
      expect(files).toEqual([]);
    }
  });
});

describe('Kustomize through the same writer', () => {
  it('a failing build (invalid object, bad overlay name) leaves the previous deploy/ exactly as it was', () => {
    const parent = mkdtempSync(join(tmpdir(), 'kust-'));
    const outdir = join(parent, 'deploy');
    const good = (a: App) => void job(new Chart(a, 'jobs', { namespace: 'streaming' }));
    writeKustomizeLayout({ outdir, build: good, extraFiles: { 'gitops/note.yaml': 'a: 1\n' } });
    const before = tree(outdir);
    expect(before).toContain('gitops/note.yaml');
    expect(before).toContain(OUTPUT_MARKER);
    const bad = (a: App) => void new FlinkJob(new Chart(a, 'jobs'), 'Job', { name: 'x', image: 'flink:1.20.1-java17', flinkVersion: FlinkVersion.V1_20, job: { parallelism: 0 } } as never);
    expect(() => writeKustomizeLayout({ outdir, build: bad })).toThrow(/Validation failed/);
    expect(() => writeKustomizeLayout({ outdir, build: good, environments: [{ name: '../prod', build: good }] })).toThrow(/not a DNS label/);
    expect(() => writeKustomizeLayout({ outdir, build: good, extraFiles: { '../escape.yaml': 'x' } })).toThrow(/output path/);
    expect(tree(outdir)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['deploy']);
  });
});

describe('Helm chart through our writer', () => {
  it('escapes {{ so helm template renders the operator ingress placeholders and annotations literally', () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'helm-esc-')), 'chart');
    const a = new App({ outdir: join(tmpdir(), 'unused') });
    const chart = new Chart(a, 'jobs', { namespace: 'streaming' });
    new FlinkJob(chart, 'Job', {
      name: 'orders',
      image: 'flink:1.20.1-java17',
      flinkVersion: FlinkVersion.V1_20,
      annotations: { 'example.com/release': '{{ .Release.Name }}', 'example.com/fail': '{{ fail "executed" }}' },
      job: { parallelism: 1 },
      jobManager: { memory: '2048m' },
      taskManager: { memory: '2048m' },
      ingress: { template: '{{name}}.{{namespace}}.example.com' },
    });
    writeHelmChart(a, { outdir, chartVersion: '1.2.3' });
    const rendered = helm(['template', 'release', outdir]);
    expect(rendered.stderr).toBe('');
    expect(rendered.status).toBe(0);
    const objects = parseAllDocuments(rendered.stdout).map((d) => d.toJS()).filter(Boolean);
    const plain = parseAllDocuments(readFileSync(join(outdir, 'templates', 'jobs.k8s.yaml'), 'utf8').replace(/\{\{"\{\{"\}\}/g, '{{')).map((d) => d.toJS());
    expect(objects).toEqual(plain);
    expect(objects[0].spec.ingress.template).toBe('{{name}}.{{namespace}}.example.com');
    expect(objects[0].metadata.annotations['example.com/release']).toBe('{{ .Release.Name }}');
    expect(helm(['lint', outdir]).status).toBe(0);
  });

  it('an invalid app writes no chart at all (no empty chart that lints and renders nothing)', () => {
    const parent = mkdtempSync(join(tmpdir(), 'helm-bad-'));
    const a = new App({ outdir: join(tmpdir(), 'unused') });
    new FlinkJob(new Chart(a, 'jobs'), 'Job', { name: 'Bad_Name', image: 'flink:1.20.1-java17', flinkVersion: FlinkVersion.V1_20, job: { parallelism: 0 } } as never);
    expect(() => writeHelmChart(a, { outdir: join(parent, 'chart'), chartVersion: '1.0.0' })).toThrow(/Validation failed/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('an invalid app through synthOrExit (the real entry point of an app): exit 1, nothing written beside the output', () => {
    const parent = mkdtempSync(join(tmpdir(), 'helm-cli-'));
    const res = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/fixtures/apps/atomic-app.ts'), 'invalid'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CDK8S_OUTDIR: join(parent, 'dist') },
    });
    expect(res.status).toBe(1);
    expect(readdirSync(parent)).toEqual([]);
  });
});
