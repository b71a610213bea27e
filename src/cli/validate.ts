import type { CliIo } from './io';

/** Placeholder until the validate command lands. */
export async function run(_args: string[], io: CliIo): Promise<number> {
  io.err('validate: not implemented yet');
  return 2;
}
