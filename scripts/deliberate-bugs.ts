/**
 * Deliberate-bug checks: every promise of the README's "Guarantees" table is broken on purpose,
 * one bug at a time, in a scratch copy of the repository, and the tests the table names for that
 * promise must fail. A bug they do not catch is a promise no test holds.
 *
 *   npm run bugs                 every bug
 *   npm run bugs -- R7 R8a       only these
 *   npm run bugs -- --list       the catalogue
 *
 * Each scratch copy holds the tracked files as they are in the work tree (uncommitted edits
 * included) and a symlink to node_modules; it is removed afterwards. Exit 1 when a bug survives.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '..');

export interface DeliberateBug {
  /** Short id, referenced from the README's Guarantees table. */
  readonly id: string;
  /** The promise (Guarantees row) it breaks. */
  readonly promise: string;
  /** What the bug does, in words. */
  readonly bug: string;
  readonly file: string;
  /** Text that must occur exactly once in the file, and its replacement. */
  readonly find: string;
  readonly replace: string;
  /** Further edits of the same file, for a bug that needs two. */
  readonly more?: ReadonlyArray<{ readonly find: string; readonly replace: string }>;
  /** The test files that must fail. */
  readonly tests: readonly string[];
  /** Build lib/ from the sound sources before the bug goes in (a stale build beside the bug). */
  readonly buildFirst?: boolean;
}

export const BUGS: readonly DeliberateBug[] = [
  {
    id: 'R1a',
    promise: 'synth throws nothing but our validation error',
    bug: 'rendering a component with ephemeralStorage throws a TypeError',
    file: 'src/spec/flink-deployment-spec.ts',
    find: 'if (c.ephemeralStorage !== undefined) resource.ephemeralStorage = c.ephemeralStorage;',
    replace: 'if (c.ephemeralStorage !== undefined) (undefined as unknown as Record<string, unknown>).x = c.ephemeralStorage;',
    tests: ['test/fuzz/constructs.fuzz.test.ts'],
  },
  {
    id: 'R1b',
    promise: 'the fuzz generators reach every prop',
    bug: 'the optional-prop helper never generates the prop (fc.option freq 1, as before issue 19)',
    file: 'test/fuzz/arbitraries.ts',
    find: "return fc.oneof({ withCrossShrink: true }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: absentOneIn - 1, arbitrary: arb });",
    replace: 'return fc.option(arb, { nil: undefined, freq: 1 });',
    tests: ['test/fuzz/coverage.test.ts'],
  },
  {
    id: 'R1c',
    promise: 'most generated definitions are accepted, so the output invariants run',
    bug: 'the generator no longer repairs definitions (every definition keeps its generated mistakes)',
    file: 'test/fuzz/arbitraries.ts',
    find: 'const coherent = fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });',
    replace: 'const coherent = fc.constant(false);',
    tests: ['test/fuzz/constructs.fuzz.test.ts'],
  },
  {
    id: 'R2a',
    promise: 'names stay within their limits (blue/green 39)',
    bug: 'the FlinkBlueGreenDeployment name limit raised from 39 to 45',
    file: 'src/validation/rules/blue-green.ts',
    find: 'if (name.length > BG_NAME_MAX) {',
    replace: 'if (name.length > BG_NAME_MAX + 6) {',
    tests: ['test/validation/rules.test.ts', 'test/fuzz/constructs.fuzz.test.ts'],
  },
  {
    id: 'R2b',
    promise: 'the agent wiring appears exactly once, complete',
    bug: 'the agent jar is mounted without subPath',
    file: 'src/agent-wiring.ts',
    find: 'mainContainerMounts: [{ name: AGENT_VOLUME, mountPath: AGENT_MOUNT_PATH, subPath: AGENT_SUB_PATH }],',
    replace: 'mainContainerMounts: [{ name: AGENT_VOLUME, mountPath: AGENT_MOUNT_PATH }],',
    tests: ['test/constructs/manifest-wired.test.ts', 'test/fuzz/constructs.fuzz.test.ts'],
  },
  {
    id: 'R2c',
    promise: 'a container named like the agent init container is refused',
    bug: 'the check for containers named bluegreen-agent-init removed',
    file: 'src/validation/rules/agent-wiring.ts',
    find: 'if (obj(c)?.name === AGENT_INIT_CONTAINER && !hasInit) containersNamedLikeInit.push',
    replace: 'if (obj(c)?.name === AGENT_INIT_CONTAINER && !hasInit && false) containersNamedLikeInit.push',
    tests: ['test/fuzz/regressions.test.ts'],
  },
  {
    id: 'R3a',
    promise: 'output is byte-identical across synths',
    bug: 'blue/green objects get a label with the synthesis time',
    file: 'src/blue-green-flink-job.ts',
    find: '      labels: labels && Object.keys(labels).length > 0 ? { ...labels } : undefined,',
    replace: "      labels: labels && Object.keys(labels).length > 0 ? { ...labels, 'synth-time': String(process.hrtime.bigint()) } : undefined,",
    tests: ['test/fuzz/constructs.fuzz.test.ts', 'test/example-app.test.ts'],
  },
  {
    id: 'R3b',
    promise: 'the committed dist/ is what npm run synth writes',
    bug: 'dist/ edited by hand (parallelism 3 → 30)',
    file: 'dist/fraud-scoring.k8s.yaml',
    find: '    parallelism: 3\n',
    replace: '    parallelism: 30\n',
    tests: ['test/committed-output.test.ts'],
  },
  {
    id: 'R3c',
    promise: 'the committed deploy/ is what npm run synth:kustomize writes',
    bug: 'a deploy/ overlay edited by hand',
    file: 'deploy/gitops/flux-kustomization.yaml',
    find: 'name: flink-jobs-production',
    replace: 'name: flink-jobs-prod',
    tests: ['test/committed-output.test.ts'],
  },
  {
    id: 'R4',
    promise: 'an invalid app reports every problem at once',
    bug: 'only the first error of a construct is reported',
    file: 'src/synth-validation.ts',
    find: "const errors = [...propProblems.map(formatPropProblem), ...findings.filter((f) => f.severity === 'error').map(formatFinding)].map(mask);",
    replace: "const errors = [...propProblems.map(formatPropProblem), ...findings.filter((f) => f.severity === 'error').map(formatFinding)].map(mask).slice(0, 1);",
    tests: ['test/example-app.test.ts', 'test/fuzz/every-problem.fuzz.test.ts'],
  },
  {
    id: 'R5',
    promise: 'a failed synthesis leaves the previous dist/ byte-identical',
    bug: 'a failed synthesis removes the previous output',
    file: 'src/output/output-folder.ts',
    find: '    writeDurably(join(staging, WORK_MARKER), JSON.stringify(work));\n    files = build(staging, fill, options.layout);\n  } catch (e) {\n    rmSync(staging, { recursive: true, force: true });\n    throw e;\n  }\n  const old',
    replace: '    writeDurably(join(staging, WORK_MARKER), JSON.stringify(work));\n    files = build(staging, fill, options.layout);\n  } catch (e) {\n    rmSync(staging, { recursive: true, force: true });\n    rmSync(target, { recursive: true, force: true });\n    throw e;\n  }\n  const old',
    tests: ['test/atomic/atomic-synth.test.ts'],
  },
  {
    id: 'R6',
    promise: 'npm run synth writes in linear time',
    bug: 'each chart walks the whole app for its dependency order (quadratic, same output)',
    file: 'src/chart-writer.ts',
    find: 'return new DependencyGraph(chart.node)',
    replace: 'return new DependencyGraph(chart.node.root.node)',
    tests: ['test/chart-writer.test.ts'],
  },
  {
    id: 'R7',
    promise: 'validate and plan refuse inputs over 16 MiB (bounded memory)',
    bug: 'the input limit raised to 400 MiB',
    file: 'src/io/load-documents.ts',
    find: 'export const MAX_FILE_BYTES = 16 * 1024 * 1024;',
    replace: 'export const MAX_FILE_BYTES = 400 * 1024 * 1024;',
    tests: ['test/cli/input-limit.test.ts'],
  },
  {
    id: 'R8a',
    promise: 'cutover overrides merge into the nested groups',
    bug: 'applyOverrides replaces job/jobManager/taskManager/flinkConfiguration whole',
    file: 'src/cutover-overrides.ts',
    find: "  for (const key of ['job', 'jobManager', 'taskManager', 'flinkConfiguration'] as const) {",
    replace: "  for (const key of [] as Array<'job'>) {",
    tests: ['test/fuzz/regressions.test.ts', 'test/fuzz/constructs.fuzz.test.ts'],
  },
  {
    id: 'R8b',
    promise: 'cutover overrides are checked like props',
    bug: 'overrides skip the prop checks',
    file: 'src/blue-green-flink-job.ts',
    find: '    if (step.type === \'complete\' || step.type === \'savepoint\' || step.overrides === undefined) return;',
    replace: '    if (step.type === \'complete\' || step.type === \'savepoint\' || step.overrides === undefined || true) return;',
    tests: ['test/fuzz/regressions.test.ts'],
  },
  {
    id: 'R8c',
    promise: 'the gate RBAC binds every account a colour runs under',
    bug: 'the RoleBinding binds only the job\'s own account',
    file: 'src/blue-green-flink-job.ts',
    find: '    return deployments.map((d) => d.overrides?.serviceAccount ?? base);',
    replace: '    return deployments.map(() => base);',
    tests: ['test/fuzz/regressions.test.ts', 'test/constructs/manifest-wired.test.ts'],
  },
  {
    id: 'R9',
    promise: 'a secret is never printed',
    bug: 'credential values printed as they are',
    file: 'src/validation/rules/security.ts',
    find: '  return `*** (${value.length} characters, hidden)`;',
    replace: '  return value;',
    tests: ['test/validation/security.test.ts', 'test/cli/validate-cli.test.ts'],
  },
  {
    id: 'R10',
    promise: 'errors cannot be suppressed',
    bug: 'an annotation suppresses errors too',
    file: 'src/validation/suppression.ts',
    find: "    if (info.severity === 'error') {",
    replace: '    if (false) {',
    more: [{ find: "  return [...findings.filter((f) => !(f.severity === 'warning' && suppressed.has(f.rule))), ...out];", replace: '  return [...findings.filter((f) => !suppressed.has(f.rule)), ...out];' }],
    tests: ['test/validation/suppression.test.ts'],
  },
  {
    id: 'R11',
    promise: 'JSON Pointers (findings, plan, Kustomize patches, Argo CD) are escaped per RFC 6901',
    bug: 'RFC 6901 escaping removed',
    file: 'src/json-pointer.ts',
    find: "  return String(token).replace(/~/g, '~0').replace(/\\//g, '~1');",
    replace: '  return String(token);',
    tests: ['test/json-pointer.test.ts'],
  },
  {
    id: 'R12',
    promise: 'the CLI tests run the code under test, never a stale lib/',
    bug: 'validate always exits 0 in src/, beside a lib/ built before the bug',
    file: 'src/cli/validate.ts',
    find: '  return hasErrors ? 1 : 0;',
    replace: '  return 0;',
    tests: ['test/cli/validate-cli.test.ts'],
    buildFirst: true,
  },
  {
    id: 'R13',
    promise: 'npm run import leaves cdk8s.yaml as it is (the Helm chart never bundles the CRDs)',
    bug: 'import-crds.js no longer puts cdk8s.yaml back',
    file: 'scripts/import-crds.js',
    find: '  else if (!fs.readFileSync(config).equals(before)) fs.writeFileSync(config, before);',
    replace: '  else void 0;',
    tests: ['test/import-crds.test.ts'],
  },
  {
    id: 'R14a',
    promise: "our objects render exactly as cdk8s's ApiObject.toJson() would",
    bug: 'object keys are no longer sorted when they come out of order',
    file: 'src/plain-api-object.ts',
    find: '      keys.sort();\n      break;',
    replace: '      break;',
    tests: ['test/plain-api-object.test.ts', 'test/fuzz/constructs.fuzz.test.ts'],
  },
  {
    id: 'R14b',
    promise: "our objects render exactly as cdk8s's ApiObject.toJson() would",
    bug: 'JSON patches added with addJsonPatch() are ignored',
    file: 'src/plain-api-object.ts',
    find: 'if (!Array.isArray(patches) || patches.length > 0) return undefined;',
    replace: 'if (!Array.isArray(patches)) return undefined;',
    tests: ['test/plain-api-object.test.ts'],
  },
];

/** The tracked files of the work tree. */
function trackedFiles(): string[] {
  const r = spawnSync('git', ['ls-files', '-z', '--cached'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr}`);
  return r.stdout.split('\0').filter((f) => f !== '');
}

function sandbox(files: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'deliberate-bug-'));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    try {
      cpSync(join(root, f), join(dir, f));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; // deleted in the work tree
    }
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function applyBug(dir: string, bug: DeliberateBug): void {
  const file = join(dir, bug.file);
  let text = readFileSync(file, 'utf8');
  for (const edit of [{ find: bug.find, replace: bug.replace }, ...(bug.more ?? [])]) {
    const n = text.split(edit.find).length - 1;
    if (n !== 1) throw new Error(`${bug.id}: expected the text to break exactly once in ${bug.file}, found it ${n} times (the catalogue is stale)`);
    text = text.replace(edit.find, edit.replace);
  }
  writeFileSync(file, text);
}

interface Result {
  readonly bug: DeliberateBug;
  readonly caught: boolean;
  readonly failed: string;
  readonly seconds: number;
}

function run(bug: DeliberateBug, files: readonly string[]): Result {
  const started = Date.now();
  const dir = sandbox(files);
  try {
    if (bug.buildFirst) {
      const b = spawnSync(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, encoding: 'utf8' });
      if (b.status !== 0) throw new Error(`${bug.id}: build failed: ${b.stdout}${b.stderr}`);
    }
    applyBug(dir, bug);
    const r = spawnSync(process.execPath, [join(dir, 'node_modules/vitest/vitest.mjs'), 'run', ...bug.tests], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS ?? '200', CDK8S_FLINK_WARNINGS: 'off', NO_COLOR: '1', FORCE_COLOR: '0' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const out = `${r.stdout}${r.stderr}`;
    // A bug must make tests fail, not keep the suite from loading.
    const failedTests = /Tests\s+(\d+) failed/.exec(out)?.[1];
    const caught = r.status !== 0 && failedTests !== undefined && Number(failedTests) > 0;
    const names = [...out.matchAll(/^\s*(?:×|✗|FAIL)\s+(.+)$/gm)].map((m) => m[1].trim()).filter((s) => s.includes('.test.ts'));
    return { bug, caught, failed: caught ? `${failedTests} failed: ${[...new Set(names)].slice(0, 3).join('; ')}` : `exit ${r.status}${failedTests === undefined ? ' (no failing test)' : ''}`, seconds: (Date.now() - started) / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    for (const b of BUGS) console.log(`${b.id.padEnd(4)} ${b.promise}\n     bug: ${b.bug} (${b.file})\n     must fail: ${b.tests.join(', ')}`);
    return;
  }
  const selected = args.length > 0 ? BUGS.filter((b) => args.includes(b.id)) : BUGS;
  if (selected.length === 0) throw new Error(`no bug named ${args.join(', ')}; see --list`);
  const files = trackedFiles();
  const results: Result[] = [];
  for (const bug of selected) {
    const r = run(bug, files);
    results.push(r);
    console.log(`${r.caught ? 'caught  ' : 'SURVIVED'} ${bug.id.padEnd(4)} ${bug.bug} → ${bug.tests.join(', ')}: ${r.failed} (${r.seconds.toFixed(0)} s)`);
  }
  const survived = results.filter((r) => !r.caught);
  console.log(`\n${results.length - survived.length}/${results.length} deliberate bugs caught${survived.length ? `; survived: ${survived.map((r) => r.bug.id).join(', ')}` : ''}`);
  if (survived.length > 0) process.exitCode = 1;
}

if (require.main === module) main();
