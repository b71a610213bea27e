import type { CliIo } from './io';

/** Placeholder until the schemas command lands. */
export async function run(_args: string[], io: CliIo): Promise<number> {
  io.err('schemas: not implemented yet');
  return 2;
}
