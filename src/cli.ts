/**
 * `cdk8s-flink-bluegreen <command>`: the dispatcher. Each command lives in `cli/<command>.ts`
 * and exports `run(args, io)` returning the exit code (0 ok, 1 findings, 2 usage/input error).
 */
import type { CliIo } from './cli/io';
import { didYouMean } from './cli/args';
import { defaultIo } from './cli/io';
import { packageVersion } from './cli/version';

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Command }> = {
  validate: {
    summary: 'check Flink manifests against the CRD schemas and the operator rules',
    load: () => require('./cli/validate').run,
  },
  plan: {
    summary: 'predict what the operator will do with a change',
    load: () => require('./cli/plan').run,
  },
  schemas: {
    summary: 'write standalone JSON schemas for kubeconform',
    load: () => require('./cli/schemas').run,
  },
};

export function usage(): string {
  const lines = ['Usage: cdk8s-flink-bluegreen <command> [options]', '', 'Commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  lines.push('', 'Options:', '  -h, --help     show this help', '  --version      print the version of cdk8s-flink-bluegreen');
  lines.push('', 'Run `cdk8s-flink-bluegreen <command> --help` for the options of a command.');
  return lines.join('\n');
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.out(packageVersion());
    return 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    const known = Object.keys(COMMANDS);
    const hint = name.startsWith('-') ? didYouMean(name, ['--help', '--version']) : didYouMean(name, known);
    const what = name.startsWith('-') ? `unknown option "${name}"` : `unknown command "${name}"`;
    io.err(`cdk8s-flink-bluegreen: ${what}${hint ? ` (did you mean "${hint}"?)` : ''}\n\n${usage()}`);
    return 2;
  }
  try {
    return await cmd.load()(rest, io);
  } catch (e) {
    // Never a stack trace: an unexpected failure is reported as one line, exit 2.
    io.err(`error: ${(e as Error).message ?? String(e)}`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`error: ${(e as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
