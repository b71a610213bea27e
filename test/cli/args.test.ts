import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { didYouMean, parseCommandArgs, UsageError } from '../../src/cli/args';

const ROOT = join(__dirname, '..', '..');
const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'cdk8s-flink-bluegreen.js'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('one command-line format for every command', () => {
  it.each([
    ['validate', ['--fromat', 'json', 'dist'], 'validate: unknown option "--fromat" (did you mean "--format"?)'],
    ['plan', ['--form', 'a', '--to', 'b'], 'plan: unknown option "--form" (did you mean "--from"?)'],
    ['schemas', ['--output', 'x'], 'schemas: unknown option "--output" (did you mean "--out"?)'],
    ['schemas', ['-x'], 'schemas: unknown option "-x"'],
  ])('%s: an unknown option names it (and the nearest known one), then the usage; exit 2', (command, args, first) => {
    const r = cli(command, ...args);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(first);
    expect(r.stderr).toMatch(new RegExp(`\\n\\nUsage:\\s+cdk8s-flink-bluegreen ${command} `));
    expect(r.stdout).toBe('');
  });

  it('--version prints the package version; an unknown command gets a suggestion', () => {
    const v = cli('--version');
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe((require('../../package.json') as { version: string }).version);
    const r = cli('valdate', 'dist');
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('cdk8s-flink-bluegreen: unknown command "valdate" (did you mean "validate"?)');
  });
});

describe('parseCommandArgs', () => {
  const opts = { format: { type: 'string' }, strict: { type: 'boolean' } } as const;
  const error = (args: string[], positionals = true) => {
    try {
      parseCommandArgs(args, opts, positionals);
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      return (e as Error).message;
    }
    return 'no error';
  };

  it('accepts --x v, --x=v, booleans, -h and positionals after --', () => {
    const p = parseCommandArgs(['--format=json', '--strict', 'a', '--', '--b'], opts, true);
    expect([...p.values]).toEqual([['format', 'json'], ['strict', true]]);
    expect(p.positionals).toEqual(['a', '--b']);
    expect(parseCommandArgs(['-h'], opts, true).values.get('help')).toBe(true);
  });

  it.each([
    [['--format'], '--format needs a value'],
    [['--format', '--strict'], '--format needs a value'],
    [['--format='], '--format needs a value'],
    [['--format', 'a', '--format', 'b'], '--format given twice'],
    [['--strict=yes'], '--strict does not take a value'],
    [['--bogus'], 'unknown option "--bogus"'],
  ])('%j: %s', (args, message) => {
    expect(error(args)).toBe(message);
  });

  it('positionals are refused where a command takes none', () => {
    expect(error(['x'], false)).toBe('unexpected argument "x"');
  });

  it('suggests only near names', () => {
    expect(didYouMean('bluegren', ['gate', 'bluegreen', 'image'])).toBe('bluegreen');
    expect(didYouMean('zzzzzz', ['gate', 'image'])).toBeUndefined();
  });
});
