/**
 * One argument parser for every command: node's `util.parseArgs` splits the command line, this
 * module turns what it finds into the same messages everywhere (`unknown option "--x"`, with the
 * closest known option when one is near, `--x needs a value`, `--x given twice`, ...).
 */
import { parseArgs } from 'node:util';
import { didYouMean } from '../did-you-mean';

export { didYouMean };

/** A mistake on the command line: the command prints it with its usage and exits 2. */
export class UsageError extends Error {}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
}

export interface ParsedArgs {
  /** Each option given, by long name: a string, or `true` for a boolean. */
  readonly values: ReadonlyMap<string, string | true>;
  readonly positionals: readonly string[];
}

/**
 * Parses `args` against `options` (long names without `--`). `-h`/`--help` is always known, as
 * a boolean `help`. Throws UsageError for unknown options, missing or unexpected values, options
 * given twice, and positionals when `positionals` is false.
 */
export function parseCommandArgs(args: readonly string[], options: Readonly<Record<string, OptionSpec>>, positionals: boolean): ParsedArgs {
  const all: Record<string, OptionSpec> = { ...options, help: { type: 'boolean', short: 'h' } };
  const config = Object.fromEntries(Object.entries(all).map(([name, o]) => [name, o.short ? { type: o.type, short: o.short } : { type: o.type }]));
  const { tokens } = parseArgs({ args: [...args], options: config, strict: false, allowPositionals: true, tokens: true });
  const longNames = Object.keys(all).map((n) => `--${n}`);
  const values = new Map<string, string | true>();
  const rest: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'option-terminator') continue;
    if (t.kind === 'positional') {
      if (!positionals) throw new UsageError(`unexpected argument "${t.value}"`);
      rest.push(t.value);
      continue;
    }
    const spec = all[t.name];
    // util.parseArgs maps a known short flag to its long name; anything else is unknown.
    if (!spec || (t.rawName.startsWith('--') && t.rawName !== `--${t.name}`)) {
      const hint = didYouMean(t.rawName, longNames);
      throw new UsageError(`unknown option "${t.rawName}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
    }
    const flag = `--${t.name}`;
    if (spec.type === 'boolean') {
      if (t.inlineValue) throw new UsageError(`${flag} does not take a value`);
      values.set(t.name, true);
      continue;
    }
    const value = t.value;
    if (value === undefined || value === '' || (!t.inlineValue && value.startsWith('--') && all[value.slice(2).split('=')[0]] !== undefined)) {
      throw new UsageError(`${flag} needs a value`);
    }
    if (values.has(t.name)) throw new UsageError(`${flag} given twice`);
    values.set(t.name, value);
  }
  return { values, positionals: rest };
}

/** A string option's value, or undefined. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.values.get(name);
  return typeof v === 'string' ? v : undefined;
}
