import type { CliIo } from './io';

/** Placeholder until the plan command lands. */
export async function run(_args: string[], io: CliIo): Promise<number> {
  io.err('plan: not implemented yet');
  return 2;
}
